// Whether the probe view offers to import into the store it judged the server against, and what.
import type { StoreListing } from '../../../shared/model/keystore';
import type { Diagnosis } from '../../../shared/model/probe';
import { isWritable } from '../import/writable';
import { baseName } from '../ui/format';

/** What an import would bring, or null when importing would not help (or the store cannot take it). */
export function importOffer(diagnosis: Diagnosis | null, store: StoreListing | null): { readonly label: string; readonly leaf: boolean } | null {
  if (!diagnosis || !store || diagnosis.trusted || store.dirty || !isWritable(store.format)) return null;
  const name = baseName(store.file);
  const codes = new Set(diagnosis.problems.map((p) => p.code));
  if (codes.has('SELF_SIGNED')) return { label: `Import the server’s self-signed certificate into ${name}`, leaf: true };
  // Only when the chain has a CA certificate the store lacks: the root may be neither sent nor held
  // (the store holds the intermediate, say), and then there is nothing here to import.
  const lacking = diagnosis.path.some((cert) => cert.role !== 'leaf' && cert.trustStoreAlias === null);
  if (lacking && (codes.has('UNTRUSTED_ROOT') || codes.has('INCOMPLETE_CHAIN'))) return { label: `Import the missing root and intermediates into ${name}`, leaf: false };
  return null;
}
