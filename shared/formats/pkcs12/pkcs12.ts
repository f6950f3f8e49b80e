// PKCS#12 / PFX stores (.p12, .pfx) as keytool, OpenSSL and Windows write them (RFC 7292): the MAC is
// checked with the password, encrypted certificate blocks are decrypted, and the bags are grouped into
// entries. Private and secret keys are never decrypted: only how they are protected is reported.
// `raw` keeps every content block's original bytes so pkcs12/writer.ts can change a store losslessly.
//
// The layout (RFC 7292 §4; DER, BER with indefinite lengths from some Windows tools):
//
//   PFX            SEQUENCE { version INTEGER 3, authSafe ContentInfo, macData MacData OPTIONAL }
//   authSafe       ContentInfo of type data whose OCTET STRING holds the AuthenticatedSafe:
//                  SEQUENCE OF ContentInfo, each `data` (a plain SafeContents) or `encryptedData`
//                  (a SafeContents encrypted with a password-based scheme, pkcs12/pbe.ts)
//   SafeContents   SEQUENCE OF SafeBag { bagId, [0] bagValue, bagAttributes SET OPTIONAL }: keyBag,
//                  pkcs8ShroudedKeyBag, certBag (an X.509 certificate in an OCTET STRING), crlBag,
//                  secretBag, safeContentsBag (nested)
//   attributes     friendlyName (1.2.840.113549.1.9.20, BMPString: the alias), localKeyId
//                  (1.2.840.113549.1.9.21: pairs a key with its certificate), and Oracle's trusted key
//                  usage (2.16.840.1.113894.746875.1.1), which marks a certificate as a trusted entry
//   MacData        { DigestInfo (HMAC over the authSafe content), salt, iterations }; the HMAC key comes
//                  from the PKCS#12 KDF (pkcs12/kdf.ts) over the password as a NUL-terminated BMPString
//
// What the peers do differently: keytool (JDK 17) writes its certificates in one encrypted block (PBES2,
// AES-256-CBC, 10,000 iterations) with an HMAC-SHA-256 MAC, and loads a certificate bag with no key as a
// trusted entry only when it carries the trusted-key-usage attribute, which `openssl pkcs12 -export` never
// writes (keytool lists such a file as empty). OpenSSL 3 reads every bag and needs `-legacy` for the
// RC2-40 blocks older tools wrote; a file with no MacData (`-nomac`) is read by both.
import { ContentInfo } from '@peculiar/asn1-cms';
import { MacData, PFX } from '@peculiar/asn1-pfx';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import type { CryptoProvider } from '../../crypto-provider';
import { CorruptInputError, PasswordRequiredError, UnsupportedFormatError, WrongPasswordError } from '../../errors';
import type { StoreProperty } from '../../model/keystore';
import type { DecodeOptions, DecodedStore, StoreCodec } from '../codec';
import { readDerHeader } from '../der-sniff';
import { OID, EncryptedData, RawSequence, parseAsn, readOctets, toBytes } from './asn';
import { flattenBags, readSafeContents } from './bags';
import { readFastContentInfos, readFastEncryptedData, readFastOctets, readFastPfx } from './fast-outer';
import type { BagCounter, Pkcs12Bag } from './bags';
import { groupEntries } from './entries';
import { alternativePasswords, bmpPassword } from './kdf';
import { MAX_PKCS12_KDF_ITERATIONS, describeAlgorithm, describeScheme, pbeDecrypt, readPbeScheme, schemeCost } from './pbe';
import type { PbeScheme } from './pbe';
import { checkMac, describeMac, readMac, type Pkcs12Mac, type Pkcs12Password } from './mac';

export { checkMac, describeMac, MAC_HASHES, type Pkcs12Mac, type Pkcs12Password } from './mac';

export interface Pkcs12Block {
  /** The ContentInfo exactly as stored. */
  readonly raw: Uint8Array;
  /** 'other': public-key encrypted (EnvelopedData) or unknown; kept as is, never read. */
  readonly kind: 'data' | 'encrypted' | 'other';
  readonly scheme?: PbeScheme;
  readonly bags: readonly Pkcs12Bag[];
}

/** DecodedStore.raw of a PKCS#12 store: what pkcs12/writer.ts needs to write it back. */
export interface Pkcs12Raw {
  readonly kind: 'pkcs12';
  /** The AuthenticatedSafe the MAC covers, for checking the writer's password against the original MAC. */
  readonly authenticatedSafe: Uint8Array;
  readonly mac: Pkcs12Mac | null;
  readonly blocks: readonly Pkcs12Block[];
}

