// PKCS#12 bags grouped into keystore entries the way Java reads them: a key bag and the certificate
// bags sharing its localKeyId form a private key entry (chain completed by issuer name from the other
// certificate bags); certificate bags that belong to no key are trusted certificate entries, which Java
// only honours when they carry its trusted-key-usage attribute; Java's secret bags are secret keys.
// Only the names and key algorithm of certificates are read here: full parsing happens elsewhere.
import { AlgorithmIdentifier, Name } from '@peculiar/asn1-x509';
import type { DecodedEntry } from '../codec';
import { deriveAlias } from '../entries/alias';
import { contentRange, readDerHeader } from '../der-sniff';
import { OID, parseAsn } from './asn';
import type { Pkcs12Bag } from './bags';
import { KEY_ALGORITHMS } from '../../x509/oids';
import { nameToString } from '../../x509/names';
import { equalBytes } from '../../x509/certificate';
import { checkEntryCount } from '../limits';
import { toHex } from '../../x509/hex';

export const NOT_JAVA_TRUSTED =
  'Java does not treat this certificate as trusted: it lacks the trusted-key-usage attribute that keytool writes.';

/** What the writer needs to find an entry's bags again. */
export interface Pkcs12EntryRaw {
  /** The bags that make up the entry: the key or secret bag and the certificate bags with its localKeyId, or the one certificate bag. */
  readonly bagIds: readonly number[];
  /** The certificate bags that complete this entry's chain (the writer keeps those other entries still use). */
  readonly chainBagIds: readonly number[];
}

interface CertificateNames {
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  readonly spkiAlgorithm: Uint8Array;
}

/** The TBSCertificate fields of a certificate as [start, end) slices, found by their headers alone. */
function tbsFields(der: Uint8Array): Uint8Array[] | null {
  const certificate = contentRange(der, 0);
  const tbs = certificate && contentRange(der, certificate[0]);
  if (!tbs) return null;
  const fields: Uint8Array[] = [];
  for (let offset = tbs[0]; offset < tbs[1] && fields.length < 8; ) {
    const header = readDerHeader(der, offset);
    const end = header ? offset + header.headerLength + header.length : Infinity;
    if (!header || end > tbs[1]) return null;
    fields.push(der.subarray(offset, end));
    offset = end;
  }
  return fields;
}

/**
 * Issuer, subject and key algorithm of a certificate, taken as byte slices without parsing the rest
 * (a store may hold thousands of certificates; full parsing happens where they are displayed). Null if
 * the certificate is malformed.
 */
function certificateNames(der: Uint8Array): CertificateNames | null {
  const fields = tbsFields(der);
  const at = fields?.[0]?.[0] === 0xa0 ? 1 : 0; // [0] version present
  const [issuer, , subject, spki] = fields?.slice(at + 2) ?? [];
  if (!issuer || !subject || !spki || issuer[0] !== 0x30 || subject[0] !== 0x30 || spki[0] !== 0x30) return null;
  const algorithm = contentRange(spki, 0);
  return { issuer, subject, spkiAlgorithm: algorithm ? spki.subarray(algorithm[0], algorithm[1]) : new Uint8Array(0) };
}

function keyAlgorithm(names: CertificateNames | null): string | undefined {
  if (!names) return undefined;
  try {
    const oid = parseAsn(names.spkiAlgorithm, AlgorithmIdentifier, 'certificate key algorithm').algorithm;
    return KEY_ALGORITHMS[oid] ?? oid;
  } catch {
    return undefined;
  }
}

function subjectText(names: CertificateNames | null): string {
  if (!names) return '';
  try {
    return nameToString(parseAsn(names.subject, Name, 'certificate subject'));
  } catch {
    return '';
  }
}

/** A subject for deriveAlias that is only worked out when there is no friendlyName to use instead. */
const subjectOf = (subject: () => string) => ({
  get subject() {
    return subject();
  },
});

