// The fast DER reader behind parseCertificate/summarize gives exactly what the @peculiar/asn1-x509 path
// gives: every certificate in the fixtures, the system's CA bundle, and odd certificates made here by
// openssl (BMPString and T61String names, unknown attributes, every SAN form, DSA, explicit EC curves,
// GeneralizedTime, BER encodings) is read both ways and compared field by field; so is what the store
// table lists of each (listDer).
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { CorruptInputError } from '../../../shared/errors';
import type { CertificateSummary } from '../../../shared/model/certificate';
import {
  certificateSubject,
  commonName,
  isSelfIssued,
  issuerCommonName,
  keyInfoWithLibrary,
  listDer,
  parseCertificate,
  parseWithLibrary,
  signatureAlgorithmWithLibrary,
  subjectAltNamesWithLibrary,
  summarize,
  summarizeDer,
  type ParsedCertificate,
} from '../../../shared/x509/certificate';
import { toHex } from '../../../shared/x509/hex';
import { nameAttribute } from '../../../shared/x509/names';
import { pemBlocks } from '../../../shared/x509/pem';
import { nodeCrypto as crypto } from '../../support/crypto';
import { run } from '../../support/peers';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function certificatesIn(file: string): Uint8Array[] {
  const text = readFileSync(file, 'latin1');
  return pemBlocks(text)
    .filter((block) => block.label === 'CERTIFICATE')
    .map((block) => block.der);
}

function pemFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return pemFiles(file);
    return /\.(pem|crt|cer)$/.test(name) && readFileSync(file, 'latin1').includes('BEGIN CERTIFICATE') ? [file] : [];
  });
}

/**
 * A plain copy for comparing: bytes as hex so a difference reads well, and asn1-schema's array
 * subclasses (ExtendedKeyUsage, SubjectAlternativeName…) as plain arrays, as they print in JSON.
 */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (Array.isArray(value)) return Array.from(value, plain);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]));
}

/** Every field but `asn`. */
function fields(cert: ParsedCertificate): unknown {
  return plain(Object.fromEntries(Object.keys(cert).filter((key) => key !== 'asn').map((key) => [key, (cert as unknown as Record<string, unknown>)[key]])));
}

/** summarize() composed from the asn1-schema functions only: the reference. */
function librarySummary(cert: ParsedCertificate): CertificateSummary {
  const key = keyInfoWithLibrary(cert);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: toHex(new Uint8Array(cert.asn.tbsCertificate.serialNumber)).replace(/^(00)+(?=..)/, ''),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha1: crypto.digestHex('sha1', cert.der),
    sha256: crypto.digestHex('sha256', cert.der),
    keyAlgorithm: key.algorithm,
    ...(key.size !== undefined ? { keySize: key.size } : {}),
    ...(key.curve !== undefined ? { curve: key.curve } : {}),
    signatureAlgorithm: signatureAlgorithmWithLibrary(cert),
    isCA: cert.basicConstraints?.ca ?? false,
    selfSigned: isSelfIssued(cert),
    subjectAltNames: subjectAltNamesWithLibrary(cert),
  };
}

function expectSameAsLibrary(der: Uint8Array, label: string): ParsedCertificate {
  const reference = parseWithLibrary(der);
  const fast = parseCertificate(der);
  expect(fields(fast), label).toStrictEqual(fields(reference));
  const expected = librarySummary(reference);
  expect(plain(summarize(fast, crypto)), label).toStrictEqual(plain(expected));
  // The one-pass summary the stores use: same fields, same key order (the CLI's JSON is byte for byte).
  expect(JSON.stringify(summarizeDer(der, crypto)), label).toBe(JSON.stringify(expected));
  // What the store table lists: the summary's fields for its columns, nothing else.
  // (and the optional columns: key identifiers and the names' O, as asn1-schema reads them)
  const { subject, issuer, serialNumber, notBefore, notAfter, sha1, sha256, keyAlgorithm, keySize, curve } = expected;
  const subjectOrganization = nameAttribute(reference.asn.tbsCertificate.subject, 'O');
  const issuerOrganization = nameAttribute(reference.asn.tbsCertificate.issuer, 'O');
  expect(listDer(der, crypto), label).toStrictEqual({
    ...{ subject, issuer, serialNumber, notBefore, notAfter, sha1, sha256, keyAlgorithm },
    ...(keySize !== undefined ? { keySize } : {}),
    ...(curve !== undefined ? { curve } : {}),
    ...(reference.subjectKeyId ? { subjectKeyId: reference.subjectKeyId } : {}),
    ...(reference.authorityKeyId ? { authorityKeyId: reference.authorityKeyId } : {}),
    ...(subjectOrganization !== undefined ? { subjectOrganization } : {}),
    ...(issuerOrganization !== undefined ? { issuerOrganization } : {}),
  });
  expect(certificateSubject(der), label).toBe(reference.subject);
  expect(commonName(fast), label).toBe(nameAttribute(reference.asn.tbsCertificate.subject, 'CN'));
  expect(issuerCommonName(fast), label).toBe(nameAttribute(reference.asn.tbsCertificate.issuer, 'CN'));
  return fast;
}

