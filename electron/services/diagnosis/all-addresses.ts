// Every address behind a name (--all-addresses, and the app's toggle): resolve every A and AAAA record,
// probe each address in parallel (a few at a time), and say which serve which chain, which differ and which
// fail. A failure that "happens sometimes" is usually one backend of several serving a different chain.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { AddressDifferences, AddressProbe, ClientProfile, Diagnosis, ProbeResult, Problem } from '../../../shared/model/probe';
import type { DecodedStore } from '../../../shared/formats/codec';
import { UsageError } from '../../../shared/errors';
import { nodeCrypto } from '../crypto/node-crypto';
import { proxyFor } from '../network/proxy-tunnel';
import { resolveAll } from '../network/resolve';
import { formatEndpoint, parseTarget, probeTls, type ProbeOptions, type ProbeRecord } from '../tls/probe';
import { diagnoseRecord, probeResult } from './probe-service';
import { mapLimit } from './map-limit';

/** Addresses probed at once: enough for any real name, few enough not to look like a scan. */
export const ADDRESS_CONCURRENCY = 8;

export interface AddressOutcome {
  readonly address: string;
  readonly record?: ProbeRecord;
  readonly result?: ProbeResult;
  readonly error?: Error;
}

/** The addresses `target`'s host has (the --resolve rules first); a proxy resolves names itself, so none then. */
export async function targetAddresses(target: string, options: ProbeOptions): Promise<string[]> {
  const parsed = parseTarget(target, options.starttls);
  if (proxyFor(parsed, options.proxy)) {
    throw new UsageError(`--all-addresses needs a direct connection: the proxy resolves ${parsed.host} itself (add --no-proxy)`);
  }
  return resolveAll(parsed.host, parsed.port, formatEndpoint(parsed), options.resolve);
}

/** Probe each address of `addresses` for `target` (SNI and names stay the host's); failures are kept, not thrown. */
export async function probeAddresses(target: string, addresses: readonly string[], options: ProbeOptions, crypto: CryptoProvider = nodeCrypto): Promise<AddressOutcome[]> {
  return mapLimit(addresses, ADDRESS_CONCURRENCY, async (address) => {
    try {
      const record = await probeTls(target, { ...options, address, proxy: null });
      return { address, record, result: probeResult(record, crypto) };
    } catch (error) {
      if ((error as { code?: string }).code === 'USAGE') throw error;
      return { address, error: error as Error };
    }
  });
}

/** The JSON form of each outcome, with its verdict when `diagnoses` (by address) are given. */
export function addressProbes(outcomes: readonly AddressOutcome[], diagnoses?: ReadonlyMap<string, Diagnosis>): AddressProbe[] {
  return outcomes.map((outcome) => {
    const diagnosis = diagnoses?.get(outcome.address);
    return {
      address: outcome.address,
      sent: outcome.result?.sent ?? [],
      protocol: outcome.result?.protocol ?? '',
      ...(outcome.error ? { error: outcome.error.message } : {}),
      ...(diagnosis ? { trusted: diagnosis.trusted, problems: diagnosis.problems } : outcome.error && diagnoses ? { trusted: false, problems: [] } : {}),
    };
  });
}

function list(addresses: readonly string[]): string {
  if (addresses.length <= 1) return addresses.join('');
  return `${addresses.slice(0, -1).join(', ')} and ${addresses.at(-1)}`;
}

export function addressDifferences(probes: readonly AddressProbe[]): AddressDifferences {
  const answered = probes.filter((p) => !p.error);
  const failed = probes.filter((p) => p.error).map((p) => p.address);
  const groups: { addresses: string[]; sha256: string[] }[] = [];
  for (const probe of answered) {
    const sha256 = probe.sent.map((cert) => cert.sha256);
    const group = groups.find((g) => g.sha256.join() === sha256.join());
    if (group) group.addresses.push(probe.address);
    else groups.push({ addresses: [probe.address], sha256 });
  }
  const protocols = new Set(answered.map((p) => p.protocol));
  const parts: string[] = [];
  if (groups.length === 1) parts.push(answered.length === 1 ? `${answered[0]!.address} answered` : `${answered.length === probes.length ? 'all ' : ''}${list(groups[0]!.addresses)} send the same chain`);
  else if (groups.length > 1) parts.push(`${groups.length} different chains: ${groups.map((g) => list(g.addresses)).join('; ')}`);
  if (failed.length) parts.push(`${list(failed)} could not be probed`);
  if (protocols.size > 1) parts.push(`protocols differ (${[...protocols].join(', ')})`);
  return { chain: groups.length > 1 || (failed.length > 0 && answered.length > 0), protocol: protocols.size > 1, failed, groups, summary: parts.join('; ') };
}

/** What is wrong at one address, in a few words for the verdict ("sends no intermediate"). */
function shortReason(probe: AddressProbe): string {
  if (probe.error) return `could not be probed (${probe.error})`;
  const problem: Problem | undefined = probe.problems?.[0];
  switch (problem?.code) {
    case 'INCOMPLETE_CHAIN':
      return probe.sent.length === 1 ? 'sends no intermediate' : 'sends an incomplete chain';
    case 'UNTRUSTED_ROOT':
      return 'serves a chain whose root this store lacks';
    case 'SELF_SIGNED':
      return 'serves a self-signed certificate this store does not hold';
    case 'EXPIRED':
      return 'serves an expired certificate';
    case 'NOT_YET_VALID':
      return 'serves a certificate that is not yet valid';
    case 'HOSTNAME_MISMATCH':
      return 'serves a certificate for another name';
    case undefined:
      return 'is not trusted';
    default:
      return `fails with ${problem!.code}`;
  }
}

/** "2 of 3 addresses serve a chain this store trusts; 127.0.0.2 sends no intermediate". */
export function addressVerdict(probes: readonly AddressProbe[]): string {
  const trusted = probes.filter((p) => p.trusted);
  if (trusted.length === probes.length) return `${probes.length === 1 ? 'the one address serves' : `all ${probes.length} addresses serve`} a chain this store trusts`;
  const failing = probes.filter((p) => !p.trusted).map((p) => `${p.address} ${shortReason(p)}`);
  return `${trusted.length} of ${probes.length} addresses serve a chain this store trusts; ${failing.join('; ')}`;
}

/** A diagnosis of one address with the address in its problems and fixes, for the document's top level. */
export function atAddress(diagnosis: Diagnosis, address: string): Diagnosis {
  return { ...diagnosis, problems: diagnosis.problems.map((p) => ({ ...p, message: `${address}: ${p.message}`, fix: `On ${address}: ${p.fix}` })) };
}

/** Diagnose every address that answered (without looking elsewhere for missing issuers: that is for the one shown). */
export function diagnoseAddresses(target: string, outcomes: readonly AddressOutcome[], store: DecodedStore, client: ClientProfile, crypto: CryptoProvider = nodeCrypto): Map<string, Diagnosis> {
  const diagnoses = new Map<string, Diagnosis>();
  for (const outcome of outcomes) if (outcome.record) diagnoses.set(outcome.address, diagnoseRecord(target, outcome.record, store, client, crypto));
  return diagnoses;
}
