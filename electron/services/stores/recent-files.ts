// The recent-files list, kept as a small JSON file in the app's data folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const LIMIT = 10;

export class RecentFiles {
  constructor(
    private readonly file: string,
    private readonly onChange: (list: readonly string[]) => void = () => undefined,
  ) {}

  async list(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(this.file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string').slice(0, LIMIT) : [];
    } catch {
      return [];
    }
  }

  async add(entry: string): Promise<string[]> {
    const next = [entry, ...(await this.list()).filter((p) => p !== entry)].slice(0, LIMIT);
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await fs.writeFile(this.file, JSON.stringify(next, null, 2));
    this.onChange(next);
    return next;
  }

  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }
}
