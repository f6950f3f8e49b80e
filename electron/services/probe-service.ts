// Probe a server and diagnose it against a store: composes the TLS recorder with the pure chain code.
import type { CryptoProvider } from '../../shared/crypto-provider';
import { chainIssues } from '../../shared/chain/shape';
import { diagnose, type IgnoredAnchor, type TrustAnchorEntry } from '../../shared/chain/diagnose';
import type { DecodedStore } from '../../shared/formats/codec';
import type { ClientProfile, Diagnosis, ProbeResult } from '../../shared/model/probe';
import { parseCertificate, summarize } from '../../shared/x509/certificate';
import { nodeCrypto } from './node-crypto';
import { probeTls, type ProbeOptions, type ProbeRecord } from './tls-probe';

export interface ProbeOutcome {
  readonly record: ProbeRecord;
  readonly result: ProbeResult;
}

export function probeResult(record: ProbeRecord, crypto: CryptoProvider = nodeCrypto): ProbeResult {
  const parsed = record.sent.map((der) => parseCertificate(der));
  return {
    host: record.host,
    port: record.port,
    address: record.address,
    servername: record.servername,
    protocol: record.protocol,
    cipher: record.cipher,
    alpn: record.alpn,
    sent: parsed.map((cert) => summarize(cert, crypto)),
    chainIssues: chainIssues(parsed, crypto),
  };
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
): Diagnosis {
  return diagnose({
    target,
    host: record.servername || record.host,
    sent: record.sent,
    trustStore: trustAnchors(store, client),
    ignored: ignoredAnchors(store, client),
    client,
    crypto,
  });
}
