// What recent probes recorded, kept in the main process so the UI can export or import a server's
// certificates by naming the probe (its request id) or the target, without ever sending certificate
// bytes it got from us back. Bounded: the oldest probes are forgotten first.
import type { KnownCertificate } from '../../../shared/chain/known-issuers';
import type { ProbeRecord } from '../tls/probe';
import { formatEndpoint, parseTarget } from '../tls/probe';

const MAX_PROBES = 32;
/** A probe by target is reused for this long; after that the server is asked again (it may have changed). */
const TARGET_REUSE_MS = 10 * 60_000;

/** host:port plus the SNI asked for: two probes of the same key would record the same server. */
export function probeKey(target: string, servername?: string): string {
  let endpoint: string;
  try {
    const parsed = parseTarget(target);
    endpoint = `${parsed.starttls ? `${parsed.starttls}+` : ''}${formatEndpoint(parsed)}`;
  } catch {
    endpoint = target.trim().toLowerCase();
  }
  return `${endpoint}#${servername ?? ''}`;
}

export class ProbeCache {
  private readonly byRequest = new Map<string, ProbeRecord>();
  private readonly byTarget = new Map<string, ProbeRecord>();
  private readonly recordedAt = new WeakMap<ProbeRecord, number>();
  /** What a diagnosis of a probe found elsewhere for it (another store of this machine, a CA Issuers URL). */
  private readonly foundFor = new WeakMap<ProbeRecord, readonly KnownCertificate[]>();

  remember(requestId: string, target: string, servername: string | undefined, record: ProbeRecord): void {
    this.recordedAt.set(record, Date.now());
    put(this.byRequest, requestId, record);
    put(this.byTarget, probeKey(target, servername), record);
  }

  rememberFound(record: ProbeRecord, found: readonly KnownCertificate[]): void {
    this.foundFor.set(record, found);
  }

  /** The certificates the latest diagnosis of this probe found elsewhere; none if it found nothing. */
  found(record: ProbeRecord): readonly KnownCertificate[] {
    return this.foundFor.get(record) ?? [];
  }

  byId(requestId: string): ProbeRecord | undefined {
    return this.byRequest.get(requestId);
  }

  forTarget(target: string, servername?: string): ProbeRecord | undefined {
    const record = this.byTarget.get(probeKey(target, servername));
    return record && Date.now() - (this.recordedAt.get(record) ?? 0) < TARGET_REUSE_MS ? record : undefined;
  }
}

function put(map: Map<string, ProbeRecord>, key: string, record: ProbeRecord): void {
  map.delete(key);
  map.set(key, record);
  while (map.size > MAX_PROBES) map.delete(map.keys().next().value!);
}
