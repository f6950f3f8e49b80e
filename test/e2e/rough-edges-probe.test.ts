// More of issue 19's rough edges, around a real TLS server on 127.0.0.1, in Chromium against `trustlens web`:
// the Connect box shows the server of the tab in front (not the text typed last), Compare chains brings
// its result into view and gives it the keyboard, the Import dialog starts in the password field the
// import needs, and a notice (not an error) goes away by itself. Screenshots light and dark.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeTlsServer, type NodeTlsServer } from '../support/tls-servers';
import { ROOT, dropFiles, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp, openByPath } from './harness';

let app: WebApp;
let browser: Browser;
let first: NodeTlsServer;
let second: NodeTlsServer;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-rough-edges-probe-'));
  [app, browser, first, second] = await Promise.all([
    startWebApp(),
    launchBrowser(),
    startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }),
    startNodeTlsServer({ chain: ['leaf-rsa', 'int', 'root'] }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), first?.close(), second?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('rough edges around a server, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const view = () => page.locator('.probe-view:not([hidden])');
  const connectBox = () => page.getByLabel('Server to connect to');

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
    await page.setViewportSize({ width: 1024, height: 700 });
    const store = path.join(work, `store-${scheme}.jks`);
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'diagnose', 'store-unrelated.jks'), store);
    await openByPath(page, store);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the server of the tab in front in the Connect box', async () => {
    for (const server of [first, second]) {
      await page.keyboard.press('Control+l');
      await page.keyboard.type(`https://localhost:${server.port}`);
      await page.keyboard.press('Enter');
      await view().locator('.verdict').waitFor();
    }
    // Typed but not sent: another tab in front replaces it with that tab's server.
    await connectBox().fill('typed-but-not-sent.example');
    await page.getByRole('tab', { name: new RegExp(`localhost:${first.port}`) }).click();
    expect(await connectBox().inputValue()).toBe(`https://localhost:${first.port}`);
    await page.getByRole('tab', { name: new RegExp(`localhost:${second.port}`) }).click();
    expect(await connectBox().inputValue()).toBe(`https://localhost:${second.port}`);
    await page.getByRole('tab', { name: /store-/ }).click();
    expect(await connectBox().inputValue()).toBe('');
  });

  it('brings the comparison of two chains into view and gives it the keyboard', async () => {
    await page.getByRole('tab', { name: new RegExp(`localhost:${first.port}`) }).click();
    await view().getByRole('button', { name: 'Compare with another server or file…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Server').fill(`localhost:${second.port}`);
    await dialog.getByRole('button', { name: 'Compare', exact: true }).click();
    const result = view().locator('.chain-compare');
    await result.waitFor();
    // The result is in the window (it is added below the fold at 1024×700) and has the focus.
    await expect.poll(async () => {
      const box = await result.boundingBox();
      return box !== null && box.y >= 0 && box.y < 700;
    }).toBe(true);
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400); // the smooth scroll settles
    await screenshot(page, `compare-in-view-${scheme}`);
  });

  it('starts the Import dialog in the password field it needs; its notice then goes by itself, an error stays', async () => {
    await view().locator('.verdict').getByRole('button', { name: /^Import the / }).click();
    const dialog = page.getByRole('dialog');
    const password = dialog.getByLabel(/^Password of store-.*\(needed to write it\)$/);
    await password.waitFor();
    expect(await password.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('changeit');
    await dialog.getByRole('button', { name: 'Import 1 certificate' }).click();
    await dialog.waitFor({ state: 'detached' });
    const notice = page.locator('.toast-success', { hasText: 'Added 1 certificate' });
    await notice.waitFor();

    // An error first (a file that is not a certificate), then the import's notice: the notice goes, the error stays.
    await dropFiles(page, 'body', [{ name: 'notes.txt', bytes: new TextEncoder().encode('not a certificate\n') }]);
    const error = page.getByRole('alert').filter({ hasText: 'notes.txt' });
    await error.waitFor();
    await notice.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await error.count()).toBe(1);
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await error.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
