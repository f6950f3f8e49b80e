// Editing stores in Chromium against `trustlens web`: rename and delete entries of a keytool-made JKS
// (F2, Delete, the password asked because it was opened without one), save, and let keytool list the
// result and the .bak; make a new PKCS#12 store, import a certificate openssl fingerprints, save it to a
// path and let keytool read it; Save As a store with private keys as a PEM bundle (the keys are named as
// left behind, openssl counts the certificates written); choose several rows (Shift/Ctrl+click, Ctrl+A)
// to delete and export them together. Screenshots of the dialogs in light and dark.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { ROOT, openStartScreen, opensslSha256, screenshot, openByPath, frontPanel, appPerFile } from './harness';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'jks');

const run = appPerFile('trustlens-store-edit-');

const panel = frontPanel;

/** Click the row of `alias` (it opens the details) and leave the keyboard on the grid. */
async function selectRow(page: Page, alias: string): Promise<void> {
  await panel(page).getByRole('row').filter({ hasText: alias }).click();
  await panel(page).getByRole('heading', { name: alias, level: 2 }).waitFor();
  await panel(page).getByRole('grid').focus();
}

/** The menu items drawn lit (with a background), by text. */
async function litItems(page: Page): Promise<string[]> {
  return page.getByRole('menu').getByRole('menuitem').evaluateAll((items) => items.filter((item) => getComputedStyle(item).backgroundColor !== 'rgba(0, 0, 0, 0)').map((item) => item.textContent ?? ''));
}

async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200); // the dialog's fade-in
}

