// Revocation of a store's certificate, on request (the details pane's "Check revocation", `inspect
// --revocation`): its issuer is the next certificate of its entry's chain, else a certificate of the same
// store that signed it. A self-signed root is not checked: no CA above it publishes anything about it, and a
// client trusts or distrusts it by holding it or not.
import { certifies } from '../../../shared/chain/shape';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { DecodedStore } from '../../../shared/formats/codec';
import type { RevocationCheck } from '../../../shared/model/revocation';
import { isSelfIssued, parseCertificate } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../crypto/node-crypto';
import { checkRevocation, type RevocationOptions } from './check';

export const SELF_SIGNED_WHY = 'a self-signed root: no CA above it publishes its revocation (a client trusts it by holding it)';

export async function entryRevocation(store: DecodedStore, index: number, position = 0, options: RevocationOptions = {}): Promise<RevocationCheck> {
  const crypto: CryptoProvider = options.crypto ?? nodeCrypto;
  const entry = store.entries[index];
  const der = entry?.certificates[position];
  if (!der) return { status: 'unchecked', why: 'this entry carries no certificate' };
  const cert = parseCertificate(der);
  if (isSelfIssued(cert) && certifies(cert, cert, crypto)) return { status: 'unchecked', why: SELF_SIGNED_WHY };
  const inChain = entry.certificates[position + 1];
  const issuer =
    inChain && certifies(parseCertificate(inChain), cert, crypto)
      ? inChain
      : store.entries.flatMap((e) => e.certificates).find((candidate) => candidate !== der && certifies(parseCertificate(candidate), cert, crypto));
  if (!issuer) return { status: 'unchecked', why: 'its issuer is not in this store, so no answer could be verified' };
  return checkRevocation(der, issuer, options);
}
