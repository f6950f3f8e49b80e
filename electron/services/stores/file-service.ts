// Reading store files, bounded: only regular files of a trust store's size, never read past the limit.
// Writing them is store-write.ts (re-exported here for the callers that read and write).
import { promises as fs, constants as fsConstants, type Stats } from 'node:fs';
import { FileError, TrustLensError } from '../../../shared/errors';

export { writeFileAtomic, ReadOnlyStoreError, type AtomicWriteOptions, type AtomicWriteResult } from './store-write';

/** Files larger than this are refused before reading (a trust store is kilobytes to a few megabytes). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export async function readStoreFile(file: string): Promise<Uint8Array> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (error) {
    throw fileError(file, error);
  }
  checkReadable(file, stat);
  // O_NONBLOCK: should the path have become a FIFO since the stat, opening it must not wait for a writer.
  let handle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileError(file, error);
  }
  try {
    // Checked again on what was opened, and never read past the limit: the file may change meanwhile.
    checkReadable(file, await handle.stat());
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - total, 65536), MAX_FILE_BYTES + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_FILE_BYTES) throw tooLarge(file, total);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (error instanceof TrustLensError) throw error;
    throw fileError(file, error);
  } finally {
    await handle.close();
  }
}

/** Only regular files of a trust store's size are read: a device or FIFO (/dev/zero, a pipe) never ends. */
function checkReadable(file: string, stat: Stats): void {
  if (stat.isDirectory()) throw new FileError('FILE_ERROR', `${file} is a folder, not a file; choose a keystore or certificate file.`);
  if (!stat.isFile()) {
    throw new FileError('FILE_ERROR', `${file} is ${specialKind(stat)}, not a regular file; give the path of a keystore or certificate file.`);
  }
  if (stat.size > MAX_FILE_BYTES) throw tooLarge(file, stat.size);
}

function specialKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

function tooLarge(file: string, size: number): TrustLensError {
  const limit = MAX_FILE_BYTES / 1048576;
  return new FileError('FILE_ERROR', `${file} is over ${limit} MB (${Math.round(size / 1048576)} MB), too large to be a trust store; check the path.`);
}

export function fileError(file: string, error: unknown): TrustLensError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new FileError('FILE_NOT_FOUND', `${file} does not exist; check the path.`);
  if (code === 'EACCES' || code === 'EPERM') return new FileError('FILE_ERROR', `${file} cannot be read: permission denied.`);
  if (code === 'EISDIR') return new FileError('FILE_ERROR', `${file} is a folder, not a file.`);
  return new FileError('FILE_ERROR', `${file} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`);
}

