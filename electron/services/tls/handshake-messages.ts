// The few handshake messages the probe reads: the ClientHello's random (to find this connection's keys),
// the ServerHello (version and cipher suite actually chosen) and the Certificate message of
// TLS 1.2 (RFC 5246 §7.4.2) and TLS 1.3 (RFC 8446 §4.4.2), whose DER certificates are kept in wire order.
import { createHash } from 'node:crypto';
import { ByteReader, TlsDecodeError } from './record-reader';

export const TLS_VERSION_NAMES: Readonly<Record<number, string>> = {
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
};

export const TLS13 = 0x0304;

const SUPPORTED_VERSIONS_EXTENSION = 43;

/** RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest"). */
const HELLO_RETRY_RANDOM = new Uint8Array(createHash('sha256').update('HelloRetryRequest').digest());

export function clientHelloRandom(body: Uint8Array): Uint8Array {
  const reader = new ByteReader(body, 'the ClientHello');
  reader.u16(); // legacy_version
  return reader.take(32);
}

export interface ServerHello {
  /** The negotiated version: supported_versions when present (TLS 1.3), else server_version. */
  readonly version: number;
  readonly cipherSuite: number;
  readonly helloRetryRequest: boolean;
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const reader = new ByteReader(body, 'the ServerHello');
  let version = reader.u16();
  const random = reader.take(32);
  reader.vector(1, 'the ServerHello session id');
  const cipherSuite = reader.u16();
  reader.u8(); // compression method
  if (reader.remaining > 0) {
    const extensions = reader.vector(2, 'the ServerHello extensions');
    while (extensions.remaining > 0) {
      const type = extensions.u16();
      const data = extensions.vector(2, `ServerHello extension ${type}`);
      if (type === SUPPORTED_VERSIONS_EXTENSION) version = data.u16();
    }
  }
  const helloRetryRequest = random.every((byte, i) => byte === HELLO_RETRY_RANDOM[i]);
  return { version, cipherSuite, helloRetryRequest };
}

/**
 * The certificates of a Certificate message, DER, in the order sent. TLS 1.2: a 3-byte list length,
 * then 3-byte-length-prefixed DERs. TLS 1.3: a request context first, and extensions after each DER.
 */
export function parseCertificateMessage(body: Uint8Array, tls13: boolean): Uint8Array[] {
  const reader = new ByteReader(body, 'the Certificate message');
  if (tls13) reader.vector(1, 'the certificate request context');
  const list = reader.vector(3, 'the certificate list');
  if (reader.remaining !== 0) throw new TlsDecodeError(`the Certificate message has ${reader.remaining} bytes after its certificate list`);
  const certificates: Uint8Array[] = [];
  while (list.remaining > 0) {
    const n = certificates.length + 1;
    const der = list.vector(3, `certificate ${n}`).rest();
    if (der.length === 0) throw new TlsDecodeError(`certificate ${n} in the Certificate message is empty`);
    certificates.push(der);
    if (tls13) list.vector(2, `the extensions of certificate ${n}`);
  }
  return certificates;
}

const CERTIFICATE_AUTHORITIES_EXTENSION = 47;

/**
 * The DER Names of the CAs a CertificateRequest names (whose client certificates the server accepts), in
 * the order sent; empty when it names none (any CA it trusts). TLS 1.2 (RFC 5246 §7.4.4): certificate
 * types, signature algorithms, then the list. TLS 1.3 (RFC 8446 §4.3.2): a request context, then
 * extensions, the list in certificate_authorities (§4.2.4).
 */
export function parseCertificateRequest(body: Uint8Array, tls13: boolean): Uint8Array[] {
  const reader = new ByteReader(body, 'the CertificateRequest');
  let list: ByteReader | undefined;
  if (tls13) {
    reader.vector(1, 'the certificate request context');
    const extensions = reader.vector(2, 'the CertificateRequest extensions');
    while (extensions.remaining > 0) {
      const type = extensions.u16();
      const data = extensions.vector(2, `CertificateRequest extension ${type}`);
      if (type === CERTIFICATE_AUTHORITIES_EXTENSION) list = data.vector(2, 'the certificate authorities');
    }
  } else {
    reader.vector(1, 'the certificate types');
    reader.vector(2, 'the signature algorithms');
    list = reader.vector(2, 'the certificate authorities');
  }
  const names: Uint8Array[] = [];
  while (list && list.remaining > 0) names.push(list.vector(2, `certificate authority ${names.length + 1}`).rest());
  return names;
}
