// How this window reaches servers: through the proxy the environment names (HTTPS_PROXY, NO_PROXY, the
// default, as the command line does), directly, or through a proxy the person gives. Kept in a small JSON
// file where there is one (Electron's user data), so that the choice outlives the session.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { NetworkSettings, ProxyChoice } from '../../../shared/ipc';
import { parseProxy, proxyVariable, TLS_PROXY_VARIABLES } from './proxy-tunnel';
import type { ResolveRule } from './resolve';

/** What the environment names, without credentials (parseProxy's display), or null. */
function environmentProxy(env: NodeJS.ProcessEnv): string | null {
  const name = proxyVariable(TLS_PROXY_VARIABLES, env);
  if (!name) return null;
  try {
    return parseProxy(env[name]!, name).display;
  } catch {
    return `${name} (not a usable http:// proxy URL)`;
  }
}

export class NetworkSettingsStore {
  private choice: ProxyChoice;
  private download = true;
  private loaded: Promise<void> | null = null;

  /** `file`: where the choice is kept (none: for this process only); `initial`: the choice until one is made. */
  constructor(
    private readonly file?: string,
    initial: ProxyChoice = { mode: 'environment' },
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** `trustlens web --resolve`: addresses to use for some names (tests on loopback, one backend directly). */
    private readonly resolve: readonly ResolveRule[] = [],
  ) {
    this.choice = initial;
  }

  private async load(): Promise<void> {
    if (!this.file) return;
    this.loaded ??= fs
      .readFile(this.file, 'utf8')
      .then((text) => {
        const read = JSON.parse(text) as { proxy?: ProxyChoice; downloadIssuers?: unknown } | null;
        const saved = read?.proxy;
        if (saved && (saved.mode === 'environment' || saved.mode === 'none' || (saved.mode === 'custom' && typeof saved.url === 'string'))) this.choice = saved;
        if (typeof read?.downloadIssuers === 'boolean') this.download = read.downloadIssuers;
      })
      .catch(() => undefined); // none yet, or unreadable: the default stands
    await this.loaded;
  }

  async get(): Promise<NetworkSettings> {
    await this.load();
    const noProxy = this.env.NO_PROXY ?? this.env.no_proxy ?? null;
    return { proxy: this.choice, downloadIssuers: this.download, environmentProxy: environmentProxy(this.env), noProxy: noProxy?.trim() ? noProxy : null };
  }

  /** Take a new choice; a proxy URL that is not usable is refused (UsageError) and changes nothing. */
  async set(proxy: ProxyChoice, downloadIssuers?: boolean): Promise<NetworkSettings> {
    await this.load();
    if (proxy.mode === 'custom') parseProxy(proxy.url, 'the proxy setting');
    this.choice = proxy.mode === 'custom' ? { mode: 'custom', url: proxy.url.trim() } : proxy;
    if (downloadIssuers !== undefined) this.download = downloadIssuers;
    if (this.file) {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, `${JSON.stringify({ proxy: this.choice, downloadIssuers: this.download }, null, 2)}\n`);
      await fs.rename(temporary, this.file);
    }
    return this.get();
  }

  async downloadsIssuers(): Promise<boolean> {
    await this.load();
    return this.download;
  }

  /** The probe's `resolve` option. */
  resolveRules(): readonly ResolveRule[] {
    return this.resolve;
  }

  /** The probe's `proxy` option: undefined for the environment's, null for none, else the URL. */
  async probeProxy(): Promise<string | null | undefined> {
    await this.load();
    return this.choice.mode === 'environment' ? undefined : this.choice.mode === 'none' ? null : this.choice.url;
  }
}