/** A DER (or BER indefinite-length) SEQUENCE whose first element is INTEGER 3 followed by a ContentInfo. */
export function detectPkcs12(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x30 || bytes.length < 8) return false;
  const start = bytes[1] === 0x80 ? 2 : (readDerHeader(bytes)?.headerLength ?? 0);
  if (start === 0 || bytes[start] !== 0x02 || bytes[start + 1] !== 0x01 || bytes[start + 2] !== 0x03) return false;
  const contentInfo = start + 3;
  if (bytes[contentInfo] !== 0x30) return false;
  const oidAt = bytes[contentInfo + 1] === 0x80 ? contentInfo + 2 : contentInfo + (readDerHeader(bytes, contentInfo)?.headerLength ?? 0);
  return oidAt > contentInfo && bytes[oidAt] === 0x06;
}

/**
 * Key derivation work one file may ask for in total (MAC attempts and block keys), in PBKDF2 iterations:
 * enough for a MAC and a block at the highest iteration counts accepted (so those stated limits, Java's,
 * can be reached): a MAC at 5,000,000 iterations takes about 6 s (`npm run bench`), the whole budget about
 * three times that, while real files need well under a second. The least work a file asks
 * for (one MAC, one key per encrypted block) is known from its parameters and checked before any key is
 * derived: a file of 20,000 encrypted blocks is refused at once, not after seconds of derivations.
 */
const WORK_BUDGET = 10 * MAX_PKCS12_KDF_ITERATIONS + 20 * MAX_PKCS12_KDF_ITERATIONS;

/**
 * What decrypting one block costs at least, whatever its count: deriving, decrypting and reading a block
 * has a fixed price too (20,000 blocks of 2,048 iterations took 29 s before this floor), and real files
 * have one to three encrypted blocks. With it the budget allows about 1,500 blocks.
 */
const BLOCK_FLOOR = 100_000;
const blockCost = (scheme: PbeScheme) => Math.max(schemeCost(scheme), BLOCK_FLOOR);

const TOO_MUCH_WORK = 'this PKCS#12 file asks for more key derivation work than TrustLens allows (too many iterations or blocks)';

class Work {
  private spent = 0;
  /** Refuse, before any key is derived, a file whose least work is over the budget. */
  plan(least: number): void {
    if (least > WORK_BUDGET) throw new UnsupportedFormatError(TOO_MUCH_WORK);
  }
  charge(units: number): void {
    this.spent += units;
    if (this.spent > WORK_BUDGET) throw new UnsupportedFormatError(TOO_MUCH_WORK);
  }
}

/**
 * One MAC check and one key per encrypted block. A block whose scheme does not read is left out here;
 * decoding reports it where it always has.
 */
function leastWork(mac: Pkcs12Mac | null, blocks: readonly Block[], fast: boolean): number {
  let units = mac ? mac.iterations * 10 : 0;
  for (const [index, { contentType, content }] of blocks.entries()) {
    if (contentType !== OID.encryptedData) continue;
    try {
      units += blockCost(encryptedDataOf(content, `content block ${index + 1}`, fast).scheme);
    } catch {
      /* reported when the block is decrypted */
    }
    if (units > WORK_BUDGET) break;
  }
  return units;
}

/** The scheme and ciphertext of an EncryptedData content block. */
export function encryptedContent(contentInfo: ContentInfo, what: string): { scheme: PbeScheme; ciphertext: Uint8Array } {
  return encryptedDataOf(toBytes(contentInfo.content), what, false);
}

/** The scheme and ciphertext of an EncryptedData (the DER inside a ContentInfo's [0]). */
function encryptedDataOf(bytes: Uint8Array, what: string, fastPath: boolean): { scheme: PbeScheme; ciphertext: Uint8Array } {
  const fast = fastPath ? readFastEncryptedData(bytes) : null;
  if (fast) return { scheme: readPbeScheme(parseAsn(fast.algorithm, AlgorithmIdentifier, `${what} (encryption algorithm)`)), ciphertext: fast.ciphertext };
  const encrypted = parseAsn(bytes, EncryptedData, `${what} (EncryptedData)`);
  const info = encrypted.encryptedContentInfo;
  const content = info.encryptedContent;
  const pieces = content?.value ? [content.value.buffer] : (content?.constructedValue ?? []).map((piece) => piece.buffer);
  const ciphertext = new Uint8Array(pieces.reduce((n, piece) => n + piece.byteLength, 0));
  let offset = 0;
  for (const piece of pieces) {
    ciphertext.set(new Uint8Array(piece), offset);
    offset += piece.byteLength;
  }
  return { scheme: readPbeScheme(info.contentEncryptionAlgorithm), ciphertext };
}

/** The passwords to decrypt a block with: the one the MAC accepted, else the given (or empty) one in each encoding. */
function passwordCandidates(checked: Pkcs12Password | null, given: string | undefined, scheme: PbeScheme): Pkcs12Password[] {
  if (checked) return [checked];
  const text = given ?? '';
  const encodings = scheme.kind === 'pkcs12' ? [bmpPassword(text), ...alternativePasswords(text)] : [bmpPassword(text)];
  return encodings.map((pkcs12) => ({ text, pkcs12 }));
}