/** Java writes localKeyId as "Time <milliseconds>" for the entries it creates. */
function creationTime(localKeyId: Uint8Array | undefined): Date | null {
  if (!localKeyId || localKeyId.length > 32) return null;
  const match = /^Time (\d{1,15})$/.exec(String.fromCharCode(...localKeyId));
  return match ? new Date(Number(match[1])) : null;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Group bags (flattened, in file order) into entries with unique aliases. */
export function groupEntries(bags: readonly Pkcs12Bag[]): DecodedEntry[] {
  checkEntryCount('PKCS#12 file', bags.length);
  const certBags = bags.filter((bag) => bag.certificate);
  const keyBags = bags.filter((bag) => bag.bagId === OID.shroudedKeyBag || bag.bagId === OID.keyBag);
  const names = new Map<Pkcs12Bag, CertificateNames | null>();
  const namesOf = (bag: Pkcs12Bag) => {
    if (!names.has(bag)) names.set(bag, certificateNames(bag.certificate!));
    return names.get(bag)!;
  };

  // Indexes, so that thousands of bags stay linear: certificates by localKeyId, by friendlyName (for keys
  // without a localKeyId) and, once a chain is needed, by subject.
  const byKeyId = groupBy(certBags, (cert) => (cert.localKeyId ? toHex(cert.localKeyId) : undefined));
  const byName = groupBy(certBags, (cert) => (cert.localKeyId ? undefined : cert.friendlyName));
  let bySubject: Map<string, Pkcs12Bag[]> | undefined;
  const issuersOf = (issuer: Uint8Array) => {
    bySubject ??= groupBy(certBags, (cert) => {
      const subject = namesOf(cert)?.subject;
      return subject ? toHex(subject) : undefined;
    });
    return bySubject.get(toHex(issuer)) ?? [];
  };

  const owned = new Set<Pkcs12Bag>();
  const inChain = new Set<Pkcs12Bag>();
  const keyEntries = new Map<Pkcs12Bag, { leaf?: Pkcs12Bag; own: Pkcs12Bag[]; chain: Pkcs12Bag[] }>();
  for (const key of keyBags) {
    let own = (key.localKeyId && byKeyId.get(toHex(key.localKeyId))) || [];
    if (own.length === 0 && key.friendlyName !== undefined) own = (byName.get(key.friendlyName) ?? []).slice(0, 1);
    own.forEach((cert) => owned.add(cert));
    const leaf = own[0];
    const chain: Pkcs12Bag[] = [];
    for (let current = leaf; current; ) {
      const currentNames = namesOf(current);
      if (!currentNames || equalBytes(currentNames.issuer, currentNames.subject)) break;
      const issuer = issuersOf(currentNames.issuer).find((cert) => cert !== leaf && !chain.includes(cert));
      if (!issuer) break;
      chain.push(issuer);
      inChain.add(issuer);
      current = issuer;
    }
    keyEntries.set(key, { leaf, own, chain });
  }

  const taken = new Set<string>();
  const entries: DecodedEntry[] = [];
  for (const bag of bags) {
    const keyEntry = keyEntries.get(bag);
    if (keyEntry) {
      const { leaf, own, chain } = keyEntry;
      const leafNames = leaf ? namesOf(leaf) : null;
      const algorithm = keyAlgorithm(leafNames);
      const notes: string[] = [];
      if (bag.bagId === OID.keyBag) notes.push('The private key is stored unencrypted in this file; Java (keytool, JSSE) skips unencrypted keys, so it will not see this entry.');
      if (!leaf) notes.push('No certificate in the file belongs to this key, so Java does not list it.');
      entries.push({
        alias: deriveAlias(subjectOf(() => subjectText(leafNames) || 'CN=key'), taken, bag.friendlyName ?? leaf?.friendlyName),
        type: 'privateKey',
        created: creationTime(bag.localKeyId),
        certificates: leaf ? [leaf, ...chain].map((cert) => cert.certificate!) : [],
        ...(algorithm ? { keyAlgorithm: algorithm } : {}),
        ...(notes.length ? { notes } : {}),
        raw: { bagIds: [bag.id, ...own.map((cert) => cert.id)], chainBagIds: chain.map((cert) => cert.id) } satisfies Pkcs12EntryRaw,
      });
    } else if (bag.bagId === OID.secretBag) {
      entries.push({
        alias: deriveAlias({ subject: 'CN=secret-key' }, taken, bag.friendlyName),
        type: 'secretKey',
        created: creationTime(bag.localKeyId),
        certificates: [],
        raw: { bagIds: [bag.id], chainBagIds: [] } satisfies Pkcs12EntryRaw,
      });
    } else if (bag.certificate && !owned.has(bag) && (bag.javaTrusted || !inChain.has(bag))) {
      entries.push({
        alias: deriveAlias(subjectOf(() => subjectText(namesOf(bag))), taken, bag.friendlyName),
        type: 'trustedCertificate',
        created: creationTime(bag.localKeyId),
        certificates: [bag.certificate],
        javaTrusted: bag.javaTrusted,
        ...(bag.javaTrusted ? {} : { notes: [NOT_JAVA_TRUSTED] }),
        raw: { bagIds: [bag.id], chainBagIds: [] } satisfies Pkcs12EntryRaw,
      });
    }
  }
  return entries;
}
