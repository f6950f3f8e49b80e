// `trustlens import` writing stores as the system has them, run as a user would (node dist/cli/trustlens.cjs),
// checked with keytool: through a symbolic link (the target changes, the link stays, owner and mode kept
// as root), a dangling link with --create, a read-only store refused unless --force, 20 pairs of
// concurrent imports into one store that lose nothing, and a SIGKILLed import whose temporary file and
// lock the next run removes. The certificates are made by openssl for this run.
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, watch } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, trustlens, type CliResult } from '../support/cli';
import { opensslFingerprint } from '../support/openssl';
import { run } from '../support/peers';
import { fixture, keytoolHex, keytoolList, PASSWORD, scratchDir } from '../electron/services/stores/import-peers';

const isRoot = process.getuid?.() === 0;
const dir = scratchDir('trustlens-cli-writes-');
const certificates: { file: string; sha256: string }[] = [];

/** `count` self-signed certificates, each its own CN, made by openssl. */
function makeCertificates(count: number): void {
  const certs = path.join(dir, 'certs');
  mkdirSync(certs);
  for (let i = 0; i < count; i++) {
    const file = path.join(certs, `peer-${i}.pem`);
    run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', `/CN=TrustLens Writes Peer ${i}`, '-days', '2', '-out', file]);
    certificates.push({ file, sha256: opensslFingerprint(readFileSync(file, 'utf8')) });
  }
}

beforeAll(() => makeCertificates(44));

const cert = (i: number) => certificates[i]!;
const importInto = (store: string, i: number, ...more: string[]) => trustlens(['import', store, '--from', cert(i).file, '--password', PASSWORD, '--json', ...more]);
const ownerAndMode = (file: string) => {
  const stat = statSync(file);
  return [stat.uid, stat.gid, stat.mode & 0o7777];
};

describe('trustlens import through links', () => {
  it('writes the target of a symbolic link (keytool sees it), keeps the link, and keeps owner, group and mode on target and backup', async () => {
    const root = path.join(dir, 'link');
    mkdirSync(path.join(root, 'etc-ssl'), { recursive: true });
    const target = path.join(root, 'etc-ssl', 'cacerts');
    copyFileSync(fixture('jks/trust-only.jks'), target);
    if (isRoot) chownSync(target, 1000, 1000);
    chmodSync(target, 0o640);
    const link = path.join(root, 'jdk-cacerts');
    symlinkSync('etc-ssl/cacerts', link);
    const before = await keytoolList(target, 'JKS');

    const r = await importInto(link, 0);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ backup: `${target}.bak`, notes: [`${link} is a symbolic link: ${target} was written and the link kept.`] });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const after = await keytoolList(link, 'JKS');
    expect([...after.keys()].sort()).toEqual([...before.keys(), 'trustlens-writes-peer-0'].sort());
    expect(after.get('trustlens-writes-peer-0')?.sha256).toEqual([keytoolHex(cert(0).sha256)]);
    const expected = [isRoot ? 1000 : process.getuid!(), isRoot ? 1000 : process.getgid!(), 0o640];
    expect(ownerAndMode(target)).toEqual(expected);
    expect(ownerAndMode(`${target}.bak`)).toEqual(expected);
    expect(readdirSync(root).sort()).toEqual(['etc-ssl', 'jdk-cacerts']);
  });

  it('creates the target of a dangling link only with --create, and keeps the link', async () => {
    const root = path.join(dir, 'dangling');
    mkdirSync(root);
    const link = path.join(root, 'truststore.p12');
    symlinkSync('real-truststore.p12', link);
    const refused = await importInto(link, 1);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`trustlens: ${link} is a symbolic link to ${path.join(root, 'real-truststore.p12')}, which does not exist; check the path, or add --create to make a new trust store there.`);
    const created = await importInto(link, 1, '--create');
    expect(created.code, created.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect([...(await keytoolList(path.join(root, 'real-truststore.p12'), 'PKCS12')).values()].map((e) => e.sha256)).toEqual([[keytoolHex(cert(1).sha256)]]);
  });
});