/** A PFX's outer layers: read in place by pkcs12/fast-outer.ts when they are plain DER, else by asn1-schema. */
interface OuterLayers {
  readonly version: number;
  readonly contentType: string;
  /** The AuthenticatedSafe (when the content type is data). */
  readonly content: () => Uint8Array;
  readonly macData: MacData | undefined;
}

interface Block {
  readonly raw: Uint8Array;
  readonly contentType: string;
  /** The content inside [0] EXPLICIT (DER). */
  readonly content: Uint8Array;
}

function outerLayers(bytes: Uint8Array, fast: boolean): OuterLayers {
  const found = fast ? readFastPfx(bytes) : null;
  if (found) {
    return {
      version: found.version,
      contentType: found.contentType,
      content: () => found.content,
      macData: found.macData ? parseAsn(found.macData, MacData, 'MAC data') : undefined,
    };
  }
  const pfx = parseAsn(bytes, PFX, 'file');
  return { version: pfx.version, contentType: pfx.authSafe.contentType, content: () => readOctets(pfx.authSafe.content, 'AuthenticatedSafe'), macData: pfx.macData };
}

function contentBlocks(authenticatedSafe: Uint8Array, fast: boolean): Block[] {
  const found = fast ? readFastContentInfos(authenticatedSafe) : null;
  if (found) return found;
  return parseAsn(authenticatedSafe, RawSequence, 'AuthenticatedSafe').map((item, index) => {
    const raw = toBytes(item);
    const contentInfo = parseAsn(raw, ContentInfo, `content block ${index + 1}`);
    return { raw, contentType: contentInfo.contentType, content: toBytes(contentInfo.content) };
  });
}

function decode(bytes: Uint8Array, options: DecodeOptions): DecodedStore {
  return decodeLayers(bytes, options, true);
}

/** The same decode with asn1-schema reading every outer layer (what the fast path is checked against). */
export function decodePkcs12WithAsn1Schema(bytes: Uint8Array, options: DecodeOptions): DecodedStore {
  return decodeLayers(bytes, options, false);
}

function decodeLayers(bytes: Uint8Array, options: DecodeOptions, fast: boolean): DecodedStore {
  const { crypto } = options;
  const pfx = outerLayers(bytes, fast);
  if (pfx.version !== 3) throw new UnsupportedFormatError(`PKCS#12 version ${pfx.version} is not supported (only version 3 exists)`);
  if (pfx.contentType === OID.signedData) {
    throw new UnsupportedFormatError('this PKCS#12 file is signed with a public key (public-key integrity mode), which is not supported');
  }
  if (pfx.contentType !== OID.data) throw new CorruptInputError('the PKCS#12 content is not of type data');
  const authenticatedSafe = pfx.content();
  const mac = readMac(pfx.macData);
  const work = new Work();
  const parsedBlocks = contentBlocks(authenticatedSafe, fast);
  work.plan(leastWork(mac, parsedBlocks, fast));

  // Without a password, a file may still open: an empty password, or nothing protected at all.
  let password: Pkcs12Password | null = null;
  if (mac) {
    password = checkMac(crypto, mac, authenticatedSafe, options.password ?? '', work);
    if (!password && options.password === undefined) {
      throw new PasswordRequiredError('this PKCS#12 file is password-protected: enter its password to open it');
    }
    if (!password) {
      // A failed MAC alone cannot tell a wrong password from damaged bytes; content the password decrypts can.
      if (decryptsContent(authenticatedSafe, options.password ?? '', crypto, work, fast)) {
        throw new CorruptInputError(
          'the PKCS#12 integrity check (MAC) fails although the password decrypts the content: the file is damaged (or its MAC was made with a second password); get an intact copy',
        );
      }
      throw new WrongPasswordError('wrong password, or the file is damaged: the PKCS#12 integrity check (MAC) fails with the password given');
    }
  }

  const ids: BagCounter = { next: 0 };
  const blocks = parsedBlocks.map(({ raw, contentType, content }, index): Pkcs12Block => {
    const what = `content block ${index + 1}`;
    if (contentType === OID.data) {
      const data = (fast ? readFastOctets(content) : null) ?? readOctets(content, what);
      return { raw, kind: 'data', bags: readSafeContents(data, what, ids) };
    }
    if (contentType !== OID.encryptedData) return { raw, kind: 'other', bags: [] };
    const { scheme, ciphertext } = fast ? encryptedDataOf(content, what, true) : encryptedContent(parseAsn(raw, ContentInfo, what), what);
    for (const candidate of passwordCandidates(password, options.password, scheme)) {
      work.charge(blockCost(scheme));
      const plain = pbeDecrypt(crypto, scheme, scheme.kind === 'pkcs12' ? candidate.pkcs12 : candidate.text, ciphertext);
      if (!plain) continue;
      try {
        const bags = readSafeContents(plain, what, ids);
        password ??= candidate;
        return { raw, kind: 'encrypted', scheme, bags };
      } catch (error) {
        if (mac) throw error;
      }
    }
    if (mac) {
      throw new CorruptInputError(`${what} cannot be decrypted although the password passed the integrity check; it may use a second password`);
    }
    if (password) throw new CorruptInputError(`${what} cannot be decrypted with the password that decrypts the rest of this PKCS#12 file; the file is damaged`);
    if (options.password === undefined) throw new PasswordRequiredError('this PKCS#12 file has encrypted content: enter its password to open it');
    throw new WrongPasswordError(`wrong password, or the file is damaged: ${what} of this PKCS#12 file cannot be decrypted with the password given`);
  });

  const bags = flattenBags(blocks.flatMap((block) => block.bags));
  const raw: Pkcs12Raw = { kind: 'pkcs12', authenticatedSafe, mac, blocks };
  return {
    format: 'PKCS12',
    integrity: mac ? 'verified' : 'none',
    entries: groupEntries(bags.filter((bag) => !bag.nested), new Set(blocks.flatMap((block) => (block.bags[0] ? [block.bags[0].id] : [])))),
    properties: properties(raw, bags),
    raw,
  };
}

