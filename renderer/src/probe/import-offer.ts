// Whether the probe view offers to import into the store it judged the server against, and what.
import type { CertificateRole } from '../../../shared/model/certificate';
import type { StoreListing } from '../../../shared/model/keystore';
import type { Diagnosis, ProbeResult } from '../../../shared/model/probe';
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
  // Exactly what the verdict names as missing: a root the server sent, or CAs found elsewhere (a JDK's
  // cacerts, a CA Issuers URL). An issuer that is nowhere to be had offers nothing to import here.
  if (!codes.has('UNTRUSTED_ROOT') && !codes.has('INCOMPLETE_CHAIN')) return null;
  const missing = diagnosis.missing;
  if (missing.length === 0) return codes.has('UNTRUSTED_ROOT') ? anchorOffer(diagnosis, name) : null;
  const roles = [...new Set(missing.map((cert) => cert.role ?? 'intermediate'))].sort() as CertificateRole[];
  const what = roles.length > 1 ? 'intermediate and root' : roles[0]!;
  const found = missing.filter((cert) => cert.foundIn);
  if (found.length === missing.length) {
    const places = [...new Set(found.map((cert) => cert.foundIn!.label))].join(' and ');
    return { label: `Import the missing ${what} from ${places} into ${name}`, leaf: false, withFound: true, certs: roles };
  }
  if (found.length === 0) return { label: `Import the missing ${what} (sent by the server) into ${name}`, leaf: false, certs: roles };
  return { label: `Import the missing ${what} into ${name}`, leaf: false, withFound: true, certs: roles };
}

/**
 * The issuer is nowhere to be had, but Java takes any certificate of its trust store as an anchor (the problem's
 * fix says so): the intermediates the server sent make it trust. Not for OpenSSL, which wants a self-signed root.
 */
function anchorOffer(diagnosis: Diagnosis, name: string): ImportOffer | null {
  if (diagnosis.client !== 'java') return null;
  const top = diagnosis.path[diagnosis.path.length - 1];
  if (!top || top.role !== 'intermediate' || top.source !== 'sent') return null;
  return { label: `Import the intermediate the server sent into ${name}, as Java’s trust anchor`, leaf: false, certs: ['intermediate'] };
}

/**
 * The roles an export of the server's chain has nothing for, with why: what the server sent, the path the
 * verdict built (a root the store holds) and what it found elsewhere can be exported; nothing else.
 */
export function unavailableRoles(probe: ProbeResult, diagnosis: Diagnosis | null): Partial<Record<CertificateRole, string>> {
  const have = new Set<CertificateRole | undefined>([...probe.sent.map((c) => c.role), ...(diagnosis?.path.map((c) => c.role) ?? []), ...(diagnosis?.missing.map((c) => c.role) ?? [])]);
  const out: Partial<Record<CertificateRole, string>> = {};
  if (!have.has('root')) out.root = diagnosis ? 'the server sent no root, and neither the store nor this machine has it' : 'the server sent no root (check against a trust store to take it from there)';
  if (!have.has('intermediate')) out.intermediate = 'the path has no intermediate';
  return out;
}
