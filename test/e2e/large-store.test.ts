// Big stores. A bundle with a thousand entries: the table stays virtualized (a screenful of rows in the DOM),
// the keyboard reaches the last row, sorting and filtering work on all of them. (How it feels at
// 10,000 rows is a benchmark's business; decoding that many certificates takes the server a while.)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, dropLargeFiles, launchBrowser, newPage, screenshot, startWebApp, type WebApp } from './harness';

const CHAINS = path.join(ROOT, 'test', 'fixtures', 'chains');
const COPIES = 80;

let app: WebApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('shows a bundle of a thousand certificates in a virtualized, sortable, filterable table', async () => {
  // openssl's certificates from the chain fixtures, repeated: every copy is one more entry.
  const files = readdirSync(CHAINS)
    .filter((name) => name.endsWith('.pem'))
    .sort()
    .map((name) => path.join(CHAINS, name));
  const pems = files.map((file) => readFileSync(file, 'utf8'));
  const total = pems.length * COPIES;
  expect(total).toBeGreaterThanOrEqual(1_000);
  const bundle = new TextEncoder().encode(Array.from({ length: COPIES }, () => pems.join('')).join(''));

  const { context, page } = await newPage(browser, 'light');
  await page.goto(app.url);
  await dropLargeFiles(page, 'body', [{ name: 'big-bundle.pem', bytes: bundle }]);
  const panel = page.locator('[role=tabpanel]:not([hidden])');
  await panel.locator('.entry-count', { hasText: `${total.toLocaleString('en-US')} entries` }).waitFor({ timeout: 60_000 });
  const grid = panel.getByRole('grid');
  expect(await grid.getAttribute('aria-rowcount')).toBe(String(total + 1));
  expect(await panel.locator('.grid-canvas [role=row]').count()).toBeLessThan(80);

  // End selects the last entry and scrolls it into view.
  await grid.focus();
  await page.keyboard.press('End');
  const last = panel.locator(`[role=row][aria-rowindex="${total + 1}"]`);
  await last.waitFor();
  expect(await last.getAttribute('aria-selected')).toBe('true');

  // Sort by expiry, soonest first: the expired certificate's copies lead, in red.
  await panel.getByRole('columnheader', { name: 'Expires' }).locator('button').click();
  await grid.focus();
  await page.keyboard.press('Home');
  const first = panel.locator('[role=row][aria-rowindex="2"]');
  expect(await first.locator('.cell-expires').getAttribute('class')).toContain('expiry-expired');
  expect(await first.locator('.cell-expires').getAttribute('title')).toMatch(/^expired .+ ago$/);

  // Filtering by a word of subjects and issuers keeps the copies of the certificates whose names
  // (as openssl prints them) contain it.
  const names = files.map((file) =>
    execFileSync('openssl', ['x509', '-noout', '-subject', '-issuer', '-nameopt', 'RFC2253', '-in', file], { encoding: 'utf8' }).toLowerCase(),
  );
  const matching = names.filter((text) => text.includes('unrelated')).length * COPIES;
  expect(matching).toBeGreaterThan(0);
  await panel.getByRole('textbox', { name: /Filter entries/ }).fill('Unrelated');
  await panel.locator('.entry-count', { hasText: `${matching.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}` }).waitFor();
  await panel.getByRole('textbox', { name: /Filter entries/ }).fill('');
  await page.mouse.move(0, 0);
  await screenshot(page, 'explorer-large-light');
  await context.close();
});

it('opens the JDK cacerts found on this machine in one click, with every entry keytool lists', async (ctx) => {
  const { context, page } = await newPage(browser, 'light');
  await page.goto(app.url);
  await page.locator('.empty-title').waitFor();
  // The list is filled from api.findSystemTrustStores: wait for it, then look for a Java cacerts.
  await page.locator('.quick-list').first().waitFor({ timeout: 5000 }).catch(() => undefined);
  const cacerts = page.locator('.quick-item', { hasText: 'cacerts' }).first();
  if ((await cacerts.count()) === 0) {
    await context.close();
    ctx.skip();
    return;
  }
  const file = (await cacerts.getAttribute('title'))!;
  await cacerts.click();
  const panel = page.locator('[role=tabpanel]:not([hidden])');
  await panel.locator('.badge-ok', { hasText: 'Integrity verified' }).waitFor({ timeout: 30_000 });
  const listed = execFileSync('keytool', ['-list', '-keystore', file, '-storepass', 'changeit'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const count = Number(/contains (\d+) entr/.exec(listed)![1]);
  await panel.locator('.entry-count', { hasText: `${count.toLocaleString('en-US')} ${count === 1 ? 'entry' : 'entries'}` }).waitFor();
  await context.close();
});
