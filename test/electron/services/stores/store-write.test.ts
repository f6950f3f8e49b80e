// Writes that keep what the file was: links followed (the target written, the link kept), hard links not
// split, owner, group and mode kept on the store and its backup (the umask does not apply), read-only
// stores refused, and the leftovers of killed writers (locks, temporary files) recognised and removed.
// Real files and real processes: the "dead" writer is a process this test started and saw exit.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../../electron/services/stores/file-service';
import { ownIdentity } from '../../../../electron/services/stores/process-identity';
import { lockFileFor, withStoreLock } from '../../../../electron/services/stores/store-lock';
import { removeStaleTempFiles } from '../../../../electron/services/stores/temp-files';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'trustlens-writes-'));
const text = (value: string) => new TextEncoder().encode(value);
const ok = () => undefined;
const isRoot = process.getuid?.() === 0;

/** The pid of a process that has run and exited (so it is certainly not running now). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('writes through links', () => {
  it('writes the target of a symbolic link, keeps the link, and backs up the target beside it', async () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'etc'));
    const target = path.join(dir, 'etc', 'cacerts');
    writeFileSync(target, 'old');
    const link = path.join(dir, 'jdk-cacerts');
    symlinkSync('etc/cacerts', link);
    const result = await writeFileAtomic(link, text('new'), ok);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('etc/cacerts');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(result).toMatchObject({ target, backup: `${target}.bak` });
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe('old');
    expect(result.notes).toEqual([`${link} is a symbolic link: ${target} was written and the link kept.`]);
    expect(readdirSync(dir).sort()).toEqual(['etc', 'jdk-cacerts']);
  });

  it('creates the target of a dangling link, and the link then works', async () => {
    const dir = tmp();
    const link = path.join(dir, 'store.jks');
    symlinkSync('real.jks', link);
    const result = await writeFileAtomic(link, text('created'), ok);
    expect(result).toMatchObject({ target: path.join(dir, 'real.jks'), backup: null });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(link, 'utf8')).toBe('created');
  });

  it('writes a hard-linked store in place, so every name sees the change, and says so', async () => {
    const dir = tmp();
    const store = path.join(dir, 'store.p12');
    const other = path.join(dir, 'other-name.p12');
    writeFileSync(store, 'a longer original');
    linkSync(store, other);
    const inode = statSync(store).ino;
    const result = await writeFileAtomic(store, text('new'), ok);
    expect(statSync(store).ino).toBe(inode);
    expect(statSync(store).nlink).toBe(2);
    expect(readFileSync(other, 'utf8')).toBe('new');
    expect(readFileSync(`${store}.bak`, 'utf8')).toBe('a longer original');
    expect(statSync(`${store}.bak`).ino).not.toBe(inode);
    expect(result.notes[0]).toMatch(/store\.p12 has 2 names \(hard links\): it was written in place so that every name sees the change/);
  });
});

describe.runIf(isRoot)('owner, group and mode (as root)', () => {
  it('keeps 1000:1000 0640 on the new store and on its backup', async () => {
    const dir = tmp();
    const store = path.join(dir, 'truststore.jks');
    writeFileSync(store, 'old');
    chownSync(store, 1000, 1000);
    chmodSync(store, 0o640);
    for (const next of ['new', 'newer']) {
      const { backup } = await writeFileAtomic(store, text(next), ok);
      for (const file of [store, backup!]) {
        const stat = statSync(file);
        expect([stat.uid, stat.gid, stat.mode & 0o7777], file).toEqual([1000, 1000, 0o640]);
      }
    }
    expect(readFileSync(store, 'utf8')).toBe('newer');
  });

  it('keeps 0666 whatever the umask, also when the backup is a copy (hard-linked store)', async () => {
    const dir = tmp();
    const store = path.join(dir, 'shared.pem');
    writeFileSync(store, 'old');
    chmodSync(store, 0o666);
    const umask = process.umask(0o022);
    try {
      await writeFileAtomic(store, text('new'), ok);
      expect(statSync(store).mode & 0o7777).toBe(0o666);
      linkSync(store, path.join(dir, 'alias.pem'));
      const { backup } = await writeFileAtomic(store, text('newer'), ok);
      expect(statSync(store).mode & 0o7777).toBe(0o666);
      expect(statSync(backup!).mode & 0o7777).toBe(0o666);
    } finally {
      process.umask(umask);
    }
  });
});

describe('read-only stores', () => {
  it('refuses a 0444 store in a writable folder with nothing written, unless asked to replace it (mode kept)', async () => {
    const dir = tmp();
    const store = path.join(dir, 'locked.jks');
    writeFileSync(store, 'old');
    chmodSync(store, 0o444);
    await expect(writeFileAtomic(store, text('new'), ok, { readOnlyHint: 'Pass --force.' })).rejects.toThrow(`${store} is read-only; nothing written. Pass --force.`);
    expect(readFileSync(store, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['locked.jks']);
    await writeFileAtomic(store, text('new'), ok, { replaceReadOnly: true });
    expect(readFileSync(store, 'utf8')).toBe('new');
    expect(statSync(store).mode & 0o7777).toBe(0o444);
  });
});

describe('leftovers of killed writers', () => {
  it('removes temporary files whose writer is gone, and leaves running writers\' and other files alone', async () => {
    const dir = tmp();
    const store = path.join(dir, 'store.jks');
    writeFileSync(store, 'old');
    const dead = deadPid();
    const stale = [path.join(dir, `.store.jks.trustlens-${dead}-0-0badc0de.tmp`), path.join(dir, `.store.jks.${dead}.1700000000000.tmp`)];
    const alive = path.join(dir, `.store.jks.trustlens-${process.pid}-${ownIdentity().started?.slice(5) ?? 0}-12345678.tmp`);
    const foreign = path.join(dir, `.other.jks.trustlens-${dead}-0-0badc0de.tmp`);
    for (const file of [...stale, alive, foreign]) writeFileSync(file, 'partial');
    expect((await removeStaleTempFiles(store)).sort()).toEqual(stale.sort());
    expect(readdirSync(dir).sort()).toEqual([path.basename(alive), path.basename(foreign), 'store.jks'].sort());
  });

  it('takes over a lock whose holder is gone; waits for a live one, then fails naming it, with nothing written', async () => {
    const dir = tmp();
    const store = path.join(dir, 'store.jks');
    writeFileSync(store, 'old');
    const lock = lockFileFor(store);
    writeFileSync(lock, JSON.stringify({ pid: deadPid(), started: null, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    await writeFileAtomic(store, text('new'), ok);
    expect(readFileSync(store, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['store.jks', 'store.jks.bak']);

    // A live holder: this test's parent process (the vitest main process), not this one.
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, started: null, host: os.hostname(), since: '2026-01-01T00:00:00.000Z' }));
    await expect(withStoreLock(store, () => writeFileAtomic(store, text('newer'), ok), { waitMs: 100 })).rejects.toThrow(
      new RegExp(`is being written by process ${process.ppid} since 2026-01-01T00:00:00.000Z .*; nothing written`),
    );
    expect(readFileSync(store, 'utf8')).toBe('new');
  });

  it('queues writers of one store within a process: each sees the one before', async () => {
    const dir = tmp();
    const store = path.join(dir, 'counter.txt');
    writeFileSync(store, '0');
    const bump = () => withStoreLock(store, async () => {
      const value = Number(readFileSync(store, 'utf8'));
      await new Promise((resolve) => setImmediate(resolve));
      await writeFileAtomic(store, text(String(value + 1)), ok, { backup: false });
    });
    await Promise.all(Array.from({ length: 10 }, bump));
    expect(readFileSync(store, 'utf8')).toBe('10');
  });
});
