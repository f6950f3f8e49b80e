// Hostname matching per client. The peer table is checked three ways: for each row a certificate is made
// with openssl, `openssl x509 -checkhost/-checkip` (OpenSSL's X509_check_host/_ip, as s_client uses them)
// and JSSE's HostnameChecker give their verdicts, and checkHostname must agree with both.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHostname, matchesDnsName, parseIpAddress } from '../../../shared/chain/hostname';
import { commonName, parseCertificate, subjectAltNames } from '../../../shared/x509/certificate';
import { compileJavaPeer, runJavaHostnameChecks } from '../../peers/java-client';
import { mapLimit, runAsync } from '../../peers/run-async';
import { run } from '../../support/peers';

interface Row {
  /** subjectAltName entries, e.g. ['DNS:*.example.com', 'IP:127.0.0.1']; empty: no extension. */
  readonly san: readonly string[];
  readonly cn?: string;
  readonly host: string;
  readonly java: boolean;
  readonly openssl: boolean;
}

const ROWS: Row[] = [
  { san: ['DNS:localhost'], host: 'localhost', java: true, openssl: true },
  { san: ['DNS:LocalHost'], host: 'localhost', java: true, openssl: true },
  { san: ['DNS:localhost'], host: 'LOCALHOST', java: true, openssl: true },
  { san: ['DNS:other.test', 'DNS:localhost'], host: 'localhost', java: true, openssl: true },
  { san: ['DNS:*.example.com'], host: 'www.example.com', java: true, openssl: true },
  { san: ['DNS:*.Example.COM'], host: 'WWW.example.com', java: true, openssl: true },
  { san: ['DNS:*.example.com'], host: 'example.com', java: false, openssl: false },
  { san: ['DNS:*.example.com'], host: 'a.b.example.com', java: false, openssl: false },
  { san: ['DNS:w*.example.com'], host: 'www.example.com', java: true, openssl: true },
  { san: ['DNS:*w.example.com'], host: 'www.example.com', java: true, openssl: true },
  // A wildcard inside a label: JSSE allows it, OpenSSL does not.
  { san: ['DNS:w*w.example.com'], host: 'www.example.com', java: true, openssl: false },
  // A wildcard right under a top-level domain: JSSE allows it for private CAs, OpenSSL wants two more labels.
  { san: ['DNS:*.test'], host: 'example.test', java: true, openssl: false },
  // JSSE (TYPE_TLS) takes a wildcard in any label, and lets it match nothing; OpenSSL only in the first.
  { san: ['DNS:www.*.com'], host: 'www.example.com', java: true, openssl: false },
  { san: ['DNS:*example.com'], host: 'example.com', java: true, openssl: false },
  { san: ['DNS:f*o.example.com'], host: 'fo.example.com', java: true, openssl: false },
  { san: ['DNS:www.*'], host: 'www.example', java: false, openssl: false },
  // JSSE refuses names that are not valid SNI host names; OpenSSL compares the text.
  { san: ['DNS:my_host.test'], host: 'my_host.test', java: false, openssl: true },
  { san: ['DNS:*'], host: 'localhost', java: false, openssl: false },
  { san: ['DNS:*.example.com'], host: 'xn--bcher-kva.example.com', java: true, openssl: true },
  { san: ['IP:127.0.0.1'], host: '127.0.0.1', java: true, openssl: true },
  { san: ['IP:10.0.0.1'], host: '10.0.0.2', java: false, openssl: false },
  // An IP address is compared with IP entries only, never with a DNS entry or the common name.
  { san: ['DNS:127.0.0.1'], host: '127.0.0.1', java: false, openssl: false },
  { san: [], cn: '127.0.0.1', host: '127.0.0.1', java: false, openssl: false },
  { san: ['IP:127.0.0.1'], cn: 'localhost', host: '::ffff:127.0.0.1', java: true, openssl: false },
  { san: ['IP:::1'], host: '::1', java: true, openssl: true },
  { san: ['IP:::1'], host: '0:0:0:0:0:0:0:1', java: true, openssl: true },
  { san: ['IP:2001:db8::1'], host: '2001:DB8:0:0::1', java: true, openssl: true },
  { san: ['IP:2001:db8::1'], host: '2001:db8::2', java: false, openssl: false },
  // The common name counts only when there is no DNS subjectAltName.
  { san: [], cn: 'localhost', host: 'localhost', java: true, openssl: true },
  { san: [], cn: '*.example.com', host: 'www.example.com', java: true, openssl: true },
  { san: ['DNS:other.test'], cn: 'localhost', host: 'localhost', java: false, openssl: false },
  { san: ['IP:127.0.0.1'], cn: 'localhost', host: 'localhost', java: true, openssl: true },
  { san: [], host: 'localhost', java: false, openssl: false },
];

const rowId = (row: Row, i: number) => `${i}: ${row.host} vs ${[...row.san, ...(row.cn ? [`CN=${row.cn}`] : [])].join(', ') || 'no names'}`;

