// "Check endpoints" in Chromium against `trustlens web`: paste a list of real loopback servers (some under
// the store's root, some self-signed, one refusing connections, and a comment), judge them with a store
// keytool made, and check every verdict and the failures-first order. Screenshots in light and dark.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainFile, refusedPort, startNodeTlsServer, type RunningServer } from '../support/tls-servers';
import { dropFiles, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let app: WebApp;
let browser: Browser;
let good: RunningServer[] = [];
let selfSigned: RunningServer[] = [];
let refused: RunningServer;
let work: string;
let storeFile: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-endpoints-'));
  storeFile = path.join(work, 'team-truststore.jks');
  execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', storeFile, '-storepass', 'changeit', '-alias', 'team-root', '-file', chainFile('root')], { stdio: 'pipe' });
  [app, browser, good, selfSigned, refused] = await Promise.all([
    startWebApp(),
    launchBrowser(),
    Promise.all(Array.from({ length: 4 }, () => startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }))),
    Promise.all(Array.from({ length: 3 }, () => startNodeTlsServer({ chain: ['self-signed'] }))),
    refusedPort(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), ...good.map((s) => s.close()), ...selfSigned.map((s) => s.close())]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('Check endpoints in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
    await dropFiles(page, 'body', [{ name: 'team-truststore.jks', bytes: readFileSync(storeFile) }]);
    await page.getByRole('tab', { name: /team-truststore\.jks/ }).waitFor();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('judges every pasted endpoint with the store, failures first', async () => {
    const url = (s: RunningServer) => `https://localhost:${s.port}`;
    // Interleaved on purpose: the table must put the failures first, each group in the pasted order.
    const pasted = ['# the team’s services', url(good[0]!), url(selfSigned[0]!), url(good[1]!), `localhost:${refused.port}`, url(selfSigned[1]!), url(good[2]!), url(selfSigned[2]!), url(good[3]!)];
    await page.getByRole('button', { name: 'Check endpoints…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check endpoints' });
    await dialog.getByRole('textbox', { name: 'Endpoints' }).fill(pasted.join('\n'));
    await dialog.getByRole('button', { name: 'Check', exact: true }).click();
    const summary = dialog.locator('.endpoints-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('4 of 8 endpoints trusted by a Java client with team-truststore.jks; 3 not trusted; 1 could not be reached');
    const rows = dialog.locator('.endpoints-table tbody tr');
    const table = await rows.evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
    expect(table).toEqual([
      [`localhost:${refused.port}`, 'Failed'],
      ...selfSigned.map((s) => [url(s), 'SELF_SIGNED']),
      ...good.map((s) => [url(s), 'Trusted']),
    ]);
    expect(await rows.first().locator('.endpoints-why').textContent()).toMatch(/refused the connection/);
    await page.mouse.move(0, 0);
    await screenshot(page, `check-endpoints-${scheme}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });
});
