// Probe a server and diagnose it against a store: composes the TLS recorder with the pure chain code.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { diagnose, type IgnoredAnchor, type TrustAnchorEntry } from '../../../shared/chain/diagnose';
import type { KnownCertificate } from '../../../shared/chain/known-issuers';
import type { JavaRules } from '../../../shared/chain/java-certpath';
import type { DecodedStore } from '../../../shared/formats/codec';
import { certifies, chainIssues } from '../../../shared/chain/shape';
import type { CertificateRole } from '../../../shared/model/certificate';
import type { ClientProfile, Diagnosis, ProbeResult } from '../../../shared/model/probe';
import { distinguishedName, equalBytes, isSelfIssued, parseCertificate, summarize, type ParsedCertificate } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../crypto/node-crypto';
import { probeTls, type ProbeOptions, type ProbeRecord } from '../tls/probe';

export interface ProbeOutcome {
  readonly record: ProbeRecord;
  readonly result: ProbeResult;
}

/** A CA name as the server sent it; one that does not read is shown as its hex, not dropped. */
function readableName(der: Uint8Array): string {
  try {
    return distinguishedName(der);
  } catch {
    return `(unreadable name ${Buffer.from(der).toString('hex').slice(0, 64)})`;
  }
}

export function probeResult(record: ProbeRecord, crypto: CryptoProvider = nodeCrypto): ProbeResult {
  const parsed = record.sent.map((der) => parseCertificate(der));
  const roles = sentRoles(parsed, crypto);
  return {
    host: record.host,
    port: record.port,
    address: record.address,
    servername: record.servername,
    ...(record.starttls ? { starttls: record.starttls } : {}),
    protocol: record.protocol,
    cipher: record.cipher,
    alpn: record.alpn,
    ...(record.proxy ? { proxy: record.proxy } : {}),
    ...(record.clientCertificateRequested
      ? { clientCertificate: { required: record.handshakeFailure !== undefined, acceptedIssuers: (record.acceptedIssuers ?? []).map(readableName) } }
      : {}),
    sent: parsed.map((cert, i) => {
      const summary = summarize(cert, crypto);
      const role = roles[i];
      return role ? { ...summary, role } : summary;
    }),
    ...(record.ocspStaple ? { stapled: true as const } : {}),
    chainIssues: chainIssues(parsed, crypto),
  };
}

/**
 * The leaf's path through what the server sent, as indexes into `sent` (first copies only): the first is
 * the leaf; the path goes on to a sent issuer, the next one in wire order first, as chainIssues walks it,
 * and ends at a self-signed certificate or where no sent certificate issued the last one.
 */
export function sentPath(sent: readonly ParsedCertificate[], crypto: CryptoProvider): number[] {
  if (sent.length === 0) return [];
  const distinct = distinctIndexes(sent).distinct;
  const path = [0];
  for (;;) {
    const current = path[path.length - 1]!;
    if (certifies(sent[current]!, sent[current]!, crypto)) break;
    const position = distinct.indexOf(current);
    const candidates = [...distinct.slice(position + 1), ...distinct.slice(0, position)];
    const issuer = candidates.find((i) => !path.includes(i) && certifies(sent[i]!, sent[current]!, crypto));
    if (issuer === undefined) break;
    path.push(issuer);
  }
  return path;
}

/** The first copy of each distinct certificate, and for each index the index of its first copy. */
function distinctIndexes(sent: readonly ParsedCertificate[]): { distinct: number[]; firstCopy: number[] } {
  const distinct: number[] = [];
  const firstCopy = sent.map((cert, index) => {
    const first = distinct.find((d) => equalBytes(sent[d]!.der, cert.der));
    if (first !== undefined) return first;
    distinct.push(index);
    return index;
  });
  return { distinct, firstCopy };
}

