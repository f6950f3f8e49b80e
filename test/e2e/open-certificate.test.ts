// The renderer in Chromium against `trustlens web`: drop certificates and stores on the window, read
// what it shows, compare it with what openssl and keytool say about the same files, and keep
// screenshots of the main screens in light and dark.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../shared/wire';
import { ROOT, dropFiles, launchBrowser, openStartScreen, opensslSha256, screenshot, startWebApp, type WebApp } from './harness';

const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

function opensslCommonName(file: string): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'multiline', '-in', file], { encoding: 'utf8' });
  return /commonName\s*=\s*(.+)/.exec(out)![1]!.trim();
}

/** The aliases keytool lists for a store (`alias, date, EntryType,` lines); asked once per store. Its expected
 * warnings on stderr ("migrate to PKCS12") are kept out of the test output. */
const listed = new Map<string, string[]>();
function keytoolAliases(file: string, storetype: string): string[] {
  const known = listed.get(file);
  if (known) return known;
  const out = execFileSync('keytool', ['-list', '-keystore', file, '-storetype', storetype, '-storepass', 'changeit'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const aliases = out
    .split('\n')
    .map((line) => /^(.+?), .+, (PrivateKeyEntry|trustedCertEntry|SecretKeyEntry),\s*$/.exec(line)?.[1])
    .filter((alias): alias is string => alias !== undefined)
    .sort();
  listed.set(file, aliases);
  return aliases;
}

function file(name: string, parts: string[]): { name: string; bytes: Uint8Array } {
  return { name, bytes: readFileSync(fixture(...parts)) };
}

async function aliasesOnScreen(page: Page): Promise<string[]> {
  const panel = page.locator('[role=tabpanel]:not([hidden])');
  await panel.locator('[role=row][aria-rowindex="2"]').waitFor();
  const aliases = await panel.locator('.grid-canvas [role=row] .cell-alias .alias-text').allTextContents();
  return aliases.sort();
}

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each(['light', 'dark'] as const)('the renderer in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  // Behaviour is checked once, in light mode; dark mode repeats what its screenshots need.
  const once = scheme === 'light' ? it : it.skip;

  it('shows what to do when nothing is open', async () => {
    await page.getByRole('button', { name: /^Open…/ }).first().waitFor();
    await page.getByRole('button', { name: 'Open by path…' }).first().waitFor();
    // The lists load asynchronously; give them a moment so the screenshot shows them.
    await page.waitForTimeout(150);
    await screenshot(page, `empty-state-${scheme}`);
    await page.keyboard.press('Control+l');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Server to connect to');
    await page.keyboard.press('Escape');

    // Dragging a file over any part of the window shows the drop overlay; leaving hides it.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'store.jks'));
      return dt;
    });
    await page.dispatchEvent('.top-bar', 'dragenter', { dataTransfer });
    await page.locator('.drop-overlay.visible').waitFor();
    await page.waitForTimeout(250); // let it fade in
    await screenshot(page, `drop-overlay-${scheme}`);
    await page.dispatchEvent('.drop-overlay', 'dragleave', { dataTransfer });
    await page.locator('.drop-overlay:not(.visible)').waitFor({ state: 'attached' });
    await page.waitForTimeout(250); // and out again
    expect(errors).toEqual([]);
  });

  once('says in one line, naming the file, why a dropped file cannot be opened', async () => {
    await dropFiles(page, 'body', [{ name: 'notes.txt', bytes: new TextEncoder().encode('just some text, not a certificate\n') }]);
    const alert = page.getByRole('alert').filter({ hasText: 'notes.txt' });
    await alert.waitFor();
    await page.waitForTimeout(250); // let the toast finish sliding in
    await screenshot(page, `error-toast-${scheme}`);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await page.getByRole('tab').count()).toBe(0);
  });

  once('opens a dropped PEM certificate and shows the SHA-256 openssl prints', async () => {
    const pem = fixture('x509', 'leaf-rich.pem');
    await dropFiles(page, 'body', [file('leaf-rich.pem', ['x509', 'leaf-rich.pem'])]);
    await page.getByRole('tab', { name: /leaf-rich\.pem/ }).waitFor();
    const row = page.locator('[role=tabpanel]:not([hidden]) .grid-canvas [role=row]').first();
    await row.click();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const expected = opensslSha256(pem);
    const details = page.locator('[role=tabpanel]:not([hidden]) .details');
    await details.getByText(expected, { exact: true }).first().waitFor();
    // The table's short form is the same fingerprint's first bytes, the full one in its tooltip.
    const cell = row.locator('.cell-mono');
    expect(await cell.getAttribute('title')).toBe(expected);
    expect(await cell.textContent()).toBe(`${expected.slice(0, 11)}…`);
    expect(await details.locator('.details-title').textContent()).toBeTruthy();
  });

  it('shows a multi-certificate PEM bundle with the details of its leaf', async () => {
    const parts = ['leaf-rsa.pem', 'int.pem', 'root.pem'].map((name) => readFileSync(fixture('chains', name), 'utf8'));
    await dropFiles(page, 'body', [{ name: 'server-chain.pem', bytes: new TextEncoder().encode(parts.join('')) }]);
    await page.getByRole('tab', { name: /server-chain\.pem/ }).waitFor();
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    await panel.locator('.grid-canvas [role=row]').nth(2).waitFor();
    expect(await panel.locator('.grid-canvas [role=row]').count()).toBe(3);

    // Keyboard: focus the grid, Home selects the first row, Enter opens its details.
    const leafName = opensslCommonName(fixture('chains', 'leaf-rsa.pem'));
    const leafRow = panel.locator('.grid-canvas [role=row]', { hasText: leafName });
    await leafRow.click();
    await panel.locator('.details-title').waitFor();
    await panel.locator('.details').getByText(opensslSha256(fixture('chains', 'leaf-rsa.pem')), { exact: true }).first().waitFor();
    // The intermediate that issued it is offered as a related entry.
    await panel.locator('.relations .alias-chip').first().waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `explorer-bundle-${scheme}`);

    // Sorted by alias from the start (aria-sort says so), and the arrow keys move the selection.
    expect(await panel.getByRole('columnheader', { name: 'Alias' }).getAttribute('aria-sort')).toBe('ascending');
    await panel.getByRole('grid').focus();
    await page.keyboard.press('Home');
    const first = await panel.locator('[role=row][aria-selected=true] .cell-alias').textContent();
    await page.keyboard.press('ArrowDown');
    const second = await panel.locator('[role=row][aria-selected=true] .cell-alias').textContent();
    expect(second).not.toBe(first);
    expect([first, second]).toEqual([...[first, second]].sort());

    // The filter matches a fingerprint prefix typed with colons.
    const rootSha = opensslSha256(fixture('chains', 'root.pem'));
    await panel.getByRole('textbox', { name: /Filter entries/ }).fill(rootSha.slice(0, 8));
    await page.waitForFunction(() => document.querySelectorAll('[role=tabpanel]:not([hidden]) .grid-canvas [role=row]').length === 1);
    expect(await panel.locator('.grid-canvas [role=row] .cell-mono').getAttribute('title')).toBe(rootSha);
    await panel.getByRole('textbox', { name: /Filter entries/ }).fill('');
  });

  once('copies the PEM, shows MD5 only on request, and closes a tab with a middle click', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    const leaf = fixture('chains', 'leaf-rsa.pem');
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    await panel.locator('.grid-canvas [role=row]', { hasText: opensslCommonName(leaf) }).click();
    const copyPem = panel.getByRole('button', { name: 'Copy PEM' });
    await copyPem.click();
    await panel.locator('.copy-button.copied', { hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const pemOf = (text: string) => text.replace(/\s+/g, '');
    expect(pemOf(copied)).toBe(pemOf(execFileSync('openssl', ['x509', '-in', leaf], { encoding: 'utf8' })));

    const md5 = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-md5', '-in', leaf], { encoding: 'utf8' }).split('=')[1]!.trim();
    expect(await panel.getByText(md5, { exact: true }).count()).toBe(0);
    await panel.getByRole('button', { name: 'Show MD5' }).first().click();
    await panel.getByText(md5, { exact: true }).first().waitFor();

    const tabs = await page.getByRole('tab').count();
    await page.locator('.tab', { has: page.getByRole('tab', { name: /server-chain\.pem/ }) }).click({ button: 'middle' });
    await page.waitForFunction((n) => document.querySelectorAll('[role=tab]').length === n - 1, tabs);
  });

  it('opens a JKS without its password, then verifies it: a wrong password re-prompts', async () => {
    await dropFiles(page, 'body', [file('keys.jks', ['jks', 'keys.jks'])]);
    await page.getByRole('tab', { name: /keys\.jks/ }).waitFor();
    // keytool lists a JKS without its password too (it just cannot check the store's integrity).
    expect(await aliasesOnScreen(page)).toEqual(keytoolAliases(fixture('jks', 'keys.jks'), 'JKS'));
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    expect(await panel.locator('.badge-warn').textContent()).toContain('Integrity not checked');

    await panel.getByRole('button', { name: 'Enter the password to verify integrity' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toContain('keys.jks');
    await dialog.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.keyboard.press('Enter');
    await dialog.getByText('Wrong password — try again').waitFor();
    expect(await dialog.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    await screenshot(page, `password-wrong-${scheme}`);

    await dialog.getByLabel('Password', { exact: true }).fill('changeit');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await panel.locator('.badge-ok').waitFor();
    expect(await panel.locator('.badge-ok').textContent()).toContain('Integrity verified');
    expect(await aliasesOnScreen(page)).toEqual(keytoolAliases(fixture('jks', 'keys.jks'), 'JKS'));

    // A key entry shows its chain, root at the top.
    await panel.locator('.grid-canvas [role=row]', { has: page.locator('.entry-icon-privateKey') }).first().click();
    await panel.locator('.chain .chain-button').nth(1).waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `explorer-jks-${scheme}`);
  });

  once('shows the secret key of a JCEKS with its own icon and no certificate', async () => {
    await dropFiles(page, 'body', [file('secrets.jceks', ['jks', 'secrets.jceks'])]);
    await page.getByRole('tab', { name: /secrets\.jceks/ }).waitFor();
    expect(await aliasesOnScreen(page)).toEqual(keytoolAliases(fixture('jks', 'secrets.jceks'), 'JCEKS'));
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    const secret = panel.locator('.grid-canvas [role=row]', { has: page.locator('.entry-icon-secretKey') });
    expect(await secret.count()).toBe(1);
    await secret.click();
    await panel.locator('.details-placeholder', { hasText: 'Secret key' }).waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `explorer-jceks-${scheme}`);
  });

  it('opens a legacy PKCS#12 with its password and cancels a prompt with Escape', async () => {
    const p12 = fixture('pkcs12', 'openssl-legacy.p12');
    await dropFiles(page, 'body', [file('openssl-legacy.p12', ['pkcs12', 'openssl-legacy.p12'])]);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toContain('openssl-legacy.p12');
    await screenshot(page, `password-dialog-${scheme}`);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await dropFiles(page, 'body', [file('openssl-legacy.p12', ['pkcs12', 'openssl-legacy.p12'])]);
    await dialog.getByLabel('Password', { exact: true }).fill('changeit');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /openssl-legacy\.p12/ }).waitFor();
    expect(await aliasesOnScreen(page)).toEqual(keytoolAliases(p12, 'PKCS12'));
  });

  once('marks PKCS#12 certificates that Java will not trust, and shows the store properties', async () => {
    await dropFiles(page, 'body', [file('openssl-certs-only.p12', ['pkcs12', 'openssl-certs-only.p12'])]);
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Password', { exact: true }).fill('changeit');
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: /openssl-certs-only\.p12/ }).waitFor();
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    // keytool lists none of these certificates (no trusted-key-usage attribute): we show them, marked.
    expect(keytoolAliases(fixture('pkcs12', 'openssl-certs-only.p12'), 'PKCS12')).toEqual([]);
    await panel.locator('.java-warning').first().waitFor();
    await panel.locator('.grid-canvas [role=row]').first().click();
    await panel.locator('.details .callout-warn').waitFor();
    await panel.getByRole('button', { name: 'Properties' }).click();
    await panel.locator('.store-properties dt').first().waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `explorer-pkcs12-${scheme}`);

    // Ctrl+W closes the tab in front.
    const before = await page.getByRole('tab').count();
    await panel.getByRole('grid').focus();
    await page.keyboard.press('Control+w');
    await page.waitForFunction((n) => document.querySelectorAll('[role=tab]').length === n - 1, before);
    // The tab that comes to the front shows its rows again (its virtualized table was hidden).
    await page.locator('[role=tabpanel]:not([hidden]) .grid-canvas [role=row]').first().waitFor();
    expect(errors).toEqual([]);
  });

  it('logged no errors to the console along the way', () => {
    expect(errors).toEqual([]);
  });
});

describe('a page that goes away', () => {
  it('has the server forget the stores it opened (closed, reloaded or navigated)', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, 'light', errors);
    try {
      const opened = page.waitForResponse((response) => response.url().endsWith('/api/openBytes'));
      await dropFiles(page, 'body', [file('trust-only.jks', ['jks', 'trust-only.jks'])]);
      const answer = decodeFrame(new Uint8Array(await (await opened).body())) as { ok: boolean; value: { storeId: string } };
      expect(answer.ok).toBe(true);
      const details = async () => {
        const reply = await page.request.post(`${app.origin}/api/entryDetails`, {
          headers: { 'Content-Type': 'application/json', 'X-TrustLens-Token': app.token },
          data: JSON.stringify({ storeId: answer.value.storeId, index: 0 }),
        });
        return (await reply.json()) as unknown;
      };
      expect(await details()).toMatchObject({ ok: true });
      await page.reload();
      await expect.poll(details).toMatchObject({ ok: false, error: { code: 'USAGE', message: expect.stringContaining('not open any more') } });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
