// The window's connection settings: the environment's proxy by default (shown without credentials),
// none, or a given http:// proxy; a bad URL refused without changing anything; the choice kept in its
// file and read back by the next process; and the probe option each choice stands for.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NetworkSettingsStore } from '../../../../electron/services/network/settings';

const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-network-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('connection settings', () => {
  it('default to the environment, shown without its credentials, and stand for no probe option', async () => {
    const store = new NetworkSettingsStore(undefined, undefined, { HTTPS_PROXY: 'http://ops:secret@proxy.corp:3128', NO_PROXY: 'localhost,.corp' });
    expect(await store.get()).toEqual({
      proxy: { mode: 'environment' },
      downloadIssuers: true,
      environmentProxy: 'http://proxy.corp:3128 (from HTTPS_PROXY)',
      noProxy: 'localhost,.corp',
    });
    expect(await store.probeProxy()).toBeUndefined();
    expect((await new NetworkSettingsStore(undefined, undefined, {}).get()).environmentProxy).toBeNull();
  });

  it('refuse a proxy that is not http://, changing nothing; take one that is, and none', async () => {
    const store = new NetworkSettingsStore(undefined, undefined, {});
    await expect(store.set({ mode: 'custom', url: 'socks5://proxy:1080' })).rejects.toThrow(/HTTP proxies only/);
    expect((await store.get()).proxy).toEqual({ mode: 'environment' });
    expect((await store.set({ mode: 'custom', url: ' http://proxy.corp:8080 ' })).proxy).toEqual({ mode: 'custom', url: 'http://proxy.corp:8080' });
    expect(await store.probeProxy()).toBe('http://proxy.corp:8080');
    await store.set({ mode: 'none' });
    expect(await store.probeProxy()).toBeNull();
  });

  it('keep the choice in their file for the next start, and ignore a file that does not read', async () => {
    const file = path.join(dir, 'settings', 'network.json');
    await new NetworkSettingsStore(file, undefined, {}).set({ mode: 'custom', url: 'http://proxy.corp:8080' }, false);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ proxy: { mode: 'custom', url: 'http://proxy.corp:8080' }, downloadIssuers: false });
    const next = new NetworkSettingsStore(file, undefined, {});
    expect(await next.get()).toMatchObject({ proxy: { mode: 'custom', url: 'http://proxy.corp:8080' }, downloadIssuers: false });
    expect(await next.downloadsIssuers()).toBe(false);
    writeFileSync(file, '{ not json');
    expect((await new NetworkSettingsStore(file, { mode: 'none' }, {}).get()).proxy).toEqual({ mode: 'none' });
  });
});
