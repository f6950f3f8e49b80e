// `trustlens inspect --expiring DAYS` on a JKS that keytool made from certificates with known end dates:
// openssl's -days 10 and -days 400, keytool's own key pairs valid 20 days and one that ended in 2020
// (-startdate). The dates are checked against openssl's and keytool's reading of the same certificates.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
import { run } from '../support/peers';

let dir: string;
let store: string;
let laterOnly: string;
const PASS = 'changeit';

function selfSigned(name: string, days: number): string {
  const file = path.join(dir, `${name}.pem`);
  run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, `${name}.key`), '-subj', `/CN=${name}/O=Expiry Test`, '-days', String(days), '-out', file]);
  return file;
}

function importCert(target: string, alias: string, file: string) {
  run('keytool', ['-importcert', '-noprompt', '-keystore', target, '-storetype', 'JKS', '-storepass', PASS, '-alias', alias, '-file', file]);
}

function keyPair(target: string, alias: string, validity: number, startdate?: string) {
  run('keytool', [
    ...['-genkeypair', '-keystore', target, '-storetype', 'JKS', '-storepass', PASS, '-keypass', PASS, '-alias', alias],
    ...['-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', `CN=${alias}`, '-validity', String(validity)],
    ...(startdate ? ['-startdate', startdate] : []),
  ]);
}

const opensslEnd = (file: string) => new Date(run('openssl', ['x509', '-in', file, '-noout', '-enddate']).stdout.trim().replace(/^notAfter=/, '')).toISOString();

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-expiring-'));
  store = path.join(dir, 'mixed.jks');
  laterOnly = path.join(dir, 'later.jks');
  importCert(store, 'soon-root', selfSigned('soon-root', 10));
  importCert(store, 'later-root', selfSigned('later-root', 400));
  keyPair(store, 'key-in-20-days', 20);
  keyPair(store, 'ended-2020', 30, '2020/01/01');
  importCert(laterOnly, 'later-root', path.join(dir, 'later-root.pem'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('trustlens inspect --expiring', () => {
  it('lists the expired entry first, then the ones within DAYS, soonest first, and exits 1 (JSON)', async () => {
    const r = await trustlens(['inspect', store, '--expiring', '30', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ file: store, format: 'JKS', integrity: 'not-checked', expiring: { days: 30, count: 2, expired: 1 } });
    const listed = doc.entries.map((e: { alias: string; type: string; expired: boolean }) => [e.alias, e.type, e.expired]);
    expect(listed).toEqual([
      ['ended-2020', 'privateKey', true],
      ['soon-root', 'trustedCertificate', false],
      ['key-in-20-days', 'privateKey', false],
    ]);
    const soon = doc.entries[1];
    expect(soon.notAfter).toBe(opensslEnd(path.join(dir, 'soon-root.pem')));
    expect(soon.certificates[0].notAfter).toBe(soon.notAfter);
    // Made moments ago with -days 10: nine whole days and some hours left.
    expect(soon.daysLeft).toBe(9);
    expect(doc.entries[2].daysLeft).toBe(19);
    // keytool's own reading of the expired key pair's end date.
    const keytool = run('keytool', ['-list', '-v', '-keystore', store, '-storepass', PASS, '-alias', 'ended-2020']).stdout;
    expect(keytool).toMatch(/until: .*2020/);
    expect(doc.entries[0].notAfter.slice(0, 7)).toBe('2020-01');
    expect(doc.entries[0].daysLeft).toBeLessThan(0);
  });

  it('narrows with a smaller window: only the expired one is left within 5 days', async () => {
    const r = await trustlens(['inspect', store, '--expiring', '5', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.entries.map((e: { alias: string }) => e.alias)).toEqual(['ended-2020']);
    expect(doc.expiring).toMatchObject({ days: 5, count: 0, expired: 1 });
  });

  it('says so for people, and exits 0 when nothing expires within DAYS', async () => {
    const some = await trustlens(['inspect', store, '--expiring', '30']);
    expect(some.code).toBe(1);
    expect(some.stdout).toContain('2 entries expire within 30 days, 1 expired.');
    expect(some.stdout).toMatch(/ALIAS\s+SUBJECT\s+EXPIRES/);
    expect(some.stdout).toMatch(/soon-root\s+soon-root/);
    expect(some.stdout).not.toContain('later-root');

    const none = await trustlens(['inspect', laterOnly, '--expiring', '30']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No entry expires within 30 days.');
    const json = JSON.parse((await trustlens(['inspect', laterOnly, '--expiring', '30', '--json'])).stdout);
    expect(json.entries).toEqual([]);
    // A window that reaches the 400-day root lists it.
    const wide = await trustlens(['inspect', laterOnly, '--expiring', '401', '--json']);
    expect(wide.code).toBe(1);
    expect(JSON.parse(wide.stdout).entries.map((e: { alias: string }) => e.alias)).toEqual(['later-root']);
  });

  it('refuses a window that is not a whole number of days with exit 2 and one line', async () => {
    for (const bad of ['soon', '-3', '1.5']) {
      const r = await trustlens(['inspect', store, `--expiring=${bad}`]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--expiring takes a whole number of days');
    }
  });
});
