// Whether the probe view offers to import into the store it judged the server against, and what.
import type { CertificateRole } from '../../../shared/model/certificate';
import type { StoreListing } from '../../../shared/model/keystore';
import type { Diagnosis } from '../../../shared/model/probe';
import { isWritable } from '../import/writable';
import { baseName } from '../ui/format';

export interface ImportOffer {
  readonly label: string;
  readonly leaf: boolean;
  /** With what the diagnosis found elsewhere (in a JDK's cacerts, at a CA Issuers URL). */
  readonly withFound?: true;
  /** The roles to import; by default what the source offers (a server's root and intermediates). */
  readonly certs?: readonly CertificateRole[];
}

/** What an import would bring, or null when importing would not help (or the store cannot take it). */
export function importOffer(diagnosis: Diagnosis | null, store: StoreListing | null): ImportOffer | null {
  if (!diagnosis || !store || diagnosis.trusted || store.dirty || !isWritable(store.format)) return null;
  const name = baseName(store.file);
  const codes = new Set(diagnosis.problems.map((p) => p.code));
  if (codes.has('SELF_SIGNED')) return { label: `Import the server’s self-signed certificate into ${name}`, leaf: true };
  // Only when the chain has a CA certificate the store lacks: the root may be neither sent nor held
  // (the store holds the intermediate, say), and then there is nothing here to import.
  if (!codes.has('UNTRUSTED_ROOT') && !codes.has('INCOMPLETE_CHAIN')) return null;
  // The root the server did not send may be in another store of this machine (a JDK's cacerts): import from there.
  // Only what the store lacks: the server sends the intermediates that are not listed as found.
  const found = diagnosis.missing.filter((cert) => cert.foundIn);
  if (found.length) {
    const roles = [...new Set(found.map((cert) => cert.role ?? 'intermediate'))].sort() as CertificateRole[];
    const what = roles.length > 1 ? 'intermediate and root' : roles[0]!;
    const places = [...new Set(found.map((cert) => cert.foundIn!.label))].join(' and ');
    return { label: `Import the missing ${what} from ${places} into ${name}`, leaf: false, withFound: true, certs: roles };
  }
  const lacking = diagnosis.path.some((cert) => cert.role !== 'leaf' && cert.trustStoreAlias === null);
  return lacking ? { label: `Import the missing root and intermediates into ${name}`, leaf: false } : null;
}
