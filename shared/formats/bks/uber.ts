// The UBER keystore codec (Bouncy Castle's "UBER" / "BouncyCastle" type, BcKeyStoreSpi.BouncyCastleStore):
// the BKS entry stream (layout.ts) encrypted as a whole, so it cannot be listed without its password.
//
//   u32 version          1 (0 is a pre-2003 store whose key derivation had a bug: "OldPBEWithSHAAndTwofish-CBC")
//   u32 salt length      always 20; Bouncy Castle refuses anything else
//   the salt
//   u32 iteration count  Bouncy Castle refuses more than 1024 << 6
//   the rest: PBEWithSHAAndTwofish-CBC (Twofish-256 in CBC mode with PKCS#7 padding, key and IV from the
//             PKCS#12 KDF with SHA-1, purposes 1 and 2, over the password as BMPString with a trailing NUL)
//             of: the entry stream, then the 20-byte SHA-1 digest of the entry stream.
// A wrong password shows as bad padding or a digest mismatch (nothing tells the two apart from damage).
//
// Writing keeps the salt and iteration count, re-encrypts the edited stream with the same password, and
// copies every untouched entry's bytes; sealed keys inside stay sealed.
import type { CryptoProvider } from '../../crypto-provider';
import type { DecodedStore, DecodeOptions, StoreCodec } from '../codec';
import { CorruptInputError, PasswordRequiredError, UnsupportedFormatError, WrongPasswordError } from '../../errors';
import { equalBytes } from '../../x509/certificate';
import { ByteWriter } from '../jks/bytes';
import { IV_ID, KEY_ID, pkcs12Kdf } from '../pkcs12/kdf';
import { readHeader } from './header';
import { readEntryStream } from './entries';
import { MAC_LENGTH, MAX_UBER_ITERATIONS, bcPasswordBytes } from './layout';
import type { BksStoreRaw } from './layout';
import { twofishCbcDecrypt, twofishCbcEncrypt } from './twofish';
import { bksHeader, editedEntryStream } from './writer';
import type { BksEdits } from './writer';

const SALT_LENGTH = 20;

/** What the UBER reader keeps beside the BKS raw fields: the ciphertext, to check a writer's password. */
interface UberStoreRaw extends BksStoreRaw {
  readonly ciphertext: Uint8Array;
}

function cipherParameters(password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider) {
  const bytes = bcPasswordBytes(password);
  return {
    key: pkcs12Kdf(crypto, 'sha1', bytes, salt, iterations, KEY_ID, 32),
    iv: pkcs12Kdf(crypto, 'sha1', bytes, salt, iterations, IV_ID, 16),
  };
}

/** The entry stream and its digest, or null when the password does not decrypt it. */
function decryptStore(password: string, salt: Uint8Array, iterations: number, ciphertext: Uint8Array, crypto: CryptoProvider): Uint8Array | null {
  const { key, iv } = cipherParameters(password, salt, iterations, crypto);
  return twofishCbcDecrypt(key, iv, ciphertext);
}

const WRONG = 'The password for this UBER keystore is wrong, or the file is damaged (it does not decrypt to a keystore); nothing was changed. Check the password.';