/**
 * The role of each certificate the server sent, on the leaf's path through them (sentPath; CLI-CONTRACT.md:
 * the certificate object's `role`), so that roles and chain issues agree; a self-signed certificate that
 * ends the path is the root. Copies share their certificate's role; certificates off the path
 * (EXTRA_CERTS) are part of no chain and get none.
 */
export function sentRoles(sent: readonly ParsedCertificate[], crypto: CryptoProvider): (CertificateRole | undefined)[] {
  if (sent.length === 0) return [];
  const path = sentPath(sent, crypto);
  const roles = new Map<number, CertificateRole>(
    path.map((index, i) => [index, i === 0 ? 'leaf' : i === path.length - 1 && isSelfIssued(sent[index]!) ? 'root' : 'intermediate']),
  );
  return distinctIndexes(sent).firstCopy.map((index) => roles.get(index));
}

export async function probe(target: string, options: ProbeOptions = {}, crypto: CryptoProvider = nodeCrypto): Promise<ProbeOutcome> {
  const record = await probeTls(target, options);
  return { record, result: probeResult(record, crypto) };
}

/**
 * The certificates `client` trusts in a store.
 * - Java (JSSE's TrustStoreUtil): every trusted-certificate entry, and the first certificate of every
 *   private-key entry. In a PKCS#12 file a certificate is a trusted-certificate entry only with Java's
 *   trusted-key-usage attribute: OpenSSL writes none, so keytool lists an OpenSSL-made trust store as empty.
 * - OpenSSL: every certificate of the CA file (a key entry's certificate is not a CA).
 */
export function trustAnchors(store: DecodedStore, client: ClientProfile = 'openssl'): TrustAnchorEntry[] {
  const anchors: TrustAnchorEntry[] = [];
  for (const entry of store.entries) {
    const der = entry.certificates[0];
    if (!der) continue;
    if (entry.type === 'trustedCertificate' ? client === 'openssl' || entry.javaTrusted !== false : client === 'java' && entry.type === 'privateKey') {
      anchors.push({ alias: entry.alias, der });
    }
  }
  return anchors;
}

/** Certificates the store holds that Java does not take as anchors, and why (for the diagnosis to say so). */
export function ignoredAnchors(store: DecodedStore, client: ClientProfile): IgnoredAnchor[] {
  if (client !== 'java') return [];
  return store.entries.flatMap((entry) =>
    entry.type === 'trustedCertificate' && entry.javaTrusted === false && entry.certificates[0]
      ? [{ alias: entry.alias, der: entry.certificates[0], reason: 'java-attribute' as const }]
      : [],
  );
}

export function diagnoseRecord(
  target: string,
  record: ProbeRecord,
  store: DecodedStore,
  client: ClientProfile,
  crypto: CryptoProvider = nodeCrypto,
  known?: readonly KnownCertificate[],
  java?: JavaRules,
): Diagnosis {
  return diagnose({
    ...(java ? { java } : {}),
    target,
    host: record.host,
    ...(record.servername ? { servername: record.servername } : {}),
    sent: record.sent,
    trustStore: trustAnchors(store, client),
    ignored: ignoredAnchors(store, client),
    ...(known ? { known } : {}),
    client,
    crypto,
  });
}

/** A diagnosis, and the certificates it found elsewhere (those `missing` lists with `foundIn`). */
export interface MachineDiagnosis {
  readonly diagnosis: Diagnosis;
  readonly found: readonly KnownCertificate[];
}

/** Whether a diagnosis stops for want of an issuer that nothing has supplied yet. */
function lacksIssuer(diagnosis: Diagnosis): boolean {
  const code = diagnosis.problems[0]?.code;
  return !diagnosis.trusted && (code === 'UNTRUSTED_ROOT' || code === 'INCOMPLETE_CHAIN');
}

/** CA Issuers URLs are followed this many levels up (a leaf's issuer, its issuer, …): more than real hierarchies have. */
export const MAX_ISSUER_DOWNLOADS = 4;

