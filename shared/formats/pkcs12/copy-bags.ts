// Key entries carried from one PKCS#12 store into another without being decrypted. The entry's key bag
// (a pkcs8ShroudedKeyBag, or the secretBag JDK 17 writes for a secret key) keeps its encrypted value byte
// for byte, so the key stays under the password it had in the source store. The key bag and its own
// certificate bag get the new friendlyName and a fresh localKeyId, "Time <milliseconds>" as JDK 17 writes
// it, unused in the target, so every reader pairs them again (JDK 17 pairs by localKeyId, OpenSSL by it or
// by public key). The chain's CA certificate bags go without friendlyName, localKeyId or Java's trusted-key
// usage, as JDK 17 writes a key's chain: readers find them by subject. Key bags go into a plain data block
// (they are encrypted themselves), certificate bags into the block new certificates go to.
import { UsageError } from '../../errors';
import type { CopiedEntry } from '../copy-plan';
import { OID, RawAttribute, RawSafeBag, parseAsn, toBytes } from './asn';
import { encodeAttribute, flattenBags, friendlyNameAttribute, type Pkcs12Bag } from './bags';
import { explicit0, octetString, oid, sequence, set } from './der-builder';
import type { Pkcs12EntryRaw } from './entries';
import type { Pkcs12Raw } from './pkcs12';

export interface CopiedBags {
  readonly keyBags: readonly Uint8Array[];
  readonly certificateBags: readonly Uint8Array[];
}

const DROPPED: ReadonlySet<string> = new Set([OID.friendlyName, OID.localKeyId, OID.javaTrustedKeyUsage]);

/** `bag` with friendlyName, localKeyId and trusted-key usage replaced by `attributes`; its value as it was. */
function rebagged(bag: Pkcs12Bag, attributes: readonly Uint8Array[]): Uint8Array {
  const parsed = parseAsn(bag.raw, RawSafeBag, 'bag');
  const kept = (parsed.bagAttributes ?? []).map(toBytes).filter((attribute) => !DROPPED.has(parseAsn(attribute, RawAttribute, 'bag attribute').attrId));
  const all = [...attributes, ...kept];
  return sequence(oid(parsed.bagId), explicit0(toBytes(parsed.bagValue)), ...(all.length ? [set(...all)] : []));
}

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Hands out localKeyIds "Time <ms>" (as JDK 17 writes them), from `now` on, none used in `target` yet. */
export function keyIdSource(target: Pkcs12Raw, now = Date.now()): () => Uint8Array {
  const used = new Set(target.blocks.flatMap((block) => flattenBags(block.bags)).flatMap((bag) => (bag.localKeyId ? [hex(bag.localKeyId)] : [])));
  let time = now;
  return () => {
    while (used.has(hex(ascii(`Time ${time}`)))) time++;
    const id = ascii(`Time ${time}`);
    used.add(hex(id));
    return id;
  };
}

/** The friendlyName and localKeyId a key bag and its own certificate bag share. */
export function keyAttributes(alias: string, keyId: Uint8Array): Uint8Array[] {
  return [toBytes(friendlyNameAttribute(alias)), toBytes(encodeAttribute(OID.localKeyId, octetString(keyId).toBER()))];
}

export function isPkcs12Raw(raw: unknown): raw is Pkcs12Raw {
  return typeof raw === 'object' && raw !== null && (raw as Pkcs12Raw).kind === 'pkcs12';
}

export function isPkcs12EntryRaw(raw: unknown): raw is Pkcs12EntryRaw {
  return typeof raw === 'object' && raw !== null && Array.isArray((raw as Pkcs12EntryRaw).bagIds) && Array.isArray((raw as Pkcs12EntryRaw).chainBagIds);
}

/** The bags that carry `copies` (key entries of PKCS#12 stores) into `target`. */
export function copiedBags(copies: readonly CopiedEntry[], target: Pkcs12Raw, now = Date.now()): CopiedBags {
  const freshKeyId = keyIdSource(target, now);
  const keyBags: Uint8Array[] = [];
  const certificateBags: Uint8Array[] = [];
  for (const { alias, entry, source } of copies) {
    if (!isPkcs12Raw(source.raw) || !isPkcs12EntryRaw(entry.raw) || entry.type === 'trustedCertificate') {
      throw new UsageError(`Entry "${alias}" was not read as a PKCS#12 key entry, so it cannot be carried into a PKCS#12 store as is.`);
    }
    const bags = new Map(source.raw.blocks.flatMap((block) => flattenBags(block.bags)).map((bag) => [bag.id, bag]));
    const bag = (id: number): Pkcs12Bag => {
      const found = bags.get(id);
      if (!found) throw new UsageError(`Entry "${alias}" refers to a part of its store that is missing; open the store again.`);
      return found;
    };
    const [keyId, ...ownIds] = entry.raw.bagIds;
    if (keyId === undefined) throw new UsageError(`Entry "${alias}" has no key to copy.`);
    const attributes = keyAttributes(alias, freshKeyId());
    keyBags.push(rebagged(bag(keyId), attributes));
    for (const id of ownIds) certificateBags.push(rebagged(bag(id), attributes));
    for (const id of entry.raw.chainBagIds) certificateBags.push(rebagged(bag(id), []));
  }
  return { keyBags, certificateBags };
}