export function decodeUber(input: Uint8Array, options: DecodeOptions): DecodedStore {
  const bytes = input.slice();
  const header = readHeader(bytes, 'UBER keystore');
  const { version, salt, iterations } = header;
  if (salt.length !== SALT_LENGTH) throw new CorruptInputError(`This UBER keystore has a ${salt.length}-byte salt; Bouncy Castle writes and accepts only 20, so the file is damaged.`);
  if (iterations > MAX_UBER_ITERATIONS) {
    throw new CorruptInputError(`This UBER keystore asks for ${iterations} iterations, more than Bouncy Castle accepts (${MAX_UBER_ITERATIONS}); the file is damaged or hostile.`);
  }
  if (version === 0) {
    throw new UnsupportedFormatError('This is a version 0 UBER keystore (Bouncy Castle before 2003, "OldPBEWithSHAAndTwofish-CBC"); TrustLens reads version 1. Load and store it once with Bouncy Castle to upgrade it.');
  }
  if (options.password === undefined) {
    throw new PasswordRequiredError('An UBER keystore is encrypted as a whole: give its password to list it.');
  }
  const ciphertext = bytes.subarray(header.end);
  const plain = decryptStore(options.password, salt, iterations, ciphertext, options.crypto);
  if (!plain || plain.length < 1 + MAC_LENGTH) throw new WrongPasswordError(WRONG);
  let stream;
  try {
    stream = readEntryStream(plain, 0);
  } catch {
    throw new WrongPasswordError(WRONG);
  }
  const body = plain.subarray(0, stream.end);
  const digest = plain.subarray(stream.end, stream.end + MAC_LENGTH);
  if (digest.length !== MAC_LENGTH || !equalBytes(options.crypto.digest('sha1', body), digest)) throw new WrongPasswordError(WRONG);
  const raw: UberStoreRaw = { codec: 'bks', format: 'UBER', version, salt, iterations, stream: body, mac: digest, ciphertext };
  return {
    format: 'UBER',
    integrity: 'verified',
    entries: stream.entries,
    properties: [
      { label: 'Format', value: `UBER (Bouncy Castle), version ${version}` },
      { label: 'Entries', value: String(stream.entries.length) },
      { label: 'Encryption', value: `PBEWithSHAAndTwofish-CBC, ${iterations} iterations` },
      { label: 'Integrity', value: 'SHA-1 digest inside the encryption, verified' },
    ],
    raw,
  };
}

function isUberRaw(raw: unknown): raw is UberStoreRaw {
  return typeof raw === 'object' && raw !== null && (raw as UberStoreRaw).format === 'UBER' && (raw as UberStoreRaw).ciphertext instanceof Uint8Array;
}

function encrypt(raw: Pick<BksStoreRaw, 'version' | 'salt' | 'iterations'>, stream: Uint8Array, password: string, crypto: CryptoProvider): Uint8Array {
  const { key, iv } = cipherParameters(password, raw.salt, raw.iterations, crypto);
  const plain = new ByteWriter().bytes(stream).bytes(crypto.digest('sha1', stream)).toBytes();
  return new ByteWriter().bytes(bksHeader(raw)).bytes(twofishCbcEncrypt(key, iv, plain)).toBytes();
}

/**
 * New file bytes for an UBER `store` with `edits` applied, encrypted with `password`, which must be the one
 * it was saved with (WrongPasswordError otherwise; nothing is written).
 */
export function encodeUber(store: DecodedStore, edits: BksEdits, password: string, crypto: CryptoProvider): Uint8Array {
  const raw = store.raw;
  if (!isUberRaw(raw)) throw new CorruptInputError('This store was not read as an UBER keystore, so it cannot be written as one.');
  const plain = decryptStore(password, raw.salt, raw.iterations, raw.ciphertext, crypto);
  if (!plain || !equalBytes(plain.subarray(0, raw.stream.length), raw.stream)) {
    throw new WrongPasswordError('The password for this UBER keystore is wrong; nothing was written. Give the password it was saved with.');
  }
  return encrypt(raw, editedEntryStream(store, edits), password, crypto);
}

/** An empty UBER store, as Bouncy Castle writes one: version 1, a 20-byte salt, 1024 to 2047 iterations. */
export function createEmptyUber(password: string, crypto: CryptoProvider): Uint8Array {
  const random = crypto.randomBytes(2);
  const iterations = 1024 + (((random[0]! & 3) << 8) | random[1]!);
  return encrypt({ version: 1, salt: crypto.randomBytes(SALT_LENGTH), iterations }, Uint8Array.of(0), password, crypto);
}

export const uberCodec: StoreCodec = { format: 'UBER', decode: decodeUber };
