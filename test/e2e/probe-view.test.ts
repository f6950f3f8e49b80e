// The probe view in Chromium against `trustlens web` and real TLS servers on 127.0.0.1: open a store
// keytool made, drop a server's URL on the window, and check what the page shows against what the peers
// say: the chain `openssl s_client -showcerts` received, the alias keytool lists for the root, the files
// an export downloads (read back by openssl). Also: the client profile toggle, comparing two servers,
// cancelling a connection, and an unreachable server. Screenshots in light and dark.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { makeClientKeystore } from '../support/client-keystores';
import { chainFile, opensslShowcerts, refusedPort, startConnectProxy, startNodeTlsServer, startSilentServer, type NodeTlsServer, type RunningServer, type ShowcertsResult } from '../support/tls-servers';
import { dropFiles, dropText, launchBrowser, openStartScreen, opensslSha256, screenshot, startWebApp, type WebApp } from './harness';

const colon = (hex: string) => (hex.toUpperCase().match(/.{2}/g) ?? []).join(':');
const sha256 = (der: Uint8Array) => colon(createHash('sha256').update(der).digest('hex'));

let app: WebApp;
let browser: Browser;
let server: NodeTlsServer;
let other: NodeTlsServer;
let refused: RunningServer;
let silent: RunningServer;
let sent: ShowcertsResult;
let work: string;
let storeFile: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-probe-view-'));
  storeFile = path.join(work, 'team-truststore.jks');
  execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', storeFile, '-storepass', 'changeit', '-alias', 'team-root', '-file', chainFile('root')], { stdio: 'pipe' });
  // A server that sends its root too and an unrelated extra; a second one behind "the same name" with another intermediate.
  [app, browser, server, other, refused, silent] = await Promise.all([
    startWebApp(),
    launchBrowser(),
    startNodeTlsServer({ chain: ['leaf-rsa', 'int', 'root', 'other-int'] }),
    startNodeTlsServer({ chain: ['leaf-rsa', 'int-impostor'] }),
    refusedPort(),
    startSilentServer(),
  ]);
  sent = await opensslShowcerts(server);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.close(), other?.close(), silent?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('the probe view in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const once = scheme === 'light' ? it : it.skip;
  const endpoint = () => `localhost:${server.port}`;
  const view = () => page.locator('.probe-view:not([hidden])');

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the chain before any store is open, and offers this machine’s trust stores', async () => {
    await dropText(page, 'body', `https://localhost:${server.port}`);
    await page.getByRole('tab', { name: new RegExp(endpoint()) }).waitFor();
    await view().locator('.verdict-none').waitFor();
    // Without a store the roles come from the issuer names: the unrelated CA is the extra.
    expect(await view().locator('.sent-card .role-badge').allTextContents()).toEqual(['Leaf', 'Intermediate', 'Root', 'Extra']);
    expect(await view().locator('.sent-card .holding').count()).toBe(0);
    // Without a diagnosis the chain's shape is noted under it: the root and the unrelated CA were sent.
    const notes = await view().locator('.chain-notes li .code-badge').allTextContents();
    expect(notes).toEqual(expect.arrayContaining(['CONTAINS_ANCHOR', 'EXTRA_CERTS']));
    await page.mouse.move(0, 0);
    await screenshot(page, `probe-no-store-${scheme}`);

    // One click compares with a trust store this machine has (opened in the background): it lacks the test CA.
    const system = view().locator('.verdict-none .verdict-actions button');
    if ((await system.count()) > 0) {
      const file = (await system.first().getAttribute('title'))!;
      await system.first().click();
      const verdict = view().locator('.verdict-untrusted .verdict-title');
      await verdict.waitFor();
      expect(await verdict.textContent()).toBe(`A Java client would NOT trust ${endpoint()} with ${path.basename(file)}`);
      expect(await page.getByRole('tab', { selected: true }).textContent()).toContain(endpoint());
    }
  });

  it('shows the chain the server sent beside the store, and the verdict', async () => {
    await dropFiles(page, 'body', [{ name: 'team-truststore.jks', bytes: readFileSync(storeFile) }]);
    await page.getByRole('tab', { name: /team-truststore\.jks/ }).waitFor();
    await page.getByRole('tab', { name: new RegExp(endpoint()) }).click();
    await view().getByRole('combobox', { name: 'Trust store' }).selectOption({ label: 'team-truststore.jks (JKS)' });
    const verdict = view().locator('.verdict-trusted');
    await verdict.waitFor();
    expect(await verdict.locator('.verdict-title').textContent()).toBe(`A Java client would trust ${endpoint()} with team-truststore.jks`);

    // One card per certificate, in the order openssl s_client received them.
    const cards = view().locator('.sent-card');
    expect(await cards.count()).toBe(sent.certificates.length);
    const shas = await view().locator('.sent-sha').evaluateAll((els) => els.map((el) => el.getAttribute('title')));
    expect(shas).toEqual(sent.certificates.map(sha256));
    const roles = await view().locator('.sent-card .role-badge').allTextContents();
    expect(roles).toEqual(['Leaf', 'Intermediate', 'Root', 'Extra']);

    // The root is the one keytool lists under its alias; nothing else sent is in the store.
    const rootAlias = [...keytoolList(storeFile, 'changeit')].find(([, entry]) => entry.sha256[0] === sha256(sent.certificates[2]!))?.[0];
    expect(rootAlias).toBe('team-root');
    expect((await cards.nth(2).locator('.holding').textContent())?.trim()).toBe(`In store as alias ${rootAlias}`);
    for (const at of [0, 1, 3]) expect((await cards.nth(at).locator('.holding').textContent())?.trim()).toBe('Not in store');

    // Sending the root and an unrelated certificate are worth fixing (listed once, as problems); the facts are openssl's.
    expect(await view().locator('.problem .code-badge').allTextContents()).toEqual(expect.arrayContaining(['CONTAINS_ANCHOR', 'EXTRA_CERTS']));
    expect(await view().locator('.chain-notes li').count()).toBe(0);
    const facts = await view().locator('.probe-fact').allTextContents();
    expect(facts).toContain(`Protocol${sent.protocol}`);
    expect(facts).toContain(`Cipher${sent.cipher}`);
    expect(facts).toContain('Address127.0.0.1');

    // The path ends at the root the server sent, which the store holds under that alias.
    const anchor = view().locator('.path-node').last();
    expect(await anchor.locator('.path-source').textContent()).toBe(`sent · in store as “${rootAlias}”`);
    await page.mouse.move(0, 0);
    await screenshot(page, `probe-view-${scheme}`);
  });

  once('judges again for an OpenSSL client when the profile changes', async () => {
    await view().getByRole('button', { name: 'OpenSSL' }).click();
    await view().locator('.verdict-title', { hasText: 'An OpenSSL client would trust' }).waitFor();
    expect(await view().getByRole('button', { name: 'OpenSSL' }).getAttribute('aria-pressed')).toBe('true');
    await view().getByRole('button', { name: 'Java' }).click();
    await view().locator('.verdict-title', { hasText: 'A Java client would trust' }).waitFor();
  });

  once('exports the root and intermediate as PEM files openssl reads', async () => {
    await view().getByRole('button', { name: 'Export root & intermediates…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await screenshot(page, `probe-export-${scheme}`);
    const downloads: string[] = [];
    page.on('download', (download) => {
      const file = path.join(work, download.suggestedFilename());
      downloads.push(file);
      void download.saveAs(file);
    });
    await dialog.getByRole('button', { name: 'Download' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => downloads.length).toBe(2);
    await expect.poll(() => downloads.every((f) => { try { return readFileSync(f).length > 0; } catch { return false; } })).toBe(true);
    const exported = downloads.map(opensslSha256).sort();
    expect(exported).toEqual([opensslSha256(chainFile('int')), opensslSha256(chainFile('root'))].sort());
    // Names a shell takes without quotes: no spaces or parentheses.
    for (const file of downloads) expect(path.basename(file)).toMatch(/^[a-z0-9._-]+\.pem$/);
  });

  once('exports the chain as one PEM bundle named after the host and port, leaf first, as openssl reads it', async () => {
    await view().getByRole('button', { name: 'Export root & intermediates…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Leaf/).check();
    await dialog.getByLabel(/^Chain as one PEM bundle/).check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe(`localhost-${server.port}-chain.pem`);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    const blocks = readFileSync(file, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const der = (block: string) => new Uint8Array(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
    // What openssl s_client saw the server send, without the extra intermediate that is not on the path.
    expect(blocks.map((block) => sha256(der(block)))).toEqual(sent.certificates.slice(0, 3).map(sha256));
  });

  it('sets a second server’s chain beside this one and marks what differs', async () => {
    await view().getByRole('button', { name: 'Compare with another server or file…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Server').fill(`https://localhost:${other.port}`);
    await dialog.getByRole('button', { name: 'Compare' }).click();
    await dialog.waitFor({ state: 'detached' });
    const rows = view().locator('.compare-row[data-match]');
    await rows.first().waitFor();
    // openssl's view of the second server: the same leaf, then an intermediate with the same name on another key.
    const second = await opensslShowcerts(other);
    expect(sha256(second.certificates[0]!)).toBe(sha256(sent.certificates[0]!));
    expect(sha256(second.certificates[1]!)).not.toBe(sha256(sent.certificates[1]!));
    expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-match')))).toEqual(['same', 'same-subject', 'left-only', 'left-only']);
    expect(await view().locator('.compare-summary').textContent()).toContain('3 of 4 positions differ');
    await view().locator('.chain-compare').scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await screenshot(page, `probe-compare-${scheme}`);
  });

  once('shows progress while connecting, and Cancel stops it', async () => {
    await dropText(page, 'body', `https://127.0.0.1:${silent.port}`);
    const progress = view().locator('.probe-progress');
    await progress.waitFor();
    expect(await progress.locator('.probe-progress-text').textContent()).toMatch(new RegExp(`^Connecting to 127\\.0\\.0\\.1:${silent.port}( and checking with .+)?…$`));
    await screenshot(page, `probe-connecting-${scheme}`);
    await progress.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = view().locator('.probe-error.cancelled');
    await cancelled.waitFor();
    expect(await cancelled.locator('.probe-error-title').textContent()).toBe('Cancelled');
    await page.keyboard.press('Control+w');
    await page.getByRole('tab', { name: new RegExp(`127\\.0\\.0\\.1:${silent.port}`) }).waitFor({ state: 'detached' });
  });

  once('says inline why a server cannot be reached, with Try again', async () => {
    await dropText(page, 'body', `https://127.0.0.1:${refused.port}`);
    const alert = view().locator('.probe-error');
    await alert.waitFor();
    expect(await alert.locator('.probe-error-title').textContent()).toBe(`Could not get the chain of 127.0.0.1:${refused.port}`);
    expect((await alert.locator('.probe-error-message').textContent())?.length).toBeGreaterThan(10);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await view().locator('.probe-error').waitFor();
    await screenshot(page, `probe-error-${scheme}`);
    // Ctrl+W closes the probe tab in front.
    await page.keyboard.press('Control+w');
    await page.getByRole('tab', { name: new RegExp(`127\\.0\\.0\\.1:${refused.port}`) }).waitFor({ state: 'detached' });
  });

  it('logged no errors to the console along the way', () => {
    expect(errors).toEqual([]);
  });
});

describe('behind an HTTP proxy (HTTPS_PROXY)', () => {
  it('connects through the proxy the environment names and shows it in place of the address', async () => {
    const proxy = await startConnectProxy();
    const proxied = await startWebApp([], { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` });
    const errors: string[] = [];
    try {
      for (const scheme of ['light', 'dark'] as const) {
        const { context, page } = await openStartScreen(browser, proxied, scheme, errors);
        await dropText(page, 'body', `https://localhost:${server.port}`);
        const view = page.locator('.probe-view:not([hidden])');
        await view.locator('.sent-card').first().waitFor();
        const facts = view.locator('.probe-facts');
        expect(await facts.locator('.probe-fact', { hasText: 'Proxy' }).locator('dd').textContent()).toBe(`http://127.0.0.1:${proxy.port} (from HTTPS_PROXY)`);
        expect(await facts.locator('.probe-fact', { hasText: 'Address' }).count()).toBe(0);
        // What came through the tunnel is what the server sends.
        const shas = await view.locator('.sent-sha').evaluateAll((els) => els.map((el) => el.getAttribute('title')));
        expect(shas).toEqual(sent.certificates.map(sha256));
        await page.mouse.move(0, 0);
        await screenshot(page, `probe-proxy-${scheme}`);
        await context.close();
      }
      expect(proxy.requests).toEqual([`localhost:${server.port}`, `localhost:${server.port}`]);
      expect(errors).toEqual([]);
    } finally {
      await proxied.stop();
      await proxy.close();
    }
  });
});

describe('Connection settings: the proxy chosen in the page', () => {
  it.each(['light', 'dark'] as const)('routes connections through a proxy given there, refuses a bad one, and goes direct again (%s)', async (scheme) => {
    const proxy = await startConnectProxy();
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    const url = `http://127.0.0.1:${proxy.port}`;
    const facts = () => page.locator('.probe-view:not([hidden]) .probe-facts');
    try {
      await page.getByRole('button', { name: 'Connection settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Connection settings' });
      // The settings load with the dialog: the save button waits for them.
      await dialog.getByRole('button', { name: 'Save' }).and(page.locator(':enabled')).waitFor();
      expect(await dialog.getByRole('radio', { name: /The environment’s proxy/ }).isChecked()).toBe(true);
      expect(await dialog.getByLabel('Proxy URL').isDisabled()).toBe(true);
      expect(await dialog.getByRole('checkbox', { name: /Download missing intermediates/ }).isChecked()).toBe(true);

      // A SOCKS proxy is refused where it was typed, and nothing changes.
      await dialog.getByRole('radio', { name: /This HTTP proxy/ }).check();
      await dialog.getByLabel('Proxy URL').fill('socks5://127.0.0.1:1080');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.locator('.field-error', { hasText: 'HTTP proxies only' }).waitFor();
      await dialog.getByLabel('Proxy URL').fill(url);
      await page.waitForTimeout(150);
      await screenshot(page, `network-dialog-${scheme}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('.toast', { hasText: `Servers are now reached through ${url}.` }).waitFor();

      await dropText(page, 'body', `https://localhost:${server.port}`);
      await facts().locator('.probe-fact', { hasText: 'Proxy' }).waitFor();
      expect(await facts().locator('.probe-fact', { hasText: 'Proxy' }).locator('dd').textContent()).toBe(url);
      expect(proxy.requests).toEqual([`localhost:${server.port}`]);

      // The choice is shown when the dialog opens again; Directly goes around the proxy.
      await page.getByRole('button', { name: 'Connection settings' }).click();
      await expect.poll(() => dialog.getByLabel('Proxy URL').inputValue()).toBe(url);
      await dialog.getByRole('radio', { name: /Directly/ }).check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Connect again' }).click();
      await facts().locator('.probe-fact', { hasText: 'Address' }).waitFor();
      expect(proxy.requests).toHaveLength(1);

      // Back to the default (the environment's), which the next run starts from.
      await page.getByRole('button', { name: 'Connection settings' }).click();
      await dialog.getByRole('radio', { name: /The environment’s proxy/ }).check();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await proxy.close();
    }
  });
});

describe('a server that requires a client certificate', () => {
  let keystore: string;
  beforeAll(() => {
    keystore = makeClientKeystore(mkdtempSync(path.join(work, 'keys-')), path.join(work, 'app-keystore.p12'), 'PKCS12', [
      { alias: 'app-client', cn: 'app.example.test', ca: 'root', keyType: 'EC' },
      { alias: 'legacy', cn: 'legacy.example.test', ca: 'other-root', keyType: 'RSA' },
    ]);
  });

  it.each(['light', 'dark'] as const)('says so, with the CAs it accepts and the key entry of an open keystore Java would offer (%s)', async (scheme) => {
    const mutual = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', requireClientCertificate: true });
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    try {
      // The application's keystore, open in its own tab (a PKCS#12: its password is asked for).
      await dropFiles(page, 'body', [{ name: 'app-keystore.p12', bytes: readFileSync(keystore) }]);
      await page.getByRole('dialog').getByLabel('Password', { exact: true }).fill('changeit');
      await page.keyboard.press('Enter');
      await page.getByRole('tab', { name: /app-keystore\.p12/ }).waitFor();
      await dropText(page, 'body', `https://localhost:${mutual.port}`);
      const note = page.locator('.probe-view:not([hidden]) .client-certificate');
      await note.waitFor();
      expect(await note.locator('p').first().textContent()).toBe('This server requires a client certificate (mutual TLS): it ended the handshake when none was sent.');
      expect(await note.locator('.client-certificate-dn').allTextContents()).toEqual(['CN=TrustLens Test Root CA,O=TrustLens Test']);
      expect(await note.locator('.client-certificate-cn').allTextContents()).toEqual(['TrustLens Test Root CA']);
      // JSSE's key manager offers the key whose chain the root issued (test/chain/client-keys.test.ts checks that rule against it).
      await note.locator('.client-keys').waitFor();
      expect(await note.locator('.client-keys').textContent()).toBe('A Java client with app-keystore.p12 would offer “app-client” (app.example.test).');
      // The chain is still shown: the server sent it before it ended the handshake.
      expect(await page.locator('.probe-view:not([hidden]) .sent-card').count()).toBe(2);
      await page.mouse.move(0, 0);
      await screenshot(page, `probe-client-certificate-${scheme}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await mutual.close();
    }
  });
});
