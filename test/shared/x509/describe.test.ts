// The details projection against OpenSSL's view of the same certificates (test/fixtures/x509/make.sh):
// sections, fingerprints, serials, key, names, PEM and validity. Extensions: describe-extensions.test.ts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { DetailRow } from '../../../shared/model/details';
import { summaryRows } from '../../../shared/x509/describe';
import { ATTRIBUTE_LABELS } from '../../../shared/x509/oids';
import { DAY, FIXTURES, NOW, extension, field, load, section } from './fixture-details';
import { opensslDates, opensslFingerprint, opensslNameAttributes, opensslSerial, opensslSpkiSha256 } from './openssl-text';

describe('describeCertificate', () => {
  test('sections come in the order a person fixing TLS reads them, and are plain data', () => {
    const { details } = load('leaf-rich');
    expect(details.sections.map((s) => s.title)).toEqual(['Subject', 'Issuer', 'Validity', 'Public key', 'Signature', 'Fingerprints', 'Extensions']);
    expect(JSON.parse(JSON.stringify(details))).toEqual(details);
  });

  test.each(FIXTURES)('%s: fingerprints, serial, SPKI, dates, names and PEM agree with OpenSSL', (name) => {
    const { file, text, details } = load(name);
    const fingerprints = section(details, 'Fingerprints');
    expect(field(fingerprints, 'SHA-256').value).toBe(opensslFingerprint(file, 'sha256'));
    expect(field(fingerprints, 'SHA-1').value).toBe(opensslFingerprint(file, 'sha1'));
    expect(field(fingerprints, 'MD5').value).toBe(opensslFingerprint(file, 'md5'));
    expect(fingerprints.every((r) => r.copyable)).toBe(true);

    const signature = section(details, 'Signature');
    expect(field(signature, 'Serial number').value).toBe(opensslSerial(file));
    expect(field(signature, 'Version').value).toBe(/Version: (\d+) \(/.exec(text)![1]);

    const spki = opensslSpkiSha256(file);
    const key = section(details, 'Public key');
    expect(field(key, 'SPKI fingerprint (SHA-256)').value).toBe((spki.toUpperCase().match(/../g) ?? []).join(':'));
    expect(field(key, 'SPKI pin (SHA-256, base64)').value).toBe(Buffer.from(spki, 'hex').toString('base64'));

    const dates = opensslDates(file);
    const validity = section(details, 'Validity');
    expect(field(validity, 'Not before').value.startsWith(dates.notBefore)).toBe(true);
    expect(field(validity, 'Not after').value.startsWith(dates.notAfter)).toBe(true);

    for (const which of ['subject', 'issuer'] as const) {
      const rows = section(details, which === 'subject' ? 'Subject' : 'Issuer');
      const expected = opensslNameAttributes(file, which)
        .reverse()
        .map(([oid, value]) => ({ label: ATTRIBUTE_LABELS[oid] ?? oid, value }));
      expect(rows.slice(0, -1).map((r) => ({ label: r.label, value: r.value }))).toEqual(expected);
      const dn = rows.at(-1)!;
      expect(dn.label).toBe('Distinguished name');
      expect(dn.copyable).toBe(true);
      expect(dn.value).toBe(details.summary[which]);
    }

    // We write PEM exactly as OpenSSL does: same base64, 64-character lines.
    expect(details.pem).toBe(readFileSync(file, 'utf8'));
  });

  test('key size, curve and algorithm as OpenSSL reports them', () => {
    for (const name of ['leaf-rich', 'ca', 'rsa-pss'] as const) {
      const { text, details } = load(name);
      const bits = /Public-Key: \((\d+) bit\)/.exec(text)![1];
      expect(field(section(details, 'Public key'), 'Key size').value).toBe(`${bits} bits`);
    }
    const ec = load('ec-p384');
    expect(field(section(ec.details, 'Public key'), 'Algorithm').value).toBe('EC');
    expect(field(section(ec.details, 'Public key'), 'Curve').value).toBe(/NIST CURVE: (\S+)/.exec(ec.text)![1]);
    expect(field(section(ec.details, 'Public key'), 'Key size').value).toBe(`${/Public-Key: \((\d+) bit\)/.exec(ec.text)![1]} bits`);
    const ed = load('ed25519');
    expect(/Public Key Algorithm: (\S+)/.exec(ed.text)![1]).toBe('ED25519');
    expect(field(section(ed.details, 'Public key'), 'Algorithm').value).toBe('Ed25519');
    // OpenSSL prints no size for EdDSA keys; keytool's ("255-bit Ed25519 key") is the one people compare with.
    const keytool = execFileSync('keytool', ['-printcert', '-file', ed.file], { encoding: 'utf8' });
    expect(field(section(ed.details, 'Public key'), 'Key size').value).toBe(`${/(\d+)-bit Ed25519 key/.exec(keytool)![1]} bits`);
  });

  test('RSA-PSS: the signature parameters OpenSSL prints', () => {
    const { text, details } = load('rsa-pss');
    expect(/Public Key Algorithm: (\S+)/.exec(text)![1]).toBe('rsassaPss');
    expect(field(section(details, 'Public key'), 'Algorithm').value).toBe('RSASSA-PSS');
    const algorithm = field(section(details, 'Signature'), 'Algorithm');
    expect(algorithm.value).toBe('RSASSA-PSS');
    const hash = /Hash Algorithm: sha(\d+)/.exec(text)![1];
    expect(field(algorithm.children!, 'Hash').value).toBe(`SHA-${hash}`);
    expect(field(algorithm.children!, 'Mask generation').value).toBe(`MGF1 with SHA-${/Mask Algorithm: mgf1 with sha(\d+)/.exec(text)![1]}`);
    expect(field(algorithm.children!, 'Salt length').value).toBe(`${parseInt(/Salt Length: 0x([0-9a-f]+)/i.exec(text)![1]!, 16)} bytes`);
  });
});

describe('validity', () => {
  const days = (row: DetailRow) => Number(/(\d+) days?/.exec(row.value)![1]);

  test('an expired certificate: "expired N days ago", tone bad', () => {
    const { file, details } = load('expired');
    const notAfter = new Date(opensslDates(file).notAfter);
    const row = field(section(details, 'Validity'), 'Days left');
    expect(row.tone).toBe('bad');
    expect(row.value).toMatch(/^expired \d+ days ago$/);
    expect(days(row)).toBe(Math.floor((NOW.getTime() - notAfter.getTime()) / DAY));
    expect(extension(details, 'None').value).toBe('this certificate has no extensions');
  });

  test('not yet valid, expiring soon, fine', () => {
    const { file } = load('leaf-rich');
    const { notBefore, notAfter } = opensslDates(file);
    const start = new Date(notBefore).getTime();
    const end = new Date(notAfter).getTime();
    const status = (now: number) => field(section(load('leaf-rich', new Date(now)).details, 'Validity'), 'Days left');

    const early = status(start - 3 * DAY);
    expect(early.tone).toBe('bad');
    expect(early.value).toMatch(/^not valid until .*\(in 3 days\)$/);
    const soon = status(end - 10 * DAY - 60_000);
    expect(soon).toMatchObject({ value: 'expires in 10 days', tone: 'warn' });
    const hours = status(end - 5 * 3_600_000);
    expect(hours).toMatchObject({ value: 'expires in 5 hours', tone: 'warn' });
    const fine = status(end - 45 * DAY - 60_000);
    expect(fine).toMatchObject({ value: 'expires in 45 days', tone: 'ok' });
    expect(status(end + DAY + 60_000)).toMatchObject({ value: 'expired 1 day ago', tone: 'bad' });
  });
});

test('summaryRows: the CLI view of the summary', () => {
  const { file, details } = load('ec-p384');
  const rows = summaryRows(details.summary);
  expect(field(rows, 'SHA-256').value).toBe(opensslFingerprint(file, 'sha256'));
  expect(field(rows, 'Key').value).toBe('EC P-384');
  expect(field(rows, 'Alternative names').value).toBe('DNS:ec.example.test');
});
