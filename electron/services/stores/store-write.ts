// Writing a store file so that nothing about it is lost but its old contents. The new bytes go to a
// temporary file in the store's own folder (named so a later run can clean it up: temp-files.ts), are
// re-read and checked by the caller's verifier, and then atomically replace the store; the original is
// kept beside it as a backup. What stays as it was:
// - links: a symbolic link is followed and its target written (store-path.ts), the link kept;
// - other names: a store with hard links (nlink > 1) is written in place, as keytool writes, so every
//   name sees the change (renaming over one name would silently split them); the backup is a copy;
// - owner, group and mode, on the new file and on the backup, set explicitly (so the umask does not
//   apply: a 0666 store stays 0666). Where the owner cannot be kept (not root, someone else's file), the
//   store is written in place instead, which keeps it;
// - a file that does not exist yet (Save As) takes the mode of the file it was made from (`modeFrom`, the
//   store opened), and its owner and group where we may set them (root), so a 0644 truststore saved under
//   another name stays readable by the service account; without one (a brand-new store) it gets the mode
//   the umask gives a new file (0666 & ~umask), as `keytool -genkeypair` and `cp` do;
// - extended attributes and POSIX ACLs: Node has no API to read or set them (no getxattr/setxattr), so the
//   new file cannot copy them. The backup, made as a hard link to the original where the file system
//   allows, is the original inode and keeps them; a store whose ACLs matter is best kept hard-linked or
//   written with keytool.
// A read-only store (no write permission for us, or no write bit at all when running as root, who
// bypasses permissions) is refused, as keytool refuses, unless the caller says to replace it anyway.
// The whole write holds the store's lock (store-lock.ts).
import { promises as fs, constants as fsConstants, type Stats } from 'node:fs';
import * as path from 'node:path';
import { FileError, TrustLensError } from '../../../shared/errors';
import { withStoreLock } from './store-lock';
import { describeStorePath, resolveStorePath, type StorePath } from './store-path';
import { removeStaleTempFiles, tempFileFor } from './temp-files';
import type { SavedLinks } from '../../../shared/ipc';

export interface AtomicWriteOptions {
  /** Keep the original as a backup (default true). */
  readonly backup?: boolean;
  /** Replace a store that is read-only (its mode is kept). */
  readonly replaceReadOnly?: boolean;
  /** What the person can do about a read-only store, after "read-only; nothing written." */
  readonly readOnlyHint?: string;
  /** For a file that does not exist yet: the file whose mode (and owner, where permitted) it takes. */
  readonly modeFrom?: string;
}

export interface AtomicWriteResult {
  /** The path as given. */
  readonly file: string;
  /** The file written: `file` with its symbolic links followed. */
  readonly target: string;
  readonly backup: string | null;
  /** How the write kept links and names, for the person (empty for a plain file). */
  readonly notes: readonly string[];
  /** The same, for the app's save notice. */
  readonly links: SavedLinks;
}

/** The store may not be written, and nothing was. */
export class ReadOnlyStoreError extends FileError {
  constructor(message: string) {
    super('FILE_ERROR', message);
  }
}

/**
 * Replace `file` with `bytes`. `verify` gets the bytes as re-read from the temporary file and throws if
 * they are not what was meant; nothing is replaced then. The original is kept as `<target>.bak` (or a
 * timestamped name when that exists).
 */
