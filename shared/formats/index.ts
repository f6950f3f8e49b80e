// Detect, then dispatch: formats are told apart by their bytes, never by the file name.
import { TruncatedInputError, UnsupportedFormatError } from '../errors';
import type { StoreFormat } from '../model/keystore';
import type { DecodeOptions, DecodedStore, StoreCodec } from './codec';
import { bksCodec, detectBks } from './bks/bks';
import { uberCodec } from './bks/uber';
import { bcfksCodec } from './bcfks/bcfks';
import { unarmouredBase64 } from './der/base64-der';
import { derCodec } from './der/der';
import { jceksCodec, jksCodec } from './jks/jks';
import { readDerHeader, sniffDer } from './der-sniff';
import { pemCodec } from './pem/pem-bundle';
import { isPemPkcs7, looksLikePem } from './pem/text';
import { detectPkcs12, pkcs12Codec } from './pkcs12/pkcs12';
import { pkcs7Codec } from './pkcs7/pkcs7';
import { pkiPathCodec } from './pkipath/pkipath';
import { identifyUnsupported } from './unsupported';

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;

/** Looked up when a store is decoded, not at start-up: the CLI build loads some codecs on first use. */
function codecFor(format: StoreFormat): StoreCodec {
  switch (format) {
    case 'JKS':
      return jksCodec;
    case 'JCEKS':
      return jceksCodec;
    case 'PKCS12':
      return pkcs12Codec;
    case 'PEM':
      return pemCodec;
    case 'DER':
      return derCodec;
    case 'PKCS7':
      return pkcs7Codec;
    case 'BKS':
      return bksCodec;
    case 'PKIPATH':
      return pkiPathCodec;
    case 'UBER':
      return uberCodec;
    case 'BCFKS':
      return bcfksCodec;
  }
}

export function detectFormat(bytes: Uint8Array): StoreFormat | null {
  if (bytes.length >= 4) {
    const magic = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    if (magic === JKS_MAGIC) return 'JKS';
    if (magic === JCEKS_MAGIC) return 'JCEKS';
    // BKS and UBER start with a small version number (0, 1 or 2) and a salt length.
    if (magic <= 2) {
      const bks = detectBks(bytes);
      if (bks) return bks;
    }
  }
  if (bytes[0] === 0x30) {
    if (detectPkcs12(bytes)) return 'PKCS12'; // also BER, indefinite-length files from older Windows
    switch (sniffDer(bytes)) {
      case 'certificate':
        return 'DER';
      case 'pkcs7':
        return 'PKCS7';
      case 'pkcs12':
        return 'PKCS12';
      case 'pkipath':
        return 'PKIPATH';
      case 'bcfks':
        return 'BCFKS';
      default:
        break;
    }
  }
  // A PEM file holding only PKCS#7 blocks is a PKCS#7 bundle in PEM armour, as `openssl crl2pkcs7` writes it.
  if (looksLikePem(bytes)) return isPemPkcs7(bytes) ? 'PKCS7' : 'PEM';
  return null;
}

/** Formats a bare base64 text may hold: certificate files, not keystores (those are written back as binary). */
const BASE64_FORMATS: ReadonlySet<StoreFormat> = new Set(['DER', 'PKCS7', 'PKIPATH']);

export function decodeStore(bytes: Uint8Array, options: DecodeOptions): DecodedStore {
  if (bytes.length === 0) throw new UnsupportedFormatError('the file is empty');
  const format = detectFormat(bytes);
  if (format) return codecFor(format).decode(bytes, options);
  const der = unarmouredBase64(bytes);
  const inner = der ? detectFormat(der) : null;
  if (der && inner && BASE64_FORMATS.has(inner)) {
    const store = codecFor(inner).decode(der, options);
    return { ...store, properties: [{ label: 'Encoding', value: 'base64 text without PEM armour' }, ...store.properties] };
  }
  const header = bytes[0] === 0x30 ? readDerHeader(bytes) : null;
  if (header && header.headerLength + header.length > bytes.length && header.length < 1 << 28) {
    throw new TruncatedInputError(
      `the DER data ends early (${bytes.length} of the ${header.headerLength + header.length} bytes its header announces); the file is truncated, so copy it again`,
    );
  }
  throw new UnsupportedFormatError(
    identifyUnsupported(bytes) ??
      'not a keystore or certificate file TrustLens can read (expected JKS, JCEKS, PKCS#12, BKS, PEM, DER, PkiPath or PKCS#7)',
  );
}
