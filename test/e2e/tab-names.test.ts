// Many tabs in a narrow window, in Chromium against `trustlens web`: with nine servers open at 1024 px the
// tabs shrink, and each still shows its port in full (the host is what gets cut), so they tell apart.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startNodeTlsServer, type NodeTlsServer } from '../support/tls-servers';
import { launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let app: WebApp;
let browser: Browser;
let servers: NodeTlsServer[];

beforeAll(async () => {
  [app, browser, ...servers] = await Promise.all([startWebApp(), launchBrowser(), ...Array.from({ length: 9 }, () => startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }))]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), ...(servers ?? []).map((s) => s.close())]);
});

it.each(['light', 'dark'] as const)('keeps every port visible in nine narrow tabs (%s)', async (scheme) => {
  const errors: string[] = [];
  const { context, page } = await openStartScreen(browser, app, scheme, errors);
  await page.setViewportSize({ width: 1024, height: 700 });
  for (const server of servers) {
    await page.keyboard.press('Control+l');
    await page.keyboard.type(`localhost:${server.port}`);
    await page.keyboard.press('Enter');
    await page.locator('.probe-view:not([hidden]) .verdict').waitFor();
  }
  const tabs = page.getByRole('tab');
  expect(await tabs.count()).toBe(servers.length);
  const shown = await tabs.evaluateAll((els) =>
    els.map((tab) => {
      const head = tab.querySelector('.tab-title-head') as HTMLElement;
      const tail = tab.querySelector('.tab-title-tail') as HTMLElement;
      return { cut: head.scrollWidth > head.clientWidth, tail: tail.textContent, tailFits: tail.scrollWidth <= tail.clientWidth && tail.getBoundingClientRect().right <= tab.getBoundingClientRect().right };
    }),
  );
  expect(shown.some((t) => t.cut)).toBe(true); // the tabs really are narrow: the host is cut
  expect(shown.map((t) => t.tail)).toEqual(servers.map((s) => `:${s.port}`));
  expect(shown.every((t) => t.tailFits)).toBe(true);
  // Read whole by a screen reader: the tab's name is the endpoint, not its two halves.
  for (const server of servers) expect(await page.getByRole('tab', { name: `localhost:${server.port} TLS`, exact: true }).count()).toBe(1);
  await page.mouse.move(0, 0);
  await screenshot(page, `tab-names-narrow-${scheme}`);
  expect(errors).toEqual([]);
  await context.close();
});