/** Whether parseCertificate took the fast path (its `asn` is built on first read). */
const tookFastPath = (cert: ParsedCertificate) => typeof Object.getOwnPropertyDescriptor(cert, 'asn')?.get === 'function';

describe('parseCertificate and summarize read certificates as asn1-schema does', () => {
  test('every certificate in the test fixtures, on the fast path', () => {
    const files = pemFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(20);
    let count = 0;
    for (const file of files) {
      for (const der of certificatesIn(file)) {
        const cert = expectSameAsLibrary(der, path.relative(FIXTURES, file));
        expect(tookFastPath(cert), file).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThan(40);
  });

  const systemBundle = '/etc/ssl/certs/ca-certificates.crt';
  test.runIf(statSync(systemBundle, { throwIfNoEntry: false }))("the system's CA bundle (real-world names and encodings)", () => {
    const ders = certificatesIn(systemBundle);
    expect(ders.length).toBeGreaterThan(50);
    ders.forEach((der, i) => expectSameAsLibrary(der, `CA bundle certificate ${i + 1}`));
  });
});

describe('odd certificates made by openssl', () => {
  let dir: string;
  const made = new Map<string, Uint8Array>();

  /** A self-signed certificate from `openssl req -x509` with these extra arguments. */
  function makeCertificate(name: string, args: string[], keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], stringMask = 'utf8only'): void {
    const out = path.join(dir, `${name}.pem`);
    const config = path.join(dir, `${name}.cnf`);
    writeFileSync(config, `[req]\ndistinguished_name = dn\nstring_mask = ${stringMask}\n[dn]\n`);
    run('openssl', ['req', '-config', config, '-x509', ...keyArgs, '-nodes', '-keyout', path.join(dir, `${name}.key`), '-out', out, '-days', '30', ...args]);
    made.set(name, certificatesIn(out)[0]!);
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trustlens-x509-fast-'));
    makeCertificate('bmp-names', ['-utf8', '-subj', '/CN=Grüße BMP/O=Ünïcode Örg'], undefined, 'pkix');
    makeCertificate('t61-names', ['-subj', '/CN=Café/O=Plain'], undefined, 'default');
    makeCertificate('utf8-names', ['-utf8', '-subj', '/CN=日本語 name/O=Ærø/OU=a+b, c;d/L=#hash ']);
    makeCertificate('unknown-attributes', ['-subj', '/CN=EV Site/businessCategory=Private Organization/jurisdictionC=DE/serialNumber=HRB 1']);
    makeCertificate('multi-valued-rdn', ['-multivalue-rdn', '-subj', '/CN=first+OU=second/O=third']);
    makeCertificate('every-san', [
      '-subj', '/CN=sans',
      '-addext', 'subjectAltName=DNS:a.test,IP:10.0.0.1,IP:::1,IP:2001:db8::5,email:a@b.test,URI:https://x.test/p,RID:1.2.3.4,otherName:1.2.3.4;UTF8:hello',
    ]);
    makeCertificate('ipv4-san', ['-subj', '/CN=ip', '-addext', 'subjectAltName=IP:192.168.7.1,DNS:x.test']);
    makeCertificate('ca-pathlen', [
      '-subj', '/CN=ca',
      '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:3',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature,decipherOnly,keyAgreement',
      '-addext', 'extendedKeyUsage=serverAuth,1.3.6.1.4.1.99999.1',
      '-addext', 'authorityKeyIdentifier=keyid:always,issuer:always',
    ]);
    makeCertificate('generalized-time', ['-subj', '/CN=long', '-days', '20000']);
    makeCertificate('rsa-pss', ['-subj', '/CN=pss'], ['-newkey', 'rsa-pss', '-pkeyopt', 'rsa_keygen_bits:1024']);
    makeCertificate('ed448', ['-subj', '/CN=ed448'], ['-newkey', 'ed448']);
    const dsaParams = path.join(dir, 'dsa.param');
    run('openssl', ['genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024', '-out', dsaParams]);
    makeCertificate('dsa', ['-subj', '/CN=dsa'], ['-newkey', `param:${dsaParams}`]);
    const explicitKey = path.join(dir, 'explicit.key');
    run('openssl', ['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout', '-out', explicitKey]);
    const explicitOut = path.join(dir, 'explicit-ec.pem');
    writeFileSync(path.join(dir, 'explicit.cnf'), '[req]\ndistinguished_name = dn\n[dn]\n');
    run('openssl', ['req', '-config', path.join(dir, 'explicit.cnf'), '-x509', '-key', explicitKey, '-out', explicitOut, '-days', '30', '-subj', '/CN=explicit curve']);
    made.set('explicit-ec', certificatesIn(explicitOut)[0]!);
  }, 60_000);

  test.each([
    'bmp-names', 't61-names', 'utf8-names', 'unknown-attributes', 'multi-valued-rdn', 'every-san', 'ipv4-san',
    'ca-pathlen', 'generalized-time', 'rsa-pss', 'ed448', 'dsa', 'explicit-ec',
  ])('%s', (name) => {
    const der = made.get(name)!;
    const cert = expectSameAsLibrary(der, name);
    // What openssl says the certificate is, so the comparison above is about the right certificate.
    const theirs = run('openssl', ['x509', '-inform', 'DER', '-noout', '-fingerprint', '-sha256'], { input: der }).stdout;
    expect(summarize(cert, crypto).sha256).toBe(theirs.split('=')[1]!.trim().replace(/:/g, '').toLowerCase());
  });

  test('the names are in the string types the cases are about', () => {
    const types = (name: string) => run('openssl', ['asn1parse', '-inform', 'DER'], { input: made.get(name)! }).stdout;
    expect(types('bmp-names')).toMatch(/BMPSTRING/);
    expect(types('t61-names')).toMatch(/T61STRING/);
    expect(types('utf8-names')).toMatch(/UTF8STRING/);
    expect(types('generalized-time')).toMatch(/GENERALIZEDTIME/);
  });

  test('plain certificates stay on the fast path; the odd parts fall back piece by piece', () => {
    for (const name of ['every-san', 'unknown-attributes', 'bmp-names', 'ca-pathlen', 'ipv4-san', 'dsa']) {
      expect(tookFastPath(parseCertificate(made.get(name)!)), name).toBe(true);
    }
  });

  test('a BER encoding (non-minimal lengths) is read by asn1-schema, with the same answers', () => {
    const der = made.get('ipv4-san')!;
    // Re-encode the outer SEQUENCE's length in five bytes instead of the minimal form.
    const header = der[1]! & 0x80 ? 2 + (der[1]! & 0x7f) : 2;
    const length = der.length - header;
    const ber = new Uint8Array([0x30, 0x84, length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff, ...der.subarray(header)]);
    const cert = parseCertificate(ber);
    expect(tookFastPath(cert)).toBe(false);
    expect(cert.subject).toBe(parseCertificate(der).subject);
    expect(summarize(cert, crypto).subjectAltNames).toEqual(['IP:192.168.7.1', 'DNS:x.test']);
  });

  test('garbage and truncated certificates are refused with CorruptInputError, as before', () => {
    const der = made.get('ipv4-san')!;
    for (const bad of [der.subarray(0, der.length - 10), der.subarray(0, 40), new Uint8Array([0x30, 0x03, 1, 2, 3]), new Uint8Array(0)]) {
      expect(() => parseCertificate(bad)).toThrow(CorruptInputError);
      expect(() => certificateSubject(bad)).toThrow(CorruptInputError);
      expect(() => parseWithLibrary(bad)).toThrow(CorruptInputError);
    }
  });

  test('the asn1-schema object is still there when asked for', () => {
    const cert = parseCertificate(made.get('ca-pathlen')!);
    expect(cert.asn.tbsCertificate.version).toBe(2);
    expect(cert.asn).toBe(cert.asn);
    writeFileSync(path.join(dir, 'done'), '');
  });
});
