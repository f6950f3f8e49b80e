// Atomic, verified, backed-up writes: the original survives every failure.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStoreFile, writeFileAtomic } from '../../../../electron/services/stores/file-service';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'trustlens-files-'));

describe('writeFileAtomic', () => {
  it('replaces the file, keeps its permissions and leaves a backup', async () => {
    const dir = tmp();
    const file = path.join(dir, 'store.jks');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    const result = await writeFileAtomic(file, new TextEncoder().encode('new'), () => undefined);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(result.backup).toBe(`${file}.bak`);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('old');
    const second = await writeFileAtomic(file, new TextEncoder().encode('newer'), () => undefined);
    expect(second.backup).toMatch(/store\.jks\..+\.bak$/);
    expect(readFileSync(second.backup!, 'utf8')).toBe('new');
  });

  it('changes nothing when verification fails', async () => {
    const dir = tmp();
    const file = path.join(dir, 'store.p12');
    writeFileSync(file, 'original');
    await expect(
      writeFileAtomic(file, new TextEncoder().encode('broken'), () => {
        throw new Error('re-read failed');
      }),
    ).rejects.toThrow(/original is unchanged|re-read failed/);
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['store.p12']);
  });
});

describe('readStoreFile', () => {
  it('names the file when it is missing or a folder', async () => {
    const dir = tmp();
    await expect(readStoreFile(path.join(dir, 'nope.jks'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: expect.stringContaining('nope.jks') });
    await expect(readStoreFile(dir)).rejects.toMatchObject({ code: 'FILE_ERROR', message: expect.stringContaining('folder') });
  });
});
