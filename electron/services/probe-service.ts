// Probe a server and diagnose it against a store: composes the TLS recorder with the pure chain code.
import type { CryptoProvider } from '../../shared/crypto-provider';
import { chainIssues } from '../../shared/chain/shape';
import { diagnose, type TrustAnchorEntry } from '../../shared/chain/diagnose';
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

/** The trusted-certificate entries of a store: what a Java client would use as anchors. */
export function trustAnchors(store: DecodedStore): TrustAnchorEntry[] {
  const anchors: TrustAnchorEntry[] = [];
  for (const entry of store.entries) {
    if (entry.type !== 'trustedCertificate') continue;
    const der = entry.certificates[0];
    if (der) anchors.push({ alias: entry.alias, der });
  }
  return anchors;
}

export function diagnoseRecord(
  target: string,
  record: ProbeRecord,
  store: DecodedStore,
  client: ClientProfile,
  crypto: CryptoProvider = nodeCrypto,
): Diagnosis {
  return diagnose({ target, host: record.servername || record.host, sent: record.sent, trustStore: trustAnchors(store), client, crypto });
}
