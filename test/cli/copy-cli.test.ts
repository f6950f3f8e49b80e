// `trustlens copy SOURCE STORE`: the command line's paste between stores. keytool lists what was copied
// with the source's chains and Java recovers a copied key; a second run skips what is there; a key that
// cannot go as is fails the command (exit 2) naming the keytool command; a wrong password changes nothing;
// --create makes the target; the original is kept as a backup.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
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

  it('refuses a key that cannot go as is (exit 2, naming keytool) and creates a PKCS#12 target for the certificates', async () => {
    const target = path.join(dir, 'new.p12');
    const keyOnly = await trustlens(['copy', fixture('jks/keys.jks'), target, '--from-password', PASSWORD, '--password', PASSWORD, '--alias', 'server-ec', '--create']);
    expect(keyOnly.code).toBe(2);
    expect(keyOnly.stdout).toContain('keytool -importkeystore -srcstoretype JKS -deststoretype PKCS12');
    expect(existsSync(target)).toBe(false);
    const all = await trustlens(['copy', fixture('jks/keys.jks'), target, '--from-password', PASSWORD, '--password', PASSWORD, '--create']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Copied 3 entries from keys\.jks into/);
    expect(all.stdout).toContain('Skipped 2:');
    const listed = await keytoolList(target, 'PKCS12');
    expect([...listed.keys()].sort()).toEqual(['backup-root', 'legacy-root', 'root-ca']);
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
