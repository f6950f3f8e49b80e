// This machine's CA stores as the diagnosis reads them for missing issuers: a JKS cacerts (no password
// needed), a PKCS#12 cacerts (the JDK's default password) and a PEM bundle, all written by keytool and
// openssl; the store being diagnosed left out; a store changed on disk read again.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { knownCertificates } from '../../../../electron/services/machine/known-stores';
import type { FoundInStore } from '../../../../shared/model/probe';
import { nodeCrypto } from '../../../support/crypto';
import { opensslFingerprint } from '../../../support/openssl';
import { run } from '../../../support/peers';
import { chainFile } from '../../../support/tls-servers';

const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-known-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const jks = path.join(dir, 'cacerts.jks');
const p12 = path.join(dir, 'cacerts.p12');
const pem = path.join(dir, 'bundle.pem');
const keytoolImport = (store: string, type: string, alias: string, cert: string) =>
  run('keytool', ['-importcert', '-noprompt', '-storetype', type, '-keystore', store, '-storepass', 'changeit', '-alias', alias, '-file', chainFile(cert)]);
keytoolImport(jks, 'JKS', 'testroot', 'root');
keytoolImport(p12, 'PKCS12', 'otherroot', 'other-root');
writeFileSync(pem, readFileSync(chainFile('int'), 'utf8') + readFileSync(chainFile('root'), 'utf8'));

const sha = (name: string) => opensslFingerprint(readFileSync(chainFile(name), 'utf8'));
const stores = [
  { path: jks, label: 'JDK cacerts (JKS)', defaultPassword: 'changeit' },
  { path: p12, label: 'JDK cacerts (PKCS#12)', defaultPassword: 'changeit' },
  { path: pem, label: 'OS CA bundle' },
  { path: path.join(dir, 'absent'), label: 'not on this machine' },
];

describe("this machine's CA stores", () => {
  it('reads each kind, with where every certificate is', async () => {
    const known = await knownCertificates(nodeCrypto, [], stores);
    expect(known.map((k) => [nodeCrypto.digestHex('sha256', k.der), k.foundIn.label, (k.foundIn as FoundInStore).alias])).toEqual([
      [sha('root'), 'JDK cacerts (JKS)', 'testroot'],
      [sha('other-root'), 'JDK cacerts (PKCS#12)', 'otherroot'],
      [sha('int'), 'OS CA bundle', expect.any(String)],
      [sha('root'), 'OS CA bundle', expect.any(String)],
    ]);
    expect(known[0]!.foundIn).toEqual({ label: 'JDK cacerts (JKS)', file: jks, alias: 'testroot', password: 'changeit' });
  });

  it('leaves out the store being diagnosed, and reads a store again once it changed', async () => {
    expect((await knownCertificates(nodeCrypto, [jks, pem], stores)).map((k) => (k.foundIn as FoundInStore).file)).toEqual([p12]);
    keytoolImport(jks, 'JKS', 'testint', 'int');
    const again = await knownCertificates(nodeCrypto, [p12, pem], stores);
    expect(again.map((k) => (k.foundIn as FoundInStore).alias).sort()).toEqual(['testint', 'testroot']);
  });
});
