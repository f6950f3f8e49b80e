// PKCS#12 bags grouped into keystore entries the way Java reads them: a key bag and its certificate
// (paired by JDK 17's rules, see groupEntries) form a private key entry (chain completed by issuer name from
// the other certificate bags); certificate bags that belong to no key are trusted certificate entries, which Java
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

/** The localKeyId JDK 17 gives a key (and its certificate) that lack one: the ASCII bytes "01". */
const JAVA_DEFAULT_KEY_ID = toHex(new Uint8Array([0x30, 0x31]));

/**
 * The localKeyId of each bag as JDK 17's PKCS12KeyStore.loadSafeContents assigns it, in file order. Its
 * rules: a pkcs8ShroudedKeyBag without one gets "01" when it is the first shrouded key bag of the file, and
 * is skipped (no entry at all) otherwise; a certificate bag without one gets "01" when exactly one shrouded
 * key bag has been read so far and it is the first bag of its SafeContents. Unencrypted keyBags are not
 * Java's (it skips them) and keep what they have. Returns the ids, and the key bags Java skips.
 */
function javaKeyIds(bags: readonly Pkcs12Bag[], firstInSafeContents: ReadonlySet<number>): { ids: Map<Pkcs12Bag, string>; skipped: Set<Pkcs12Bag> } {
  const ids = new Map<Pkcs12Bag, string>();
  const skipped = new Set<Pkcs12Bag>();
  let shroudedKeys = 0;
  for (const bag of bags) {
    if (bag.bagId === OID.shroudedKeyBag) shroudedKeys++;
    if (bag.localKeyId) ids.set(bag, toHex(bag.localKeyId));
    else if (bag.bagId === OID.shroudedKeyBag && shroudedKeys === 1) ids.set(bag, JAVA_DEFAULT_KEY_ID);
    else if (bag.bagId === OID.shroudedKeyBag) skipped.add(bag);
    else if (bag.certificate && shroudedKeys === 1 && firstInSafeContents.has(bag.id)) ids.set(bag, JAVA_DEFAULT_KEY_ID);
  }
  return { ids, skipped };
}

/**
 * Group bags (flattened, in file order) into entries with unique aliases, pairing keys and certificates as
 * JDK 17 does (PKCS12KeyStore.engineLoad, findMatchedCertificate, findIssuer):
 * - localKeyIds as javaKeyIds assigns them (the one-key workaround for files without them);
 * - a key's certificate is a certificate bag without the trusted-key-usage attribute whose localKeyId
 *   equals the key's, preferring one whose friendlyName is also the key's; failing that, one whose
 *   friendlyName is the key's (case-insensitively); with none, Java lists the key with an empty chain;
 * - the chain continues by issuer name over all certificates, and ends at a self-signed one or a repeat.
 * Certificate bags that are copies of a key's own or chain certificate (keytool writes each key's chain
 * in full, so two keys under one CA carry two copies of it) are part of that key, not entries of their
 * own; other certificates without Java's attribute are shown as trusted entries with a note.
 * `firstInSafeContents` holds the ids of the bags that open a SafeContents (for Java's workaround).
 */
export function groupEntries(bags: readonly Pkcs12Bag[], firstInSafeContents: ReadonlySet<number> = new Set()): DecodedEntry[] {
  checkEntryCount('PKCS#12 file', bags.length);
  const certBags = bags.filter((bag) => bag.certificate);
  const keyBags = bags.filter((bag) => bag.bagId === OID.shroudedKeyBag || bag.bagId === OID.keyBag);
  const { ids: keyIds, skipped } = javaKeyIds(bags, firstInSafeContents);
  const names = new Map<Pkcs12Bag, CertificateNames | null>();
  const namesOf = (bag: Pkcs12Bag) => {
    if (!names.has(bag)) names.set(bag, certificateNames(bag.certificate!));
    return names.get(bag)!;
  };

  // Indexes, so that thousands of bags stay linear: Java's candidate certificates (no trusted-key-usage) by
  // localKeyId and by friendlyName, and, once a chain is needed, every certificate by subject.
  const candidates = certBags.filter((cert) => !cert.javaTrusted);
  const byKeyId = groupBy(candidates, (cert) => keyIds.get(cert));
  const byName = groupBy(candidates, (cert) => cert.friendlyName?.toLowerCase());
  let bySubject: Map<string, Pkcs12Bag[]> | undefined;
  const issuersOf = (issuer: Uint8Array) => {
    bySubject ??= groupBy(certBags, (cert) => {
      const subject = namesOf(cert)?.subject;
      return subject ? toHex(subject) : undefined;
    });
    return bySubject.get(toHex(issuer)) ?? [];
  };
  const ownCertificate = (key: Pkcs12Bag): Pkcs12Bag[] => {
    const id = keyIds.get(key);
    const name = key.friendlyName?.toLowerCase();
    const sameId = (id !== undefined && byKeyId.get(id)) || [];
    // Java takes the last localKeyId match unless one also matches by name; the other matches stay with the
    // entry (the writer removes them with it), as they always have.
    if (sameId.length) {
      const leaf = sameId.find((cert) => name !== undefined && cert.friendlyName?.toLowerCase() === name) ?? sameId[sameId.length - 1]!;
      return [leaf, ...sameId.filter((cert) => cert !== leaf)];
    }
    const sameName = name !== undefined ? (byName.get(name) ?? []) : [];
    return sameName.length ? [sameName[sameName.length - 1]!] : [];
  };

  const owned = new Set<Pkcs12Bag>();
  const inChain = new Set<Pkcs12Bag>();
  /** DER (hex) of every key's own and chain certificates: other bags holding them are copies. */
  const keyCertificates = new Set<string>();
  const keyEntries = new Map<Pkcs12Bag, { leaf?: Pkcs12Bag; own: Pkcs12Bag[]; chain: Pkcs12Bag[] }>();
  for (const key of keyBags) {
    const own = skipped.has(key) ? [] : ownCertificate(key);
    own.forEach((cert) => owned.add(cert));
    const leaf = own[0];
    const chain: Pkcs12Bag[] = [];
    for (let current = leaf; current; ) {
      const currentNames = namesOf(current);
      if (!currentNames || equalBytes(currentNames.issuer, currentNames.subject)) break;
      // A copy no other key's chain uses yet, so that each key keeps (and the writer removes) its own copies.
      const issuers = issuersOf(currentNames.issuer).filter((cert) => cert !== leaf && !chain.includes(cert));
      const issuer = issuers.find((cert) => !inChain.has(cert)) ?? issuers[0];
      if (!issuer || chain.some((cert) => equalBytes(cert.certificate!, issuer.certificate!))) break;
      chain.push(issuer);
      inChain.add(issuer);
      current = issuer;
    }
    for (const cert of [...own, ...chain]) keyCertificates.add(toHex(cert.certificate!));
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
      if (skipped.has(bag)) notes.push('Java skips this key: it has no localKeyId and is not the first key in the file.');
      else if (!leaf) notes.push('No certificate in the file is paired with this key (by localKeyId or friendlyName): Java lists it with an empty chain, so it cannot be used to authenticate.');
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
    } else if (bag.certificate && !owned.has(bag) && (bag.javaTrusted || (!inChain.has(bag) && !keyCertificates.has(toHex(bag.certificate))))) {
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
