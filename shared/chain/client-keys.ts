// Which key entries of a keystore a Java client would offer to a server that asks for a client
// certificate. JSSE's key managers (SunX509 and the default NewSunX509) take a key entry when the server
// names no CA, or when any certificate of the entry's chain was issued by a CA the server names (its
// CertificateRequest's certificate_authorities). Names are compared as X500Principal does, case- and
// space-insensitively here. The key type the server's signature algorithms allow is not checked.
import type { DecodedStore } from '../formats/codec';
import type { ClientKeyMatch, ClientKeys } from '../model/probe';
import { parseCertificate } from '../x509/certificate';
import { nameKey } from './path-builder';

export function clientKeysFor(store: DecodedStore, acceptedIssuers: readonly string[]): ClientKeys {
  const accepted = new Map(acceptedIssuers.map((name) => [nameKey(name), name]));
  const matches: ClientKeyMatch[] = [];
  let keyEntries = 0;
  for (const entry of store.entries) {
    if (entry.type !== 'privateKey' || entry.certificates.length === 0) continue;
    keyEntries++;
    let subject = '';
    let via: string | null = accepted.size === 0 ? '' : null;
    for (const [i, der] of entry.certificates.entries()) {
      let cert;
      try {
        cert = parseCertificate(der);
      } catch {
        continue; // a certificate that does not read names no issuer
      }
      if (i === 0) subject = cert.subject;
      via ??= accepted.get(nameKey(cert.issuer)) ?? null;
    }
    if (via !== null) matches.push({ alias: entry.alias, subject, via });
  }
  return { keyEntries, matches };
}

/**
 * Of several open stores (the app's tabs), the keystore to judge a client certificate request by: the first
 * whose key entries a Java client would offer; else the first holding any key entry (to say none fits);
 * undefined when none holds a key entry.
 */
export function keystoreAmong(
  stores: readonly { readonly file: string; readonly decoded: DecodedStore }[],
  acceptedIssuers: readonly string[],
): { file: string; keys: ClientKeys } | undefined {
  const judged = stores.map((store) => ({ file: store.file, keys: clientKeysFor(store.decoded, acceptedIssuers) })).filter((k) => k.keys.keyEntries > 0);
  return judged.find((k) => k.keys.matches.length > 0) ?? judged[0];
}
