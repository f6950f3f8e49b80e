// Files without aliases (PEM, DER, PKCS#7): each certificate becomes one trustedCertificate entry
// whose alias is derived from its subject, unique within the file.
import type { DecodedEntry } from '../codec';
import { certificateSubject } from '../../x509/certificate';
import { deriveAlias } from './alias';
import { checkEntryCount } from '../limits';

export function certificateEntries(ders: readonly Uint8Array[], taken = new Set<string>()): DecodedEntry[] {
  checkEntryCount('file', ders.length);
  return ders.map((der) => {
    return {
      alias: deriveAlias({ subject: certificateSubject(der) }, taken),
      type: 'trustedCertificate',
      created: null,
      certificates: [der],
    };
  });
}