export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array,
  verify: (written: Uint8Array) => void,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult> {
  return withStoreLock(file, async () => {
    const resolved = await resolveStorePath(file);
    const { target, stat } = resolved;
    const name = describeStorePath(resolved);
    if (stat) await checkWritable(resolved, name, options);
    await removeStaleTempFiles(target);
    const notes: string[] = [];
    if (resolved.links.length) notes.push(`${file} is a symbolic link: ${target} was written and the link kept.`);
    let inPlace = stat && stat.nlink > 1 ? `${name} has ${stat.nlink} names (hard links): it was written in place so that every name sees the change` : null;
    const tmp = tempFileFor(target);
    const template = stat ? undefined : await templateStat(options.modeFrom);
    try {
      // A new file without a template is created 0666 so that the umask decides its mode, as for any new file.
      const createMode = stat || template ? 0o600 : 0o666;
      const handle = await fs.open(tmp, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, createMode);
      try {
        await handle.writeFile(bytes);
        if (stat) {
          if (!(await keepOwner(handle, stat)) && !inPlace) inPlace = `${name} belongs to ${stat.uid}:${stat.gid}: it was written in place to keep its owner`;
          await handle.chmod(stat.mode & 0o7777);
        } else if (template) {
          // The owner where permitted (root); otherwise the file is ours, which is all a non-root user can make.
          await keepOwner(handle, template);
          await handle.chmod(template.mode & 0o777);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      const written = await fs.readFile(tmp);
      verify(new Uint8Array(written.buffer, written.byteOffset, written.byteLength));
      let backup: string | null = null;
      if (stat && options.backup !== false) backup = await makeBackup(target, stat, !inPlace);
      if (inPlace) {
        try {
          await writeInPlace(target, bytes);
        } catch (error) {
          if (error instanceof TrustLensError) throw error;
          const code = (error as NodeJS.ErrnoException).code ?? String(error);
          throw new FileError('FILE_ERROR', `${name} could not be written in place (${code})${backup ? `; restore it from ${backup}` : ''}.`);
        }
        await fs.rm(tmp, { force: true });
        notes.push(`${inPlace}${backup ? ` (the original is kept as ${backup})` : ''}.`);
      } else {
        await fs.rename(tmp, target);
        await syncFolder(path.dirname(target));
      }
      return { file, target, backup, notes, links: { through: resolved.links.length ? target : null, names: stat?.nlink ?? 1 } };
    } catch (error) {
      await fs.rm(tmp, { force: true });
      if (error instanceof TrustLensError) throw error;
      throw writeError(name, path.dirname(target), error);
    }
  });
}

/** The stat of the file a new one takes its mode from; none when it is not a regular file we can stat. */
async function templateStat(file: string | undefined): Promise<Stats | undefined> {
  if (!file) return undefined;
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}

async function checkWritable(resolved: StorePath, name: string, options: AtomicWriteOptions): Promise<void> {
  const stat = resolved.stat!;
  if (!stat.isFile()) throw new FileError('FILE_ERROR', `${name} is not a regular file; nothing written.`);
  if (options.replaceReadOnly) return;
  let writable = (stat.mode & 0o222) !== 0;
  if (writable) {
    try {
      await fs.access(resolved.target, fsConstants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) throw new ReadOnlyStoreError(`${name} is read-only; nothing written.${options.readOnlyHint ? ` ${options.readOnlyHint}` : ''}`);
}

/** Give `handle` the owner and group of `stat`; false when that is not allowed (not root). */
async function keepOwner(handle: fs.FileHandle, stat: Stats): Promise<boolean> {
  try {
    await handle.chown(stat.uid, stat.gid);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EINVAL') return false;
    throw error;
  }
}

/**
 * The original kept beside the target. A hard link where it may be one (the store is about to be
 * replaced by a new inode): the backup is then the original itself, owner, mode, times, ACLs and
 * xattrs included. A copy when the store is written in place, or where links are not allowed; the copy
 * gets the owner, group, mode and times of the original.
 */
async function makeBackup(target: string, stat: Stats, mayLink: boolean): Promise<string> {
  const backup = await freeBackupName(target);
  if (mayLink) {
    try {
      await fs.link(target, backup);
      return backup;
    } catch {
      /* a file system without hard links: copy */
    }
  }
  const bytes = await fs.readFile(target);
  const handle = await fs.open(backup, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o600);
  try {
    await handle.writeFile(bytes);
    await keepOwner(handle, stat);
    await handle.chmod(stat.mode & 0o7777);
    await handle.utimes(stat.atime, stat.mtime);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return backup;
}

async function freeBackupName(file: string): Promise<string> {
  const plain = `${file}.bak`;
  try {
    await fs.lstat(plain);
  } catch {
    return plain;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${file}.${stamp}.bak` : `${file}.${stamp}-${n}.bak`;
    try {
      await fs.lstat(name);
    } catch {
      return name;
    }
  }
}

/**
 * Overwrite the file itself (same inode, so its other names, owner and attributes stay): not atomic,
 * which is why the backup is made first; the bytes are read back afterwards.
 */
async function writeInPlace(target: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(target, fsConstants.O_WRONLY);
  try {
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const back = await fs.readFile(target);
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(back)) {
    throw new FileError('FILE_ERROR', `${target} could not be written in place intact (the bytes read back differ); restore it from its backup.`);
  }
}

/** The rename is durable once the folder is synced (where the system allows opening a folder). */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, fsConstants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    /* not supported here (Windows); the rename itself is atomic */
  }
}

function writeError(name: string, dir: string, error: unknown): TrustLensError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new FileError('FILE_ERROR', `${name} could not be written: permission denied in ${dir}; nothing written.`);
  if (code === 'ENOENT') return new FileError('FILE_ERROR', `${name} could not be written: the folder ${dir} does not exist; nothing written.`);
  if (code === 'ENOSPC') return new FileError('FILE_ERROR', `${name} could not be written: no space left in ${dir}; the original is unchanged.`);
  return new FileError('FILE_ERROR', `${name} could not be written (${code ?? String(error)}); the original is unchanged.`);
}
