// Saving a store that has other names, in Chromium against `trustlens web`: a JKS opened through a
// symbolic link (as Debian's $JAVA_HOME/lib/security/cacerts is) is written through it — the save notice
// says so and names the target, the link stays a link, keytool lists the change in the target; a JKS
// with a second hard link is written in place — the notice says how many names it has, and keytool sees
// the change under the other name. Screenshots of the notices in light and dark.
import { copyFileSync, linkSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { ROOT, openStartScreen, screenshot, openByPath, frontPanel, appPerFile } from './harness';

const STORE = path.join(ROOT, 'test', 'fixtures', 'jks', 'trust-only.jks');

const run = appPerFile('trustlens-save-links-');

const panel = frontPanel;

/** Delete `alias` (typing the store's password), then Ctrl+S; resolves with the save notice. */
async function deleteAndSave(page: Page, alias: string) {
  await panel(page).getByRole('row').filter({ hasText: alias }).click();
  await panel(page).getByRole('heading', { name: alias, level: 2 }).waitFor();
  await panel(page).getByRole('grid').focus();
  await page.keyboard.press('Delete');
  const remove = page.getByRole('dialog');
  await remove.getByLabel(/^Password of/).fill('changeit');
  await remove.getByRole('button', { name: 'Delete' }).click();
  await remove.waitFor({ state: 'detached' });
  await panel(page).getByRole('grid').focus();
  await page.keyboard.press('Control+s');
  await panel(page).locator('.badge-unsaved').waitFor({ state: 'detached' });
  const notice = page.locator('.toast', { hasText: 'Saved ' }).last();
  await notice.waitFor();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(250); // let the toast finish sliding in
  return notice;
}

describe.each(['light', 'dark'] as const)('saving a store with other names, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(run.browser, run.app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('writes through a symbolic link, keeps the link, and the notice says so', async () => {
    const real = path.join(run.work, `system-${scheme}`, 'cacerts');
    mkdirSync(path.dirname(real));
    copyFileSync(STORE, real);
    const link = path.join(run.work, `jdk-${scheme}-cacerts.jks`);
    symlinkSync(real, link);
    expect([...keytoolList(real, 'changeit').keys()]).toContain('root-ca');

    await openByPath(page, link);
    const notice = await deleteAndSave(page, 'root-ca');
    expect(await notice.textContent()).toBe(`Saved ${path.basename(link)} through its symbolic link: ${real} was written and the link kept; the previous version is kept as cacerts.bak.`);
    await screenshot(page, `save-through-symlink-${scheme}`);

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect([...keytoolList(real, 'changeit').keys()]).not.toContain('root-ca');
    expect(errors).toEqual([]);
  });

  it('writes a hard-linked store in place, and the notice says every name sees the change', async () => {
    const first = path.join(run.work, `hard-${scheme}-a.jks`);
    const second = path.join(run.work, `hard-${scheme}-b.jks`);
    copyFileSync(STORE, first);
    linkSync(first, second);

    await openByPath(page, first);
    const notice = await deleteAndSave(page, 'root-ca');
    expect(await notice.textContent()).toBe(`Saved ${path.basename(first)} in place: it has 2 hard links, and all see the change; the previous version is kept as ${path.basename(first)}.bak.`);
    await screenshot(page, `save-hard-links-${scheme}`);

    expect(lstatSync(second).ino).toBe(lstatSync(first).ino);
    expect([...keytoolList(second, 'changeit').keys()]).not.toContain('root-ca');
    expect(errors).toEqual([]);
  });
});