/** Whether what was found closes the path: it goes through them to the store, or ends at a root found elsewhere. */
function foundComplete(diagnosis: Diagnosis): boolean {
  if (diagnosis.path.some((cert) => cert.source === 'found')) return true;
  const top = diagnosis.missing[diagnosis.missing.length - 1];
  return top?.foundIn !== undefined && top.selfSigned;
}

/**
 * The certificate whose CA Issuers URL is to be followed next: the top of what was found elsewhere when it
 * is not a root, else the last certificate of the path when the server sent it (one the store holds is
 * not followed); undefined when there is none.
 */
function nextToFollow(diagnosis: Diagnosis, record: ProbeRecord, known: readonly KnownCertificate[], crypto: CryptoProvider): ParsedCertificate | undefined {
  const found = diagnosis.missing.filter((cert) => cert.foundIn);
  const top = found[found.length - 1];
  if (top) {
    if (top.selfSigned) return undefined;
    const der = known.find((k) => crypto.digestHex('sha256', k.der) === top.sha256)?.der;
    return der ? parseCertificate(der) : undefined;
  }
  const last = diagnosis.path[diagnosis.path.length - 1];
  const lastSent = last && last.source === 'sent' && !last.selfSigned ? record.sent.find((der) => crypto.digestHex('sha256', der) === last.sha256) : undefined;
  return lastSent ? parseCertificate(lastSent) : undefined;
}

/**
 * diagnoseRecord, and where the path lacks an issuer, again with what else can supply it: the CA
 * certificates of this machine's other trust stores (its JDK's cacerts, the OS bundle; not `storeFile`
 * itself), then what the CA Issuers URLs serve (unless `download` is false), followed up from the top of
 * what is known, at most MAX_ISSUER_DOWNLOADS levels, until the path reaches the store or a root. The
 * diagnosis then says where the missing certificates are to be had. Each source is read only when the
 * one before did not close the path.
 */
export async function diagnoseOnMachine(
  target: string,
  record: ProbeRecord,
  store: DecodedStore,
  storeFile: string,
  client: ClientProfile,
  options: { crypto?: CryptoProvider; download?: boolean; timeoutMs?: number; proxy?: string | null; java?: JavaRules } = {},
): Promise<MachineDiagnosis> {
  const crypto = options.crypto ?? nodeCrypto;
  const java = options.java;
  let diagnosis = diagnoseRecord(target, record, store, client, crypto, undefined, java);
  if (!lacksIssuer(diagnosis)) return { diagnosis, found: [] };
  const { knownCertificates } = await import('../machine/known-stores');
  const known = await knownCertificates(crypto, [storeFile]);
  if (known.length) diagnosis = diagnoseRecord(target, record, store, client, crypto, known, java);
  if (options.download !== false) {
    const { downloadIssuers } = await import('../network/ca-issuers');
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    const seen = new Set(known.map((k) => crypto.digestHex('sha256', k.der)));
    for (let level = 0; level < MAX_ISSUER_DOWNLOADS && lacksIssuer(diagnosis) && !foundComplete(diagnosis); level++) {
      const from = nextToFollow(diagnosis, record, known, crypto);
      const remaining = deadline - Date.now();
      if (!from || remaining <= 0) break;
      const fresh = (await downloadIssuers(from, crypto, remaining, options.proxy)).filter((k) => {
        const sha = crypto.digestHex('sha256', k.der);
        return !seen.has(sha) && seen.add(sha) !== undefined;
      });
      if (!fresh.length) break;
      known.push(...fresh);
      diagnosis = diagnoseRecord(target, record, store, client, crypto, known, java);
    }
  }
  const wanted = new Set(diagnosis.missing.filter((cert) => cert.foundIn).map((cert) => cert.sha256));
  const found = known.filter((k) => wanted.delete(crypto.digestHex('sha256', k.der)));
  return { diagnosis, found };
}
