// How the window lays itself out (the store table's columns and their widths), kept in a small JSON file
// so that the choice outlives the run: Electron's user data, or the user's config folder in browser mode
// (browser storage would not do: `trustlens web --port 0` is a new origin each run). Writes are atomic.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ipcArgs, type ViewSettings } from '../../../shared/ipc';

/** Where `trustlens web` keeps it: $XDG_CONFIG_HOME/trustlens (else ~/.config/trustlens), as most Linux tools do. */
export function webViewSettingsFile(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(base, 'trustlens', 'view.json');
}

export class ViewSettingsStore {
  private settings: ViewSettings = {};
  private loaded: Promise<void> | null = null;

  /** `file`: where the settings are kept (none: for this process only). */
  constructor(private readonly file?: string) {}

  private async load(): Promise<void> {
    if (!this.file) return;
    this.loaded ??= fs
      .readFile(this.file, 'utf8')
      .then((text) => {
        // Read through the contract's own schema: a hand-edited or older file cannot put odd values in the window.
        const read = ipcArgs.setViewSettings.safeParse(JSON.parse(text));
        if (read.success) this.settings = read.data;
      })
      .catch(() => undefined); // none yet, or unreadable: the defaults stand
    await this.loaded;
  }

  async get(): Promise<ViewSettings> {
    await this.load();
    return this.settings;
  }

  /** Merge what is given (one part of the layout at a time) and keep it. */
  async set(change: ViewSettings): Promise<ViewSettings> {
    await this.load();
    this.settings = { ...this.settings, ...change };
    if (this.file) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, `${JSON.stringify(this.settings, null, 2)}\n`);
      await fs.rename(temporary, this.file);
    }
    return this.settings;
  }
}
