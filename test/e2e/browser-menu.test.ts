// Browser mode's menu bar and recent files, in Chromium against `trustlens web`: the File, Go and Help menus
// run the desktop menu's commands (by mouse and by keyboard), File lists the files opened by path, which the
// server keeps in $XDG_CONFIG_HOME/trustlens/recent-files.json (not the page's storage) across a restart,
// Alt+W and Alt+PgDn/PgUp do what the browser keeps Ctrl+W and Ctrl+Tab for, and Help ▸ Keyboard Shortcuts
// says which keys those are. Screenshots light and dark.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let browser: Browser;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-browser-menu-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const menu = (page: Page, name: string) => page.getByRole('menubar', { name: 'TrustLens' }).getByRole('menuitem', { name, exact: true });

describe.each(['light', 'dark'] as const)('the menu bar in browser mode, %s', (scheme) => {
  let app: WebApp;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const config = () => path.join(work, `config-${scheme}`);
  const store = () => path.join(work, `team-${scheme}.jks`);

  beforeAll(async () => {
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'diagnose', 'store-unrelated.jks'), store());
    app = await startWebApp([], { XDG_CONFIG_HOME: config() });
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
  });

  it('opens by path from File, lists the file under recent files kept by the server, and reopens it after a restart', async () => {
    await menu(page, 'File').click();
    const file = page.getByRole('menu', { name: 'File' });
    expect(await file.getByRole('menuitem', { name: 'No recent files' }).getAttribute('aria-disabled')).toBe('true');
    await file.getByRole('menuitem', { name: 'Open by Path…' }).click();
    await page.getByRole('dialog').getByLabel('Path').fill(store());
    await page.keyboard.press('Enter');
    const tab = page.getByRole('tab', { name: new RegExp(path.basename(store()).replace('.', '\\.')) });
    await tab.waitFor();

    // Kept by the server beside view.json, as a path; the page keeps no copy of it.
    expect(JSON.parse(readFileSync(path.join(config(), 'trustlens', 'recent-files.json'), 'utf8'))).toEqual([store()]);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(path.basename(store()));

    await menu(page, 'File').click();
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: store() }).waitFor();
    await page.waitForTimeout(150); // the menu's fade-in
    await screenshot(page, `browser-menu-file-${scheme}`);
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('File');

    // A new server on the same config: the empty state and File both offer the file; choosing it opens it.
    await app.stop();
    await context.close();
    app = await startWebApp([], { XDG_CONFIG_HOME: config() });
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
    await page.getByRole('button', { name: new RegExp(path.basename(store()).replace('.', '\\.')) }).first().waitFor();
    await menu(page, 'File').click();
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: store() }).click();
    await page.getByRole('tab', { name: new RegExp(path.basename(store()).replace('.', '\\.')) }).waitFor();
  });

  it('moves through the menus with the keyboard and runs Go ▸ Connection Settings…', async () => {
    await menu(page, 'File').focus();
    expect(await page.getByRole('menubar').locator('[tabindex="0"]').count()).toBe(1); // one Tab stop
    await page.keyboard.press('ArrowDown');
    await page.getByRole('menu', { name: 'File' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Open…');
    await page.keyboard.press('ArrowRight');
    const go = page.getByRole('menu', { name: 'Go' });
    await go.waitFor();
    expect(await go.getByRole('menuitem').allTextContents()).toEqual([
      'Connect to URL…Ctrl+L',
      'Next TabAlt+PgDn',
      'Previous TabAlt+PgUp',
      'Connection Settings…',
      'Check Endpoints…',
      'Trust Stores on This Machine…',
      'Explain a Failure Log…',
    ]);
    expect(await page.getByRole('menu').count()).toBe(1);
    await page.waitForTimeout(150);
    await screenshot(page, `browser-menu-go-${scheme}`);
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Connection Settings…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Connection settings' }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('takes Alt+PgDn / Alt+PgUp for the next and previous tab and Alt+W to close one, where the browser keeps Ctrl+Tab and Ctrl+W', async () => {
    await page.keyboard.press('Control+l');
    await page.keyboard.type('127.0.0.1:1');
    await page.keyboard.press('Enter');
    const selected = page.getByRole('tab', { selected: true });
    await page.getByRole('tab', { name: /127\.0\.0\.1:1/ }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    expect(await selected.textContent()).toContain('127.0.0.1:1');
    await page.keyboard.press('Alt+PageDown');
    expect(await selected.textContent()).toContain(path.basename(store()));
    await page.keyboard.press('Alt+PageUp');
    expect(await selected.textContent()).toContain('127.0.0.1:1');
    await page.keyboard.press('Alt+w');
    await page.getByRole('tab', { name: /127\.0\.0\.1:1/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('tab').count()).toBe(1);

    // Help ▸ Keyboard Shortcuts: which keys the browser keeps, and what to press instead.
    await menu(page, 'Help').click();
    await page.getByRole('menu', { name: 'Help' }).getByRole('menuitem', { name: 'Keyboard Shortcuts…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await dialog.locator('.modal-text').textContent()).toBe(
      'The browser keeps Ctrl+W, Ctrl+Tab / Ctrl+PgDn, Ctrl+Shift+Tab / Ctrl+PgUp for its own tabs; in this window use Alt+W, Alt+PgDn / Alt+PgUp instead.',
    );
    const close = dialog.getByRole('row').filter({ hasText: 'close the tab' });
    expect(await close.getByRole('cell').allTextContents()).toEqual(['Ctrl+W', 'Alt+W', 'close the tab']);
    await page.waitForTimeout(200);
    await screenshot(page, `browser-shortcuts-${scheme}`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });
});
