// `trustlens copy SOURCE STORE`: the command line's paste between stores. keytool lists what was copied
// with the source's chains and Java recovers a copied key; a second run skips what is there; a key that
// cannot go fails the command (exit 2) naming the keytool command; private keys moved from JKS into
// PKCS#12 are the source's keys to Java, under the target's password; a wrong password changes nothing;
// --create makes the target; the original is kept as a backup.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
import { run } from '../support/peers';
import { compileJavaPeers, fixture, keytoolList, PASSWORD, runKeyCheck, scratchDir } from '../electron/services/stores/import-peers';

const dir = scratchDir('trustlens-copy-cli-');
let classDir: string;
beforeAll(async () => {
  classDir = await compileJavaPeers();
}, 120_000);

describe('trustlens copy', () => {
  it('copies the named entries of a JKS into another JKS, keys as is, skipping a root it holds under another alias; keytool and Java read the result', async () => {
    const target = path.join(dir, 'into.jks');
    copyFileSync(fixture('jks/trust-only.jks'), target);
    const before = readFileSync(target);
    const run = await trustlens(['copy', fixture('jks/keys.jks'), target, '--from-password', PASSWORD, '--password', PASSWORD, '--alias', 'server-rsa', '--alias', 'BACKUP-ROOT', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.copied).toEqual([{ alias: 'server-rsa', from: 'server-rsa', type: 'privateKey' }]);
    // The same root under another alias: found by fingerprint, as keytool -importcert warns of it.
    expect(out.skipped).toEqual([{ alias: 'backup-root', reason: 'already present as "größe-wurzel"' }]);
    expect(out.notes).toEqual([]);
    expect(readFileSync(out.backup)).toEqual(before);
    const theirs = await keytoolList(fixture('jks/keys.jks'), 'JKS');
    const ours = await keytoolList(target, 'JKS');
    expect(ours.get('server-rsa')).toEqual(theirs.get('server-rsa'));
    expect(ours.size).toBe((await keytoolList(fixture('jks/trust-only.jks'), 'JKS')).size + 1);
    const java = await runKeyCheck(classDir, [{ id: 't', store: target, storetype: 'JKS' }, { id: 's', store: fixture('jks/keys.jks'), storetype: 'JKS' }]);
    const key = (id: string) => java.get(id)!.find((e) => e.alias === 'server-rsa');
    expect(key('t')).toEqual(key('s'));

    const again = await trustlens(['copy', fixture('jks/keys.jks'), target, '--from-password', PASSWORD, '--password', PASSWORD, '--alias', 'server-rsa']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing was copied');
    expect(again.stdout).toContain('server-rsa: already present as "server-rsa"');
  }, 120_000);

  it('refuses a secret key that cannot go (exit 2, naming keytool); moves private keys into a new PKCS#12, asking for a key password that differs', async () => {
    const target = path.join(dir, 'new.p12');
    const secret = await trustlens(['copy', fixture('jks/secrets.jceks'), target, '--from-password', PASSWORD, '--password', PASSWORD, '--alias', 'session-aes', '--create']);
    expect(secret.code).toBe(2);
    expect(secret.stdout).toContain('keytool -importkeystore -srcstoretype JCEKS -deststoretype PKCS12');
    expect(existsSync(target)).toBe(false);

    // A key with a password of its own: without it nothing is written (exit 3); with it the key moves.
    const own = path.join(dir, 'own-key.jks');
    run('keytool', ['-genkeypair', '-keystore', own, '-storetype', 'JKS', '-storepass', PASSWORD, '-keypass', 'key-only', '-alias', 'own', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=own.trustlens.test']);
    const noKeyPassword = await trustlens(['copy', own, target, '--from-password', PASSWORD, '--password', 'p12-pass', '--create']);
    expect(noKeyPassword.code).toBe(3);
    expect(noKeyPassword.stderr).toContain(`The key of "own" in own-key.jks has a password of its own, not own-key.jks's store password. Give the key's password; nothing was copied.`);
    expect(existsSync(target)).toBe(false);
    const moved = await trustlens(['copy', own, target, '--from-password', PASSWORD, '--key-password', 'key-only', '--password', 'p12-pass', '--create']);
    expect(moved.stderr).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('The key of "own" is decrypted and protected in new.p12 with its store password, as keytool -importkeystore does.');
    const all = await trustlens(['copy', fixture('jks/keys.jks'), target, '--from-password', PASSWORD, '--password', 'p12-pass', '--json']);
    expect(all.code).toBe(0);
    const out = JSON.parse(all.stdout);
    expect(out.copied.map((c: { alias: string }) => c.alias).sort()).toEqual(['backup-root', 'legacy-root', 'root-ca', 'server-ec', 'server-rsa']);
    expect(out.skipped).toEqual([]);

    const listed = await keytoolList(target, 'PKCS12', 'p12-pass');
    const theirs = await keytoolList(fixture('jks/keys.jks'), 'JKS');
    expect([...listed.keys()].sort()).toEqual(['backup-root', 'legacy-root', 'own', 'root-ca', 'server-ec', 'server-rsa']);
    for (const alias of theirs.keys()) expect(listed.get(alias), alias).toEqual(theirs.get(alias));
    const java = await runKeyCheck(classDir, [
      { id: 't', store: target, storetype: 'PKCS12', password: 'p12-pass' },
      { id: 's', store: fixture('jks/keys.jks'), storetype: 'JKS' },
      { id: 'o', store: own, storetype: 'JKS', keyPassword: 'key-only' },
    ]);
    const key = (id: string, alias: string) => java.get(id)!.find((e) => e.alias === alias);
    expect(key('t', 'server-rsa')).toEqual(key('s', 'server-rsa'));
    expect(key('t', 'server-ec')).toEqual(key('s', 'server-ec'));
    expect(key('t', 'own')).toEqual(key('o', 'own'));
  }, 120_000);

  it('changes nothing on a wrong password, and names a missing alias', async () => {
    const target = path.join(dir, 'locked.jks');
    copyFileSync(fixture('jks/trust-only.jks'), target);
    const before = readFileSync(target);
    const wrong = await trustlens(['copy', fixture('jks/keys.jks'), target, '--from-password', PASSWORD, '--password', 'not-it', '--alias', 'server-rsa']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/locked\.jks: wrong password/);
    expect(readFileSync(target)).toEqual(before);
    const missing = await trustlens(['copy', fixture('jks/keys.jks'), target, '--password', PASSWORD, '--alias', 'nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('has no entry "nope"');
  }, 120_000);
});
