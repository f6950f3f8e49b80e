// An advisory lock on a store for a read-modify-write, so two imports into one file cannot both read
// the old store and each write it back with only their own certificate. The lock is a file beside the
// (link-resolved) store, `STORE.lock`, created exclusively and holding its holder's pid, start time and
// host; it is removed when the write ends. A lock whose holder is no longer running (killed, crashed)
// is stale and taken over; the take-over itself is serialised by a second, short-lived lock
// (`STORE.lock.breaking`), and the stale lock is re-read under it, so two processes that both found the
// same stale lock cannot remove each other's fresh one. Other programs (keytool) do not know this lock:
// the writer still compares the file with what it read, under the lock, just before replacing it.
// Within one process, locks on one file are queued, and nested locking of a file already held is a no-op.
import { AsyncLocalStorage } from 'node:async_hooks';
import { promises as fs, constants as fsConstants } from 'node:fs';
import * as os from 'node:os';
import { FileError } from '../../../shared/errors';
import { isRunning, ownIdentity } from './process-identity';
import { resolveStorePath } from './store-path';

/** How long a writer waits for another to finish before giving up. */
export const DEFAULT_LOCK_WAIT_MS = 15_000;
/** A lock file still empty after this long was left by a process killed between creating and filling it. */
const EMPTY_LOCK_STALE_MS = 5_000;
/** The take-over lock is held for a few system calls; one this old was left by a killed process. */
const BREAKING_STALE_MS = 10_000;

interface LockHolder {
  readonly pid: number;
  readonly started: string | null;
  readonly host: string;
  readonly since: string;
}

const held = new AsyncLocalStorage<ReadonlySet<string>>();
const queues = new Map<string, Promise<unknown>>();

export function lockFileFor(target: string): string {
  return `${target}.lock`;
}

/**
 * Run `work` holding the lock on `file` (links resolved: the lock is beside the file written).
 * Waits up to `waitMs` for another holder; then fails naming it, with nothing written.
 */
export async function withStoreLock<T>(file: string, work: () => Promise<T>, options: { waitMs?: number } = {}): Promise<T> {
  const { target } = await resolveStorePath(file);
  if (held.getStore()?.has(target)) return work();
  const previous = queues.get(target) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(async () => {
    const lock = lockFileFor(target);
    await acquire(file, lock, options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
    try {
      return await held.run(new Set([...(held.getStore() ?? []), target]), work);
    } finally {
      await fs.rm(lock, { force: true });
    }
  });
  queues.set(target, mine);
  try {
    return await mine;
  } finally {
    if (queues.get(target) === mine) queues.delete(target);
  }
}

function holderText(): string {
  const { pid, started } = ownIdentity();
  const holder: LockHolder = { pid, started, host: os.hostname(), since: new Date().toISOString() };
  return `${JSON.stringify(holder)}\n`;
}

async function createExclusive(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await fs.open(file, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

interface SeenLock {
  readonly ino: number;
  readonly text: string;
  readonly holder: LockHolder | null;
  readonly ageMs: number;
}

async function readLock(lock: string): Promise<SeenLock | null> {
  try {
    const [stat, text] = await Promise.all([fs.stat(lock), fs.readFile(lock, 'utf8')]);
    let holder: LockHolder | null = null;
    try {
      const parsed = JSON.parse(text) as Partial<LockHolder>;
      if (typeof parsed.pid === 'number') holder = { pid: parsed.pid, started: parsed.started ?? null, host: parsed.host ?? '', since: parsed.since ?? '' };
    } catch {
      /* being written, or not ours */
    }
    return { ino: stat.ino, text, holder, ageMs: Date.now() - stat.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A holder on another host cannot be checked: its lock is honoured (and the wait names it). */
function isStale(seen: SeenLock, emptyStaleMs: number): boolean {
  if (!seen.holder) return seen.text.trim() === '' ? seen.ageMs > emptyStaleMs : false;
  if (seen.holder.host && seen.holder.host !== os.hostname()) return false;
  return !isRunning(seen.holder.pid, seen.holder.started);
}

/** Remove `lock` if it is still the stale lock `seen`, holding the take-over lock while checking. */
async function breakStale(lock: string, seen: SeenLock): Promise<void> {
  const breaking = `${lock}.breaking`;
  if (!(await createExclusive(breaking, holderText()))) {
    const other = await readLock(breaking);
    if (other && isStale(other, BREAKING_STALE_MS)) await fs.rm(breaking, { force: true });
    return;
  }
  try {
    const again = await readLock(lock);
    if (again && again.ino === seen.ino && again.text === seen.text) await fs.rm(lock, { force: true });
  } finally {
    await fs.rm(breaking, { force: true });
  }
}

async function acquire(file: string, lock: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  let delay = 10;
  let last: SeenLock | null;
  for (;;) {
    try {
      if (await createExclusive(lock, holderText())) return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new FileError('FILE_ERROR', `${file} cannot be locked for writing (${lock}: ${code}); nothing written.`);
    }
    last = await readLock(lock);
    if (last && isStale(last, EMPTY_LOCK_STALE_MS)) {
      await breakStale(lock, last);
      continue;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
  const who = last?.holder ? `process ${last.holder.pid}${last.holder.host && last.holder.host !== os.hostname() ? ` on ${last.holder.host}` : ''}${last.holder.since ? ` since ${last.holder.since}` : ''}` : 'another process';
  throw new FileError(
    'FILE_ERROR',
    `${file} is being written by ${who} (${lock}); nothing written. Try again when it has finished, or remove ${lock} if that process is gone.`,
  );
}
