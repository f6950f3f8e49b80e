// Many endpoints against one trust store (`diagnose --targets FILE`, the app's "Check endpoints"): "which
// of my 300 endpoints would break if I swap this trust store or upgrade the JDK?". Each target is probed
// with its own timeout, a bounded number at once, and judged with the same store; a target that cannot
// be reached is a failed verdict with its reason, not the end of the run.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { UsageError } from '../../../shared/errors';
import type { DecodedStore } from '../../../shared/formats/codec';
import type { ClientProfile } from '../../../shared/model/probe';
import type { TargetsSummary, TargetVerdict } from '../../../shared/model/targets';
import { nodeCrypto } from '../crypto/node-crypto';
import { parseTarget, probeTls, type ProbeOptions } from '../tls/probe';
import { mapLimit } from './map-limit';
import { diagnoseRecord } from './probe-service';

export type { TargetsSummary, TargetVerdict } from '../../../shared/model/targets';

export const DEFAULT_TARGET_CONCURRENCY = 16;
/** More targets than any person lists; a bigger file is a mistake (or a scan). */
export const MAX_TARGETS = 10_000;

export interface TargetLine {
  readonly target: string;
  /** 1-based line number in the file, for messages. */
  readonly line: number;
}

/** One target per line, any scheme; blank lines and '#' comments (whole-line or after a space) are skipped. */
export function readTargets(text: string, file: string): TargetLine[] {
  const targets: TargetLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const target = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!target) return;
    try {
      parseTarget(target);
    } catch (error) {
      throw new UsageError(`${file} line ${index + 1}: ${(error as Error).message}`);
    }
    targets.push({ target, line: index + 1 });
  });
  if (targets.length === 0) throw new UsageError(`${file} names no targets: write one per line (https://host, host:port, ldap://host, …); '#' starts a comment`);
  if (targets.length > MAX_TARGETS) throw new UsageError(`${file} names ${targets.length} targets; at most ${MAX_TARGETS} are checked in one run`);
  return targets;
}

export interface ManyTargetsOptions extends Omit<ProbeOptions, 'address'> {
  /** Targets probed at once; default 16. */
  readonly concurrency?: number;
  /** Called as each target is done (for progress), with how many are done so far. */
  readonly onVerdict?: (verdict: TargetVerdict, done: number, total: number) => void;
  readonly crypto?: CryptoProvider;
}

function failed(target: string, client: ClientProfile, error: unknown): TargetVerdict {
  const code = (error as { code?: string }).code ?? 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return { target, client, trusted: false, path: [], problems: [], missing: [], error: { code, message } };
}

/** Diagnose every target with `store` for `client`; verdicts in the order given. */
export async function diagnoseTargets(targets: readonly string[], store: DecodedStore, client: ClientProfile, options: ManyTargetsOptions = {}): Promise<TargetVerdict[]> {
  const { concurrency = DEFAULT_TARGET_CONCURRENCY, onVerdict, crypto = nodeCrypto, ...probeOptions } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new UsageError(`the concurrency must be a whole number from 1 to 256, not ${concurrency}`);
  let done = 0;
  return mapLimit(targets, concurrency, async (target) => {
    let verdict: TargetVerdict;
    try {
      const record = await probeTls(target, probeOptions);
      verdict = { ...diagnoseRecord(target, record, store, client, crypto), address: record.address };
    } catch (error) {
      if ((error as { code?: string }).code === 'CANCELLED' && probeOptions.signal?.aborted) throw error;
      verdict = failed(target, client, error);
    }
    done += 1;
    onVerdict?.(verdict, done, targets.length);
    return verdict;
  });
}

/** Failures first (unreachable, then not trusted), each group in the order given: how people read the list. */
export function failuresFirst<T extends TargetVerdict>(verdicts: readonly T[]): T[] {
  const rank = (v: TargetVerdict) => (v.error ? 0 : v.trusted ? 2 : 1);
  return verdicts.map((v, i) => [v, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([v]) => v);
}

export function summarizeTargets(verdicts: readonly TargetVerdict[]): TargetsSummary {
  const failedCount = verdicts.filter((v) => v.error).length;
  const trusted = verdicts.filter((v) => v.trusted).length;
  return { total: verdicts.length, trusted, untrusted: verdicts.length - trusted - failedCount, failed: failedCount };
}