describe.each(['light', 'dark'] as const)('editing stores, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const once = scheme === 'light' ? it : it.skip;

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(run.browser, run.app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('renames one alias and deletes another; keytool lists the saved store, and a .bak is kept', async () => {
    const file = path.join(run.work, `trust-only-${scheme}.jks`);
    copyFileSync(path.join(FIXTURES, 'trust-only.jks'), file);
    const before = keytoolList(file, 'changeit');
    expect([...before.keys()]).toContain('legacy-root');
    expect([...before.keys()]).toContain('root-ca');
    // A path that cannot be opened keeps the dialog, with the reason under the field, to correct it.
    await page.getByRole('button', { name: 'Open by path…' }).first().click();
    const opener = page.getByRole('dialog');
    await opener.getByLabel('Path').fill(`${file}.missing`);
    await page.keyboard.press('Enter');
    await opener.getByRole('alert').filter({ hasText: path.basename(`${file}.missing`) }).waitFor();
    await settle(page);
    await screenshot(page, `open-path-error-${scheme}`);
    await page.keyboard.press('Escape');
    await opener.waitFor({ state: 'detached' });
    await openByPath(page, file);

    // F2: the alias prefilled; a JKS listed without its password asks for it to write.
    await selectRow(page, 'legacy-root');
    await page.keyboard.press('F2');
    const rename = page.getByRole('dialog');
    const alias = rename.getByLabel('New alias');
    expect(await alias.inputValue()).toBe('legacy-root');
    await alias.fill('root-ca');
    await rename.getByLabel(/^Password of/).fill('changeit');
    await rename.getByRole('button', { name: 'Rename' }).click();
    // The main process refuses a taken alias; its sentence shows in the dialog.
    await rename.getByRole('alert').filter({ hasText: 'already exists' }).waitFor();
    await settle(page);
    await screenshot(page, `store-edit-rename-${scheme}`);
    await alias.press('End'); // typing clears the refusal
    await alias.pressSequentially('x');
    expect(await rename.getByRole('alert').count()).toBe(0);
    await alias.fill('legacy-renamed');
    await rename.getByLabel(/^Password of/).fill('changeit');
    await page.keyboard.press('Enter');
    await rename.waitFor({ state: 'detached' });
    await panel(page).getByRole('row').filter({ hasText: 'legacy-renamed' }).waitFor();
    await panel(page).locator('.badge-unsaved').waitFor();

    // Delete: the question names the alias; the store now knows its password, so none is asked.
    await selectRow(page, 'root-ca');
    await page.keyboard.press('Delete');
    const remove = page.getByRole('dialog');
    await remove.getByRole('heading', { name: `Delete “root-ca” from ${path.basename(file)}?` }).waitFor();
    expect(await remove.getByLabel(/^Password of/).count()).toBe(0);
    await settle(page);
    await screenshot(page, `store-edit-delete-${scheme}`);
    await remove.getByRole('button', { name: 'Delete' }).click();
    await remove.waitFor({ state: 'detached' });
    await panel(page).getByRole('row').filter({ hasText: 'root-ca' }).waitFor({ state: 'detached' });
    expect(existsSync(`${file}.bak`)).toBe(false);

    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Control+s');
    await panel(page).locator('.badge-unsaved').waitFor({ state: 'detached' });

    const after = keytoolList(file, 'changeit');
    const expected = [...before.keys()].filter((a) => a !== 'root-ca').map((a) => (a === 'legacy-root' ? 'legacy-renamed' : a));
    expect([...after.keys()].sort()).toEqual(expected.sort());
    expect(after.get('legacy-renamed')?.sha256).toEqual(before.get('legacy-root')?.sha256);
    expect([...keytoolList(`${file}.bak`, 'changeit').keys()].sort()).toEqual([...before.keys()].sort());
    expect(errors).toEqual([]);
  });

  it('makes a new PKCS#12 store, imports a certificate and saves it where asked; keytool reads it', async () => {
    const pemFile = path.join(run.work, `extra-${scheme}.pem`);
    writeFileSync(pemFile, execFileSync('openssl', ['x509', '-inform', 'DER', '-in', path.join(FIXTURES, 'extra-1.der')]));
    const target = path.join(run.work, `new-${scheme}.p12`);

    await page.getByRole('button', { name: 'New trust store…' }).first().click();
    const create = page.getByRole('dialog');
    await create.getByRole('radio', { name: /PKCS#12/ }).check();
    await create.getByLabel('Store password').fill('s3cret-pass');
    await create.getByLabel('Repeat the password').fill('s3cret-typo');
    await create.getByRole('button', { name: 'Create' }).click();
    await create.getByRole('alert').filter({ hasText: 'The two passwords differ' }).waitFor();
    await create.getByLabel('Repeat the password').fill('s3cret-pass');
    await settle(page);
    await screenshot(page, `store-edit-new-store-${scheme}`);
    await create.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('tab', { name: /Untitled\.p12/ }).waitFor();
    await panel(page).locator('.badge-unsaved').waitFor();
    // Nothing to take back yet, and nothing to export.
    expect(await panel(page).getByRole('button', { name: 'Undo' }).count()).toBe(0);
    expect(await panel(page).getByRole('button', { name: 'Export…' }).isDisabled()).toBe(true);

    await panel(page).getByRole('button', { name: 'Import…' }).click();
    const source = page.getByRole('dialog');
    await source.getByRole('button', { name: 'Pasted PEM' }).click();
    // Text that holds no certificate: the reason, and Back to the text to correct it.
    await source.getByLabel(/^Certificates/).fill('-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----');
    await source.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Back' }).click();
    expect(await source.getByLabel(/^Certificates/).inputValue()).toContain('not base64');
    await source.getByLabel(/^Certificates/).fill(execFileSync('openssl', ['x509', '-in', pemFile], { encoding: 'utf8' }));
    await source.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Import 1 certificate' }).click();
    await panel(page).getByRole('row').nth(1).waitFor();
    await panel(page).getByRole('button', { name: 'Undo' }).waitFor();
    expect(await panel(page).getByRole('button', { name: 'Export…' }).isEnabled()).toBe(true);

    // The first save of a new store asks where it goes (browser mode: a path on the server, or a download).
    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Control+s');
    const save = page.getByRole('dialog');
    await save.getByLabel('Path on the machine running TrustLens').fill(target);
    await settle(page);
    await screenshot(page, `store-edit-save-new-${scheme}`);
    await save.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('tab', { name: new RegExp(path.basename(target).replace('.', '\\.')) }).waitFor();
    await panel(page).locator('.badge-unsaved').waitFor({ state: 'detached' });

    const saved = keytoolList(target, 's3cret-pass', 'PKCS12');
    expect(saved.size).toBe(1);
    expect([...saved.values()][0]!.sha256).toEqual([opensslSha256(pemFile)]);
    expect(errors).toEqual([]);
  });

  it('chooses rows with Shift+click and Ctrl+click, deletes them together, and exports what Ctrl+A chose', async () => {
    const file = path.join(run.work, `several-${scheme}.jks`);
    copyFileSync(path.join(FIXTURES, 'keys.jks'), file);
    const before = [...keytoolList(file, 'changeit').keys()];
    expect(before.length).toBeGreaterThan(4);
    await openByPath(page, file);
    // Sorted by alias from the start.
    expect(await panel(page).getByRole('columnheader', { name: 'Alias' }).getAttribute('aria-sort')).toBe('ascending');
    const rows = panel(page).locator('.grid-canvas [role=row]');
    const aliases = await rows.locator('.cell-alias .alias-text').allTextContents();
    const chosenOnScreen = async () => (await panel(page).locator('.grid-canvas [role=row][aria-selected=true] .cell-alias .alias-text').allTextContents()).sort();

    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    expect(await chosenOnScreen()).toEqual(aliases.slice(0, 3).sort());
    await rows.nth(1).click({ modifiers: ['Control'] });
    const doomed = [aliases[0]!, aliases[2]!];
    expect(await chosenOnScreen()).toEqual([...doomed].sort());
    await panel(page).locator('.entry-count').filter({ hasText: `2 selected · ${before.length} entries` }).waitFor();
    // The details pane speaks of both: how many, the first to expire, their aliases.
    const pane = panel(page).getByRole('complementary', { name: '2 entries chosen' });
    await pane.waitFor();
    expect((await pane.locator('.selection-alias').allTextContents()).sort()).toEqual([...doomed].sort());
    await pane.locator('.selection-expiry').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `store-edit-several-${scheme}`);

    await panel(page).getByRole('button', { name: 'Delete 2…' }).click();
    const remove = page.getByRole('dialog');
    await remove.getByRole('heading', { name: `Delete “${doomed[0]}”, “${doomed[1]}” from ${path.basename(file)}?` }).waitFor();
    await page.keyboard.press('Escape');
    await remove.waitFor({ state: 'detached' });
    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Delete');
    await remove.getByRole('heading', { name: `Delete “${doomed[0]}”, “${doomed[1]}” from ${path.basename(file)}?` }).waitFor();
    await remove.getByLabel(/^Password of/).fill('changeit');
    await remove.getByRole('button', { name: 'Delete' }).click();
    await remove.waitFor({ state: 'detached' });
    await panel(page).locator('.entry-count').filter({ hasText: `${before.length - 2} entries` }).waitFor();
    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Control+s');
    await panel(page).locator('.badge-unsaved').waitFor({ state: 'detached' });
    expect([...keytoolList(file, 'changeit').keys()].sort()).toEqual(before.filter((a) => !doomed.includes(a)).sort());

    // Ctrl+A chooses every row shown; Export offers (and picks) just those.
    await page.keyboard.press('Control+a');
    await panel(page).locator('.entry-count').filter({ hasText: `${before.length - 2} selected` }).waitFor();
    await panel(page).getByRole('button', { name: 'Export…' }).click();
    const exporter = page.getByRole('dialog');
    expect(await exporter.getByRole('radio', { name: `Only ${before.length - 2} selected entries` }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await exporter.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('has a context menu on rows: copy the fingerprint keytool prints, rename from the keyboard, act on the chosen rows', async () => {
    const file = path.join(run.work, `menu-${scheme}.jks`);
    copyFileSync(path.join(FIXTURES, 'trust-only.jks'), file);
    const listed = keytoolList(file, 'changeit');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: run.app.origin });
    await openByPath(page, file);
    const alias = [...listed.keys()].find((a) => a === 'root-ca')!;
    const row = panel(page).getByRole('row').filter({ hasText: alias });

    await row.click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Show detailsEnter', 'Copy alias', 'Copy SHA-256 fingerprint', 'Copy entryCtrl+C', 'PasteCtrl+V', 'Export…', 'Rename…F2', 'Delete…Del']);
    await menu.getByRole('menuitem', { name: /Show details/ }).hover();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    // One item is lit, the one the keyboard is on, though the pointer rests on another.
    expect(await litItems(page)).toEqual(['Copy SHA-256 fingerprint']);
    await settle(page);
    await screenshot(page, `store-edit-context-menu-${scheme}`);
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached' });
    await page.getByText(`Copied the SHA-256 fingerprint of “${alias}”.`).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(listed.get(alias)!.sha256[0]);

    // Shift+F10 opens it on the row the keyboard is on; Rename… from there opens the rename dialog.
    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Shift+F10');
    await menu.getByRole('menuitem', { name: /Rename/ }).waitFor();
    // The pointer moving onto an item moves the keyboard there too: still one item lit.
    await menu.getByRole('menuitem', { name: 'Copy alias' }).hover();
    await menu.getByRole('menuitem', { name: /Rename/ }).hover();
    expect(await litItems(page)).toEqual(['Rename…F2']);
    await menu.getByRole('menuitem', { name: /Rename/ }).click();
    const rename = page.getByRole('dialog');
    expect(await rename.getByLabel('New alias').inputValue()).toBe(alias);
    await page.keyboard.press('Escape');
    await rename.waitFor({ state: 'detached' });

    // With two rows chosen the menu acts on both and cannot rename; Escape closes it and changes nothing.
    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Control+a');
    const rows = await panel(page).locator('.grid-canvas [role=row]').count();
    await row.click({ button: 'right' });
    await menu.getByRole('menuitem', { name: `Delete ${rows} entries…` }).waitFor();
    expect(await menu.getByRole('menuitem', { name: /Rename/ }).getAttribute('aria-disabled')).toBe('true');
    expect(await menu.getByRole('menuitem', { name: /^Copy (alias|SHA)/ }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: `Copy ${rows} entries` }).waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await panel(page).locator('.entry-count').filter({ hasText: `${rows} selected` }).waitFor();
    // The keyboard is back on the table the menu was opened from.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');

    // A row the filter hides is not acted on: Delete with only hidden rows chosen asks nothing.
    await row.click();
    await panel(page).getByRole('heading', { name: alias, level: 2 }).waitFor();
    await panel(page).getByLabel(/^Filter entries/).fill('no-such-entry');
    await panel(page).getByText('No entries match “no-such-entry”.').waitFor();
    await panel(page).getByRole('heading', { name: alias, level: 2 }).waitFor({ state: 'detached' });
    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Delete');
    await page.waitForTimeout(100);
    expect(await page.getByRole('dialog').count()).toBe(0);
    await panel(page).getByLabel(/^Filter entries/).fill('');
    expect(errors).toEqual([]);
  });

  once('Save As a PEM bundle names the private keys it leaves behind; openssl reads the certificates', async () => {
    const file = path.join(run.work, `keys-${scheme}.jks`);
    copyFileSync(path.join(FIXTURES, 'keys.jks'), file);
    const listed = keytoolList(file, 'changeit');
    const trusted = [...listed.values()].filter((e) => e.type === 'trustedCertEntry');
    const keys = listed.size - trusted.length;
    expect(keys).toBeGreaterThan(0);
    const target = path.join(run.work, `keys-${scheme}.pem`);
    await openByPath(page, file);

    await panel(page).getByRole('grid').focus();
    await page.keyboard.press('Control+Shift+S');
    const save = page.getByRole('dialog');
    await save.getByRole('radio', { name: /PEM bundle/ }).check();
    await save.getByRole('note').filter({ hasText: `${keys} private keys will not be carried over` }).waitFor();
    await save.getByLabel('Path on the machine running TrustLens').fill(target);
    await settle(page);
    await screenshot(page, `store-edit-save-as-${scheme}`);
    await save.getByRole('button', { name: 'Save' }).click();
    await save.getByText(new RegExp(`^Wrote .*${keys} private keys \\(“server-\\w+”, “server-\\w+”\\) were not carried over: only trusted certificates can be written to a PEM bundle\\.$`)).waitFor();
    await save.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('tab', { name: new RegExp(path.basename(target).replace('.', '\\.')) }).waitFor();

    const printed = execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', target], { encoding: 'utf8' });
    const certs = execFileSync('openssl', ['pkcs7', '-print_certs', '-noout'], { input: printed, encoding: 'utf8' });
    expect(certs.match(/^subject=/gm)?.length).toBe(trusted.length);
    expect(errors).toEqual([]);
  });
});