describe('trustlens import into a read-only store', () => {
  it('refuses a 0444 store with exit 2 and nothing written; --force replaces it and keeps 0444', async () => {
    const root = path.join(dir, 'read-only');
    mkdirSync(root);
    const store = path.join(root, 'locked.jks');
    copyFileSync(fixture('jks/trust-only.jks'), store);
    chmodSync(store, 0o444);
    const original = readFileSync(store);
    const refused = await importInto(store, 2);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(`trustlens: ${store} is read-only; nothing written. Make it writable first, or pass --force to replace it anyway (its mode is kept).`);
    expect(readFileSync(store)).toEqual(original);
    expect(readdirSync(root)).toEqual(['locked.jks']);
    const forced = await importInto(store, 2, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(statSync(store).mode & 0o7777).toBe(0o444);
    expect((await keytoolList(store, 'JKS')).get('trustlens-writes-peer-2')?.sha256).toEqual([keytoolHex(cert(2).sha256)]);
  });
});

describe('concurrent imports', () => {
  it('20 pairs of concurrent imports into one store lose nothing: each lands or fails clearly, and keytool lists exactly the landed ones', async () => {
    const store = path.join(dir, 'shared.jks');
    copyFileSync(fixture('jks/trust-only.jks'), store);
    const original = await keytoolList(store, 'JKS');
    const landed: string[] = [];
    const failures: string[] = [];
    // Five pairs at a time (ten processes started together), four rounds.
    for (let round = 0; round < 4; round++) {
      const ids = Array.from({ length: 10 }, (_, k) => 4 + 10 * round + k);
      const results: CliResult[] = await Promise.all(ids.map((i) => importInto(store, i)));
      results.forEach((r, k) => {
        if (r.code === 0) {
          const added = (JSON.parse(r.stdout) as { added: { sha256: string }[] }).added.map((a) => a.sha256);
          expect(added).toEqual([cert(ids[k]!).sha256]);
          landed.push(...added);
        } else {
          expect(r.code).toBe(2);
          expect(r.stderr.trim()).toMatch(/(changed on disk while importing; nothing written|is being written by .*; nothing written)/);
          failures.push(r.stderr.trim());
        }
      });
    }
    const listed = await keytoolList(store, 'JKS');
    const added = [...listed.entries()].filter(([alias]) => !original.has(alias)).map(([, entry]) => entry.sha256[0]);
    expect(added.sort()).toEqual(landed.map(keytoolHex).sort());
    // The lock lets the second writer wait and then add to what the first wrote: all 40 land.
    expect(failures).toEqual([]);
    expect(landed).toHaveLength(40);
    expect(readdirSync(dir).filter((name) => name.startsWith('shared.jks') && !name.endsWith('.bak'))).toEqual(['shared.jks']);
  });
});

describe('a killed import', () => {
  it('leaves its temporary file and lock when SIGKILLed mid-write; the next import removes both and writes', async () => {
    const root = path.join(dir, 'killed');
    mkdirSync(root);
    const store = path.join(root, 'slow.p12');
    // A MAC of 300,000 iterations: checking the written file takes long enough to be caught mid-write.
    run('keytool', ['-importcert', '-noprompt', '-alias', 'first', '-file', cert(42).file, '-keystore', store, '-storetype', 'PKCS12', '-storepass', PASSWORD, '-J-Dkeystore.pkcs12.macIterationCount=300000']);
    const original = readFileSync(store);

    const child = spawn(process.execPath, [CLI, 'import', store, '--from', cert(43).file, '--password', PASSWORD], { stdio: 'ignore' });
    const tempName = new RegExp(`^\\.slow\\.p12\\.trustlens-${child.pid}-\\d+-[0-9a-f]+\\.tmp$`);
    const watcher = watch(root, (_event, name) => {
      if (name && tempName.test(name)) child.kill('SIGKILL');
    });
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    watcher.close();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    const left = readdirSync(root).sort();
    expect(left).toEqual(expect.arrayContaining(['slow.p12', 'slow.p12.lock']));
    expect(left.filter((name) => tempName.test(name))).toHaveLength(1);
    expect(readFileSync(store)).toEqual(original);

    const next = await trustlens(['import', store, '--from', cert(43).file, '--password', PASSWORD]);
    expect(next.code, next.stderr).toBe(0);
    expect(readdirSync(root).sort()).toEqual(['slow.p12', 'slow.p12.bak']);
    expect([...(await keytoolList(store, 'PKCS12')).keys()].sort()).toEqual(['first', 'trustlens-writes-peer-43']);
  });
});
