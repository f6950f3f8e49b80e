// Many distinct X.509 certificates, fast: a handful of node:crypto keys sign thousands of certificates
// that differ in subject, serial number, validity, key and extensions. The mix (RSA and EC issuers;
// RSA, EC and Ed25519 subject keys; CAs and leaves with SANs) is what a large corporate trust store
// holds, so parsers do realistic work. The DER is written by the few lines below rather than by
// asn1-schema, whose serializer would take most of a minute for 10,000 certificates.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** Tag, definite length, content. */
function tlv(tag, ...parts) {
  const content = Buffer.concat(parts);
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), content]);
}

const seq = (...parts) => tlv(0x30, ...parts);
const set = (...parts) => tlv(0x31, ...parts);
const octets = (bytes) => tlv(0x04, bytes);
const bool = (value) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text) => tlv(0x0c, Buffer.from(text, 'utf8'));
const printable = (text) => tlv(0x13, Buffer.from(text, 'ascii'));
const bitString = (bytes, unused = 0) => tlv(0x03, Buffer.from([unused]), bytes);

function integer(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0 && bytes[i + 1] < 0x80) i++;
  const trimmed = bytes.subarray(i);
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(text) {
  const [a, b, ...rest] = text.split('.').map(Number);
  const out = [a * 40 + b];
  for (const arc of rest) {
    const group = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) group.unshift((v & 0x7f) | 0x80);
    out.push(...group);
  }
  return tlv(0x06, Buffer.from(out));
}

function utcTime(date) {
  const iso = date.toISOString(); // 2025-01-01T00:00:00.000Z
  const text = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}

const OID = {
  cn: '2.5.4.3',
  c: '2.5.4.6',
  l: '2.5.4.7',
  o: '2.5.4.10',
  ou: '2.5.4.11',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ski: '2.5.29.14',
  ku: '2.5.29.15',
  san: '2.5.29.17',
  bc: '2.5.29.19',
  aki: '2.5.29.35',
  eku: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

/** [[oid, text], …], most general first as certificates store them (C, L, O, OU, CN). */
function name(attributes) {
  return seq(...attributes.map(([type, text]) => set(seq(oid(type), type === OID.c ? printable(text) : utf8(text)))));
}

function extension(id, value, critical = false) {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

function makeKey(kind) {
  const pair =
    kind === 'rsa2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : kind === 'p256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : kind === 'p384' ? generateKeyPairSync('ec', { namedCurve: 'P-384' })
          : generateKeyPairSync('ed25519');
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  return { kind, privateKey: pair.privateKey, spki, id: createHash('sha1').update(spki).digest() };
}

const SIGNATURE_ALGORITHMS = {
  rsa: seq(oid(OID.sha256WithRSA), tlv(0x05)),
  ec: seq(oid(OID.ecdsaWithSHA256)),
};

// KeyUsage bits: digitalSignature (0) + keyEncipherment (2) = 0xa0; keyCertSign (5) + cRLSign (6) = 0x06.
const LEAF_KEY_USAGE = bitString(Buffer.from([0xa0]), 5);
const CA_KEY_USAGE = bitString(Buffer.from([0x06]), 1);

/** Build and sign one certificate; returns its DER. */
function certificate({ serial, subject, issuer, issuerKey, subjectKey, notBefore, notAfter, ca, dnsNames }) {
  const algorithm = SIGNATURE_ALGORITHMS[issuerKey.kind.startsWith('rsa') ? 'rsa' : 'ec'];
  const extensions = [
    extension(OID.bc, ca ? seq(bool(true), integer(Buffer.from([0]))) : seq(), true),
    extension(OID.ku, ca ? CA_KEY_USAGE : LEAF_KEY_USAGE, true),
    extension(OID.ski, octets(subjectKey.id)),
    extension(OID.aki, seq(tlv(0x80, issuerKey.id))),
  ];
  if (!ca) {
    extensions.push(extension(OID.eku, seq(oid(OID.serverAuth), oid(OID.clientAuth))));
    extensions.push(extension(OID.san, seq(...dnsNames.map((dns) => tlv(0x82, Buffer.from(dns, 'ascii'))))));
  }
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    algorithm,
    issuer,
    seq(utcTime(notBefore), utcTime(notAfter)),
    subject,
    subjectKey.spki,
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, issuerKey.privateKey);
  return seq(tbs, algorithm, bitString(signature));
}

function positiveSerial() {
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01;
  return serial;
}

const COUNTRIES = ['US', 'DE', 'FR', 'JP', 'GB', 'CH', 'NL', 'SE'];
const CITIES = ['Springfield', 'Berlin', 'Lyon', 'Osaka', 'Leeds', 'Basel', 'Utrecht', 'Malmo'];

/**
 * `count` distinct certificates (DER), numbered from 1: every 25th one is a CA, the rest are server
 * leaves with one to three DNS names. Four issuers (one RSA, three EC) sign them. With `commonName`,
 * every subject has that CN (the rest of the subject, keys and serials still differ).
 */
export function generateCertificates(count, { commonName } = {}) {
  const issuers = ['rsa2048', 'p256', 'p256', 'p384'].map((kind, i) => ({
    key: makeKey(kind),
    name: name([[OID.c, 'US'], [OID.o, 'TrustLens Bench'], [OID.cn, `TrustLens Bench Issuing CA ${i + 1}`]]),
  }));
  const subjectKeys = ['rsa2048', 'rsa2048', 'p256', 'p256', 'p384', 'ed25519'].map(makeKey);
  const start = Date.UTC(2025, 0, 1);
  const day = 86_400_000;
  const ders = [];
  for (let n = 1; n <= count; n++) {
    const id = String(n).padStart(5, '0');
    const ca = n % 25 === 0;
    const issuer = issuers[n % issuers.length];
    const host = `host-${id}.svc${n % 97}.example.test`;
    const subject = name([
      [OID.c, COUNTRIES[n % COUNTRIES.length]],
      [OID.l, CITIES[n % CITIES.length]],
      [OID.o, `Bench Org ${n % 331}`],
      [OID.ou, `Unit ${n % 17}`],
      [OID.cn, commonName ?? (ca ? `Bench Internal CA ${id}` : host)],
    ]);
    const notBefore = new Date(start - (n % 700) * day);
    const notAfter = new Date(notBefore.getTime() + (ca ? 3650 : 90 + (n % 800)) * day);
    ders.push(
      certificate({
        serial: positiveSerial(),
        subject,
        issuer: issuer.name,
        issuerKey: issuer.key,
        subjectKey: subjectKeys[n % subjectKeys.length],
        notBefore,
        notAfter,
        ca,
        dnsNames: [host, `www.${host}`, `api-${id}.example.test`].slice(0, 1 + (n % 3)),
      }),
    );
  }
  return ders;
}

export function toPem(ders) {
  return ders
    .map((der) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`)
    .join('');
}
