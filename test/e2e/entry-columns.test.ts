// The store table as a KeyStore Explorer user sets it up, in Chromium against `trustlens web`: sorted by
// alias from the start, seven "debian:globalsign_root_…" aliases that stay apart when the column is
// narrow, optional columns chosen (their values checked against openssl's), a column resized with the
// mouse and with the keyboard, the layout kept across a reload and a new run, and the header's
// "expire within 30 days" / "expired" counts that filter the table. The JKS is made by keytool.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startWebApp, type WebApp, frontPanel } from './harness';

const PASS = 'changeit';
const GLOBALSIGN = ['r1', 'r2', 'r3', 'r5', 'r6', 'r46', 'e46'].map((r) => `debian:globalsign_root_ca_-_${r}.pem`);
let dir: string;
let store: string;
let browser: Browser;

const openssl = (args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' });
const keytool = (args: string[]) => execFileSync('keytool', [...args, '-keystore', store, '-storetype', 'JKS', '-storepass', PASS], { encoding: 'utf8' });

const pemOf = (name: string) => path.join(dir, `${name.replace(/[^a-z0-9]/gi, '_')}.pem`);

function certificate(name: string, days: number, org: string): string {
  const file = pemOf(name);
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${file}.key`, '-subj', `/CN=${name}/O=${org}`, '-days', String(days), '-out', file]);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-columns-'));
  store = path.join(dir, 'columns.jks');
  // keytool lists a JKS in its own order; added in this order, the file's order is not the alias order.
  const aliases = ['zz-later', ...GLOBALSIGN.slice().reverse(), 'expires-soon'];
  for (const alias of aliases) {
    const file = certificate(alias, alias === 'expires-soon' ? 10 : 900, alias.startsWith('debian') ? 'GlobalSign nv-sa' : 'Columns Test');
    keytool(['-importcert', '-noprompt', '-alias', alias, '-file', file]);
  }
  keytool(['-genkeypair', '-alias', 'ended-2020', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=ended-2020', '-keypass', PASS, '-validity', '30', '-startdate', '2020/01/01']);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const panel = frontPanel;
const headerWidth = async (page: Page, name: string) => (await panel(page).getByRole('columnheader', { name, exact: true }).boundingBox())!.width;
const aliasesOnScreen = async (page: Page) => panel(page).locator('.grid-canvas [role=row] .cell-alias .alias-text').allTextContents();

/** The app with the store given on its command line: it opens at once (no start screen to wait for). */
async function openApp(app: WebApp, scheme: 'light' | 'dark', errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(browser, scheme);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  await page.goto(app.url);
  return { context, page };
}

async function waitForStore(page: Page): Promise<void> {
  await panel(page).locator('.grid-canvas [role=row][aria-rowindex="2"]').waitFor();
}

describe.each(['light', 'dark'] as const)('the entry table, in %s mode', (scheme) => {
  let config: string;
  let app: WebApp;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    config = mkdtempSync(path.join(os.tmpdir(), `trustlens-view-${scheme}-`));
    app = await startWebApp([store], { XDG_CONFIG_HOME: config });
    ({ context, page } = await openApp(app, scheme, errors));
    await waitForStore(page);
  });

  afterAll(async () => {
    await context?.close();
    await app?.stop();
    rmSync(config, { recursive: true, force: true });
  });

  it('is sorted by alias from the start, and narrow aliases keep their distinguishing end', async () => {
    expect(await panel(page).getByRole('columnheader', { name: 'Alias' }).getAttribute('aria-sort')).toBe('ascending');
    const shown = await aliasesOnScreen(page);
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    expect(shown).toEqual([...shown].sort(collator.compare));
    expect(shown).toHaveLength(10);
    expect(shown[0]).toBe('debian:globalsign_root_ca_-_e46.pem');

    // Narrow the alias column with the mouse: drag its right edge 120 px to the left.
    const before = await headerWidth(page, 'Alias');
    const edge = (await panel(page).locator('.header-alias .column-resizer').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + edge.width / 2 - 60, edge.y + edge.height / 2, { steps: 4 });
    await page.mouse.move(edge.x + edge.width / 2 - 120, edge.y + edge.height / 2, { steps: 4 });
    await page.mouse.up();
    const narrowed = await headerWidth(page, 'Alias');
    expect(Math.abs(narrowed - (before - 120))).toBeLessThanOrEqual(2);
    expect(narrowed).toBeLessThan(200);

    // Each GlobalSign alias is cut in its middle: the start ends in an ellipsis, the end is in view, and the ends differ.
    const cells = panel(page).locator('.grid-canvas [role=row] .alias-text', { hasText: 'globalsign' });
    expect(await cells.count()).toBe(7);
    const seen = await cells.evaluateAll((spans) =>
      spans.map((span) => {
        const head = span.querySelector('.alias-head') as HTMLElement;
        const tail = span.querySelector('.alias-tail') as HTMLElement;
        const cell = span.closest('[role=gridcell]')!.getBoundingClientRect();
        return { title: span.getAttribute('title'), tail: tail.textContent, truncated: head.scrollWidth > head.clientWidth, inView: tail.getBoundingClientRect().right <= cell.right + 0.5 && tail.getBoundingClientRect().width > 0 };
      }),
    );
    expect(seen.every((s) => s.truncated && s.inView)).toBe(true);
    expect(new Set(seen.map((s) => s.tail)).size).toBe(7);
    expect(seen.map((s) => s.title).sort()).toEqual([...GLOBALSIGN].sort());
    await page.mouse.move(0, 0);
    await screenshot(page, `entry-columns-narrow-alias-${scheme}`);
  });

  it('shows the optional columns chosen, with the values openssl reads', async () => {
    await panel(page).getByRole('button', { name: 'Choose columns' }).click();
    const menu = panel(page).getByRole('group', { name: 'Columns shown' });
    expect(await menu.getByRole('checkbox', { name: 'Alias' }).isDisabled()).toBe(true);
    for (const name of ['Serial', 'SKI', 'Subject O', 'Curve']) await menu.getByRole('checkbox', { name, exact: true }).check();
    await menu.getByRole('checkbox', { name: 'Key', exact: true }).uncheck();
    await page.mouse.move(0, 0);
    await screenshot(page, `entry-columns-chooser-${scheme}`);
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    const headers = await panel(page).getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Type', 'Alias', 'Subject', 'Issuer', 'Expires', 'SHA-256', 'Serial', 'SKI', 'Subject O', 'Curve']);
    const pem = pemOf('debian:globalsign_root_ca_-_r3.pem');
    const serial = openssl(['x509', '-in', pem, '-noout', '-serial']).trim().replace(/^serial=/, '').replace(/^(00)+/, '');
    const ski = openssl(['x509', '-in', pem, '-noout', '-ext', 'subjectKeyIdentifier']).split('\n')[1]!.trim();
    const row = panel(page).locator('.grid-canvas [role=row]', { has: page.locator('.alias-text[title="debian:globalsign_root_ca_-_r3.pem"]') });
    const cells = row.getByRole('gridcell');
    expect((await cells.nth(6).textContent())!.replace(/:/g, '')).toBe(serial.toUpperCase());
    expect(await cells.nth(7).getAttribute('title')).toBe(ski.toUpperCase());
    expect(await cells.nth(8).textContent()).toBe('GlobalSign nv-sa');
    expect(await cells.nth(9).textContent()).toBe('P-256');
  });

  it('resizes a column from the keyboard, and keeps the layout across a reload and a new run', async () => {
    const subject = panel(page).getByRole('columnheader', { name: 'Subject', exact: true }).getByRole('button');
    await subject.focus();
    const before = await headerWidth(page, 'Subject');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    const wider = await headerWidth(page, 'Subject');
    expect(Math.abs(wider - (before + 32))).toBeLessThanOrEqual(1);
    // Shift+Arrow resizes; it does not sort.
    expect(await panel(page).getByRole('columnheader', { name: 'Subject', exact: true }).getAttribute('aria-sort')).toBe('none');
    const alias = await headerWidth(page, 'Alias');
    const headers = await panel(page).getByRole('columnheader').allTextContents();

    await page.reload();
    await waitForStore(page);
    await panel(page).getByRole('columnheader', { name: 'Serial' }).waitFor();
    expect(await panel(page).getByRole('columnheader').allTextContents()).toEqual(headers);
    expect(Math.abs((await headerWidth(page, 'Subject')) - wider)).toBeLessThanOrEqual(1);
    expect(Math.abs((await headerWidth(page, 'Alias')) - alias)).toBeLessThanOrEqual(1);

    // A new run of `trustlens web` with the same config folder: the same layout.
    await context.close();
    await app.stop();
    app = await startWebApp([store], { XDG_CONFIG_HOME: config });
    ({ context, page } = await openApp(app, scheme, errors));
    await waitForStore(page);
    await panel(page).getByRole('columnheader', { name: 'Serial' }).waitFor();
    expect(await panel(page).getByRole('columnheader').allTextContents()).toEqual(headers);
    expect(Math.abs((await headerWidth(page, 'Subject')) - wider)).toBeLessThanOrEqual(1);
  });

  it('counts what expires within 30 days and what has expired, and filters to either in one click', async () => {
    const soon = panel(page).getByRole('button', { name: '1 certificate expires within 30 days' });
    const expired = panel(page).getByRole('button', { name: '1 expired' });
    await soon.click();
    expect(await soon.getAttribute('aria-pressed')).toBe('true');
    expect(await aliasesOnScreen(page)).toEqual(['expires-soon']);
    expect(await panel(page).locator('.entry-count').textContent()).toBe('1 of 10');
    await page.mouse.move(0, 0);
    await screenshot(page, `entry-columns-expiring-filter-${scheme}`);
    await expired.click();
    expect(await aliasesOnScreen(page)).toEqual(['ended-2020']);
    await expired.click();
    expect(await aliasesOnScreen(page)).toHaveLength(10);

    // Back to the defaults for the chooser: the layout is the default one again.
    await panel(page).getByRole('button', { name: 'Choose columns' }).click();
    await panel(page).getByRole('button', { name: 'Default columns and widths' }).click();
    expect(await panel(page).getByRole('columnheader').allTextContents()).toEqual(['Type', 'Alias', 'Subject', 'Issuer', 'Expires', 'Key', 'SHA-256']);
    expect(errors).toEqual([]);
  });
});