/**
 * Whether `password` decrypts an encrypted content block into bags that read: then it is the right
 * password and a failed MAC means damage. A structure that does not read at all is damage too (thrown).
 */
function decryptsContent(authenticatedSafe: Uint8Array, password: string, crypto: CryptoProvider, work: Work, fast: boolean): boolean {
  for (const [index, { raw, contentType, content }] of contentBlocks(authenticatedSafe, fast).entries()) {
    if (contentType !== OID.encryptedData) continue;
    const what = `content block ${index + 1}`;
    try {
      const { scheme, ciphertext } = fast ? encryptedDataOf(content, what, true) : encryptedContent(parseAsn(raw, ContentInfo, what), what);
      for (const candidate of passwordCandidates(null, password, scheme)) {
        work.charge(blockCost(scheme));
        const plain = pbeDecrypt(crypto, scheme, scheme.kind === 'pkcs12' ? candidate.pkcs12 : candidate.text, ciphertext);
        if (plain && readsAsBags(plain, what)) return true;
      }
    } catch (error) {
      // A scheme TrustLens cannot decrypt (or too costly a one) tells nothing about the password: the file
      // still fails its MAC, and that is what is reported.
      if (error instanceof UnsupportedFormatError) continue;
      throw error;
    }
  }
  return false;
}

/** Padding can check out under a wrong key (1 time in 256 or so); bags that read cannot. */
function readsAsBags(plain: Uint8Array, what: string): boolean {
  try {
    readSafeContents(plain, what, { next: 0 });
    return true;
  } catch {
    return false;
  }
}

function distinct(values: readonly string[]): string {
  return [...new Set(values)].join('; ');
}

function properties(raw: Pkcs12Raw, bags: readonly Pkcs12Bag[]): StoreProperty[] {
  const blocksWith = (test: (bag: Pkcs12Bag) => boolean) => raw.blocks.filter((block) => flattenBags(block.bags).some(test));
  const certBlocks = blocksWith((bag) => !!bag.certificate);
  const keyBags = bags.filter((bag) => bag.keyEncryption || bag.bagId === OID.keyBag);
  const encrypted = raw.blocks.filter((block) => block.kind === 'encrypted').length;
  const other = raw.blocks.filter((block) => block.kind === 'other').length;
  const result: StoreProperty[] = [
    { label: 'Format', value: 'PKCS#12' },
    { label: 'MAC', value: raw.mac ? describeMac(raw.mac) : 'none (no integrity check)' },
  ];
  if (certBlocks.length) {
    result.push({
      label: 'Certificate encryption',
      value: distinct(certBlocks.map((block) => (block.scheme ? describeScheme(block.scheme) : 'none'))),
    });
  }
  if (keyBags.length) {
    result.push({
      label: 'Key encryption',
      value: distinct(keyBags.map((bag) => (bag.keyEncryption ? describeAlgorithm(bag.keyEncryption) : 'none (unencrypted key)'))),
    });
  }
  const parts = [encrypted && `${encrypted} encrypted`, other && `${other} public-key encrypted, not read`].filter(Boolean);
  result.push({ label: 'Content blocks', value: `${raw.blocks.length}${parts.length ? ` (${parts.join(', ')})` : ''}` });
  return result;
}

export const pkcs12Codec: StoreCodec = { format: 'PKCS12', decode };
