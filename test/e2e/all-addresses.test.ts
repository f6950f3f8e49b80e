// Every address behind a name, in Chromium against `trustlens web --resolve`: two real TLS servers on
// 127.0.0.1 and 127.0.0.2, the same port, named probe.test; 127.0.0.2 leaves out the intermediate. The page
// must show both side by side with what openssl s_client saw at each, the verdict naming 127.0.0.2, and
// the toggle must go back to one address. Also: the Connect box takes a STARTTLS target (imap://).
// Screenshots in light and dark.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSE_DIR, fixturePem } from '../chain/diagnose-fixtures';
import { startScriptedServer } from '../support/starttls-scripted';
import { chainFile, opensslShowcerts, startNodeTlsServer, type RunningServer } from '../support/tls-servers';
import { dropFiles, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let app: WebApp;
let browser: Browser;
let servers: RunningServer[] = [];
let imap: RunningServer;
let work: string;
let storeFile: string;
let port = 0;
const seen = new Map<string, number>();

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-addresses-'));
  storeFile = path.join(work, 'team-truststore.jks');
  execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', storeFile, '-storepass', 'changeit', '-alias', 'team-root', '-file', chainFile('root')], { stdio: 'pipe' });
  const first = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], host: '127.0.0.1' });
  port = first.port;
  servers = [first, await startNodeTlsServer({ chain: ['leaf-rsa'], host: '127.0.0.2', port })];
  const identity = { chainPem: fixturePem('leaf') + fixturePem('int'), keyPem: readFileSync(`${DIAGNOSE_DIR}/leaf.key`, 'utf8') };
  [app, browser, imap] = await Promise.all([startWebApp(['--resolve', `probe.test:${port}:127.0.0.1,127.0.0.2`]), launchBrowser(), startScriptedServer('imap', identity)]);
  for (const server of servers) seen.set(server.host, (await opensslShowcerts(server, { servername: 'probe.test' })).certificates.length);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), imap?.close(), ...servers.map((s) => s.close())]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('addresses side by side in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const view = () => page.locator('.probe-view:not([hidden])');
  const connect = async (target: string) => {
    const box = page.getByRole('textbox', { name: 'Server to connect to' });
    await box.fill(target);
    await box.press('Enter');
  };

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
    await dropFiles(page, 'body', [{ name: 'team-truststore.jks', bytes: readFileSync(storeFile) }]);
    await page.getByRole('tab', { name: /team-truststore\.jks/ }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows both addresses, each with the chain it sent, and names the one that fails', async () => {
    await connect(`https://probe.test:${port}`);
    const panel = view().locator('.address-compare');
    await panel.waitFor();
    const cards = panel.locator('.address-card');
    expect(await cards.locator('.address-ip').allTextContents()).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(await cards.locator('.badge').allTextContents()).toEqual(['Trusted', 'INCOMPLETE_CHAIN']);
    for (const [i, address] of ['127.0.0.1', '127.0.0.2'].entries()) expect(await cards.nth(i).locator('.address-chain li').count(), address).toBe(seen.get(address));
    expect(await panel.locator('.address-summary').textContent()).toBe('1 of 2 addresses serve a chain this store trusts; 127.0.0.2 sends no intermediate');
    // The verdict and the problems shown are the failing address's, and say so.
    await view().locator('.verdict-untrusted').waitFor();
    expect(await view().locator('.probe-fact').allTextContents()).toContain('Address127.0.0.2');
    expect(await view().locator('.problem').first().textContent()).toContain('127.0.0.2');
    expect(await view().getByRole('checkbox', { name: 'All addresses' }).isChecked()).toBe(true);
    await page.mouse.move(0, 0);
    await screenshot(page, `probe-addresses-${scheme}`);
  });

  it('the toggle goes back to one address', async () => {
    await view().getByRole('checkbox', { name: 'All addresses' }).uncheck();
    await view().locator('.verdict-trusted').waitFor();
    expect(await view().locator('.address-compare').count()).toBe(0);
    expect(await view().locator('.probe-fact').allTextContents()).toContain('Address127.0.0.1');
  });

  it('the Connect box takes a STARTTLS target', async () => {
    await connect(`imap://localhost:${imap.port}`);
    await page.getByRole('tab', { name: new RegExp(`localhost:${imap.port}`) }).waitFor();
    await view().locator('.sent-card').first().waitFor();
    const facts = await view().locator('.probe-fact').allTextContents();
    expect(facts.some((fact) => /^ProtocolTLSv1\.[23] after IMAP STARTTLS$/.test(fact))).toBe(true);
    expect(await view().locator('.sent-card').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});
