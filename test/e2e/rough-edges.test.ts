// Things that wore a first-time user down, in Chromium against `trustlens web`: servers that cannot be
// reached do not pile up as tabs (the tab of a failed probe is taken by the next server connected to), the
// Connect box follows the tab in front, the table's header row is one Tab stop, and
// a run of errors is one stack in the corner, the newest on top, that opens on request and goes at once.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, dropFiles, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let app: WebApp;
let browser: Browser;
/** Ports on 127.0.0.1 where nothing listens: a server is started and closed on each to find them. */
let closedPorts: number[];

async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
  closedPorts = [await closedPort(), await closedPort(), await closedPort()];
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe.each(['light', 'dark'] as const)('rough edges, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('keeps one tab for servers that could not be reached, named after the last one tried', async () => {
    for (const port of closedPorts) {
      await page.keyboard.press('Control+l');
      await page.keyboard.type(`127.0.0.1:${port}`);
      await page.keyboard.press('Enter');
      await page.locator('.probe-view:not([hidden]) .probe-error-title', { hasText: `127.0.0.1:${port}` }).waitFor();
    }
    const tabs = page.getByRole('tab');
    expect(await tabs.count()).toBe(1);
    expect(await tabs.first().textContent()).toContain(`127.0.0.1:${closedPorts[2]}`);
    await page.mouse.move(0, 0);
    await screenshot(page, `failed-probe-one-tab-${scheme}`);
    await page.keyboard.press('Control+w');
    await tabs.first().waitFor({ state: 'detached' });
    // The Connect box follows the tab in front: with none, it is empty again.
    expect(await page.getByLabel('Server to connect to').inputValue()).toBe('');
  });

  it('makes the table one Tab stop with a ring and its header row one more, moved in with the arrow keys', async () => {
    const bundle = readFileSync(path.join(ROOT, 'test', 'fixtures', 'pem', 'chain.pem'));
    await dropFiles(page, 'body', [{ name: 'chain.pem', bytes: bundle }]);
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    const grid = panel.getByRole('grid');
    await grid.waitFor();
    expect(await panel.locator('.header-button[tabindex="0"]').count()).toBe(1);
    await grid.focus();
    expect(await grid.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Alias');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Subject');
    await page.keyboard.press('Enter');
    expect(await panel.getByRole('columnheader', { name: 'Subject' }).getAttribute('aria-sort')).toBe('ascending');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.grid-head'))).toBeNull();

    // The ASN.1 view of the selected certificate: its tree and bytes, the chosen element marked in the hex.
    await panel.locator('.grid-body .grid-row').first().click();
    await panel.getByRole('button', { name: 'ASN.1' }).click();
    const asn1 = page.getByRole('dialog');
    const tree = asn1.getByRole('tree', { name: 'ASN.1 elements' });
    await tree.waitFor();
    await asn1.locator('.asn1-element', { hasText: 'OBJECT IDENTIFIER' }).first().click();
    expect(await asn1.locator('.hex-byte.header').count()).toBe(2);
    await page.waitForTimeout(200);
    await screenshot(page, `asn1-view-${scheme}`);
    await asn1.getByRole('button', { name: 'Close' }).click();
    await asn1.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+w');
    await panel.waitFor({ state: 'detached' });
  });

  it('shows a run of errors as one stack: the newest, how many came before, all of them on request', async () => {
    for (const name of ['first.txt', 'second.txt', 'third.txt']) {
      await dropFiles(page, 'body', [{ name, bytes: new TextEncoder().encode(`${name}: not a certificate\n`) }]);
      await page.getByRole('alert').filter({ hasText: name }).waitFor();
    }
    const alerts = page.getByRole('alert');
    expect(await alerts.count()).toBe(1);
    const newest = alerts.first();
    expect(await newest.textContent()).toContain('third.txt');
    await newest.getByRole('button', { name: '2 earlier errors' }).click();
    expect(await alerts.count()).toBe(3);
    await page.waitForTimeout(250); // let the toasts finish sliding in
    await screenshot(page, `error-stack-${scheme}`);
    await page.getByRole('button', { name: 'Dismiss all' }).click();
    await alerts.first().waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