let dir = '';
let classDir = '';
const certificates: string[] = [];
const opensslVerdicts: boolean[] = [];
let javaVerdicts = new Map<string, boolean>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustlens-hostname-'));
  const compiled = compileJavaPeer('JavaHostnameCheck').then((classes) => (classDir = classes));
  const key = join(dir, 'key.pem');
  run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  await mapLimit(ROWS, 4, async (row) => {
    const file = join(dir, `row-${ROWS.indexOf(row)}.pem`);
    const subject = row.cn ? `/O=Hostname Test/CN=${row.cn}` : '/O=Hostname Test';
    const san = row.san.length > 0 ? ['-addext', `subjectAltName=${row.san.join(',')}`] : [];
    const made = await runAsync('openssl', ['req', '-x509', '-new', '-key', key, '-subj', subject, '-days', '2', ...san, '-out', file]);
    if (made.status !== 0) throw new Error(made.stderr);
    certificates[ROWS.indexOf(row)] = file;
  });
  const ip = (host: string) => parseIpAddress(host) !== undefined;
  const checks = await mapLimit(ROWS, 4, (row) =>
    runAsync('openssl', ['x509', '-in', certificates[ROWS.indexOf(row)]!, '-noout', ip(row.host) ? '-checkip' : '-checkhost', row.host]),
  );
  checks.forEach((check) => {
    if (!/does (NOT )?match certificate/.test(check.stdout)) throw new Error(`openssl x509 -checkhost said: ${check.stdout}${check.stderr}`);
    opensslVerdicts.push(!/does NOT match/.test(check.stdout));
  });
  javaVerdicts = await runJavaHostnameChecks(
    await compiled,
    ROWS.map((row, i) => ({ id: String(i), certificate: certificates[i]!, host: row.host })),
  );
});

afterAll(() => {
  for (const d of [dir, classDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('hostname matching agrees with OpenSSL and JSSE', () => {
  it.each(ROWS.map((row, i) => [rowId(row, i), row, i] as const))('%s', (_id, row, i) => {
    expect(opensslVerdicts[i], 'openssl x509 -checkhost/-checkip').toBe(row.openssl);
    expect(javaVerdicts.get(String(i)), 'JSSE HostnameChecker').toBe(row.java);
    const pem = readFileSync(certificates[i]!, 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
    const cert = parseCertificate(new Uint8Array(Buffer.from(pem, 'base64')));
    const subject = { subjectAltNames: subjectAltNames(cert), commonName: commonName(cert) };
    expect(checkHostname(row.host, subject, 'java').matches, 'ours, java').toBe(row.java);
    expect(checkHostname(row.host, subject, 'openssl').matches, 'ours, openssl').toBe(row.openssl);
  });
});

describe('hostname details', () => {
  it('reports what matched and what was compared', () => {
    const subject = { subjectAltNames: ['DNS:a.test', 'DNS:*.b.test', 'IP:10.1.2.3', 'email:x@y.test'], commonName: 'cn.test' };
    expect(checkHostname('x.b.test', subject, 'java')).toEqual({ matches: true, kind: 'dns', matchedBy: 'DNS:*.b.test', compared: ['DNS:a.test', 'DNS:*.b.test'] });
    expect(checkHostname('cn.test', subject, 'openssl')).toEqual({ matches: false, kind: 'dns', compared: ['DNS:a.test', 'DNS:*.b.test'] });
    expect(checkHostname('10.1.2.3', subject, 'openssl')).toEqual({ matches: true, kind: 'ip', matchedBy: 'IP:10.1.2.3', compared: ['IP:10.1.2.3'] });
    expect(checkHostname('cn.test', { subjectAltNames: [], commonName: 'CN.TEST' }, 'java')).toMatchObject({ matches: true, matchedBy: 'CN=CN.TEST' });
  });

  it('accepts bracketed IPv6, a zone, and a trailing dot on the host', () => {
    const subject = { subjectAltNames: ['IP:fe80::1', 'DNS:example.test'] };
    expect(checkHostname('[fe80::1]', subject, 'java').matches).toBe(true);
    expect(checkHostname('fe80::1%eth0', subject, 'openssl').matches).toBe(true);
    expect(checkHostname('example.test.', subject, 'openssl').matches).toBe(true);
  });

  it('parses IP literals strictly', () => {
    expect(parseIpAddress('192.168.0.1')).toEqual(new Uint8Array([192, 168, 0, 1]));
    expect(parseIpAddress('::ffff:1.2.3.4')).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]));
    expect(parseIpAddress('2001:db8::')?.length).toBe(16);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', 'example.com', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', ':::', '']) {
      expect(parseIpAddress(bad), bad).toBeUndefined();
    }
  });

  it('never lets a wildcard span labels or stand alone', () => {
    for (const client of ['java', 'openssl'] as const) {
      expect(matchesDnsName('a.b.example.com', '*.example.com', client)).toBe(false);
      expect(matchesDnsName('.example.com', '*.example.com', client)).toBe(false);
      expect(matchesDnsName('com', '*', client)).toBe(false);
      expect(matchesDnsName('example.com', '*.', client)).toBe(false);
    }
  });
});
