// The verdict's primary fix in view, and details that say things once, in Chromium against `trustlens web`:
// at 1024×700 and 1280×800 the button that fixes a NOT trusted verdict (import what is missing, then save
// it) sits in the verdict banner, on screen without scrolling; a CA's Key Usage, Basic Constraints and key
// identifier are one line each (as `openssl x509 -text` prints them), and colon hex wraps only between bytes.
// Screenshots light and dark in test-results/screenshots.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { chainFile, startNodeTlsServer, type NodeTlsServer } from '../support/tls-servers';
import { ROOT, launchBrowser, openStartScreen, opensslSha256, screenshot, startWebApp, type WebApp, openByPath } from './harness';

let app: WebApp;
let browser: Browser;
let server: NodeTlsServer;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-verdict-in-view-'));
  // The usual shape: leaf and intermediate sent, the root in no store.
  [app, browser, server] = await Promise.all([startWebApp(), launchBrowser(), startNodeTlsServer({ chain: ['leaf-rsa', 'int'] })]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Is the element wholly inside the window as it is now (nothing scrolled)? */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

describe.each(['light', 'dark'] as const)('the verdict and the details, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const view = () => page.locator('.probe-view:not([hidden])');

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it.each([
    [1024, 700],
    [1280, 800],
  ])('at %i×%i the fix is in the verdict, on screen: import, then save; keytool lists the result', async (width, height) => {
    await page.setViewportSize({ width, height });
    const store = path.join(work, `store-${scheme}-${width}.jks`);
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'diagnose', 'store-unrelated.jks'), store);
    const name = path.basename(store);
    await openByPath(page, store);
    // Ctrl+L focuses the Connect box; the URL goes into that box itself, not to whatever has the keys meanwhile.
    await page.keyboard.press('Control+l');
    const connect = page.getByRole('form', { name: 'Connect to a server' }).locator('input');
    await expect.poll(() => connect.evaluate((el) => el === document.activeElement)).toBe(true);
    await connect.fill(`https://localhost:${server.port}`);
    await connect.press('Enter');
    const verdict = view().locator('.verdict-untrusted');
    await verdict.waitFor();

    const fix = verdict.getByRole('button', { name: `Import the intermediate the server sent into ${name}, as Java’s trust anchor` });
    expect(await fix.count()).toBe(1);
    expect(await view().locator('.probe-scroll').evaluate((el) => el.scrollTop)).toBe(0);
    expect(await inView(page, fix)).toBe(true);
    // The same button is not offered twice (Next steps keeps export and compare).
    expect(await view().getByRole('button', { name: /^Import the / }).count()).toBe(1);
    await page.mouse.move(0, 0);
    await screenshot(page, `verdict-${width}x${height}-${scheme}`);

    await fix.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(`Password of ${name} (needed to write it)`).fill('changeit');
    await dialog.getByRole('button', { name: 'Import 1 certificate' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Judged again as edited; the one thing left to do, Save, is where the import was.
    await view().locator('.verdict-trusted .verdict-title', { hasText: 'as edited, not saved yet' }).waitFor();
    const save = view().locator('.verdict').getByRole('button', { name: `Save ${name}` });
    expect(await inView(page, save)).toBe(true);
    await save.click();
    await view().locator('.verdict-trusted .verdict-title', { hasText: new RegExp(`with ${name.replace('.', '\\.')}$`) }).waitFor();
    expect(await view().locator('.verdict').getByRole('button').count()).toBe(0);
    expect(keytoolList(store, 'changeit').get('trustlens-test-intermediate-ca')?.sha256).toEqual([opensslSha256(chainFile('int'))]);

    // Close the server's tab and the store's for the next size.
    await page.keyboard.press('Control+w');
    await page.getByRole('tab', { name: new RegExp(name) }).click();
    await page.locator('[role=tabpanel]:not([hidden])').getByRole('grid').focus();
    await page.keyboard.press('Control+w');
    await page.getByRole('tab').first().waitFor({ state: 'detached' });
  });

  it('shows a CA’s Key Usage and Basic Constraints once each, and wraps hex only between bytes', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    const store = path.join(work, `root-${scheme}.jks`);
    execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', store, '-storepass', 'changeit', '-alias', 'test-root', '-file', chainFile('root')], { stdio: 'pipe' });
    await openByPath(page, store);
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    await panel.locator('.grid-body .grid-row').first().click();
    const details = page.getByRole('complementary', { name: 'Details of test-root' });
    const extension = (label: string) => details.locator('.detail-row', { has: page.locator(':scope > .detail-label', { hasText: label }) }).first();
    await extension('Key Usage').waitFor();

    // openssl x509 -text: "X509v3 Key Usage: critical / Certificate Sign, CRL Sign", "Basic Constraints: critical / CA:TRUE".
    const text = execFileSync('openssl', ['x509', '-in', chainFile('root'), '-noout', '-text'], { encoding: 'utf8' });
    expect(text).toMatch(/Key Usage: critical\n\s+Certificate Sign, CRL Sign/);
    expect(text).toMatch(/Basic Constraints: critical\n\s+CA:TRUE\n/);
    expect(await extension('Key Usage').locator(':scope > .detail-value').textContent()).toBe('Certificate Sign, CRL Sign');
    expect(await extension('Key Usage').locator('.detail-children').count()).toBe(0);
    expect(await extension('Basic Constraints').locator(':scope > .detail-value').textContent()).toBe('CA: true, path length unlimited');
    expect(await extension('Basic Constraints').locator('.detail-children').count()).toBe(0);
    // The key identifier is its row's value, with its copy button, not said again under it.
    expect(await extension('Subject Key Identifier').locator('.detail-children').count()).toBe(0);
    expect(await extension('Subject Key Identifier').getByRole('button', { name: 'Copy Subject Key Identifier' }).count()).toBe(1);

    // Every line of every wrapped colon-hex value ends at a colon (or the value's end): no byte is split.
    const hex = details.locator('.detail-text.hex');
    expect(await hex.count()).toBeGreaterThan(3);
    const lines = await hex.evaluateAll((els) =>
      els.map((el) => {
        const text = el.textContent ?? '';
        const tops: number[] = [];
        const range = document.createRange();
        let offset = 0;
        // Walk the text nodes (the <wbr>s split them), one character at a time.
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          for (let i = 0; i < (t.textContent ?? '').length; i++) {
            range.setStart(t, i);
            range.setEnd(t, i + 1);
            tops[offset++] = Math.round(range.getBoundingClientRect().top);
          }
        }
        const out: string[] = [];
        let line = '';
        for (let i = 0; i < text.length; i++) {
          if (i > 0 && tops[i] !== tops[i - 1]) {
            out.push(line);
            line = '';
          }
          line += text[i];
        }
        out.push(line);
        return out;
      }),
    );
    const wrapped = lines.filter((l) => l.length > 1);
    expect(wrapped.length).toBeGreaterThan(0); // at 1024 px the SPKI fingerprint and the SHA-256 wrap
    for (const value of wrapped) for (const line of value.slice(0, -1)) expect(line).toMatch(/^([0-9A-F]{2}:)+$/i);
    // The saves' notices from the sizes before: dismissed, so the screenshot shows the details.
    while ((await page.locator('.toast-close').count()) > 0) await page.locator('.toast-close').first().click();
    await details.locator('.detail-section', { hasText: 'Extensions' }).scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0);
    await screenshot(page, `details-once-${scheme}`);
    expect(errors).toEqual([]);
  });
});
