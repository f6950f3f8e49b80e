// Copy and paste between two open stores in Chromium against `trustlens web` (KeyStore Explorer's copy
// and paste between keystores): a key entry copied with Ctrl+C in one JKS and pasted from the other's
// context menu (which asks for that store's password: it was opened without it), a second one dragged onto
// the other store's tab, a root the target already holds skipped by fingerprint; then Ctrl+S, and keytool
// lists both keys with the source's chains. A private key moved from a JKS into a JCEKS asks for the
// target's password and then for the key's own; keytool then opens the moved key with the target's
// password. Screenshots of the menu, the password dialogs and the result, light and dark.
import { copyFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keytoolList, run as runPeer } from '../support/peers';
import { ROOT, openStartScreen, screenshot, openByPath, frontPanel, appPerFile } from './harness';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'jks');
const run = appPerFile('trustlens-copy-entries-');

const panel = frontPanel;

async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200); // a dialog's fade-in
}

describe.each(['light', 'dark'] as const)('copy between open stores (%s)', (scheme) => {
  it('copies a key entry with Ctrl+C, pastes it from the context menu, drags another onto a tab; keytool lists them', async () => {
    const source = path.join(run.work, `app-keys-${scheme}.jks`);
    const target = path.join(run.work, `service-trust-${scheme}.jks`);
    copyFileSync(path.join(FIXTURES, 'keys.jks'), source);
    copyFileSync(path.join(FIXTURES, 'trust-only.jks'), target);
    const errors: string[] = [];
    const { context, page } = await openStartScreen(run.browser, run.app, scheme, errors);
    try {
      await openByPath(page, source);
      await openByPath(page, target);
      const sourceTab = page.getByRole('tab', { name: new RegExp(path.basename(source).replace('.', '\\.')) });
      const targetTab = page.getByRole('tab', { name: new RegExp(path.basename(target).replace('.', '\\.')) });

      await sourceTab.click();
      await panel(page).getByRole('row').filter({ hasText: 'server-rsa' }).click();
      await page.keyboard.press('Control+c');
      await page.getByText(`Copied “server-rsa” of ${path.basename(source)}.`).waitFor();

      await targetTab.click();
      const targetRow = panel(page).getByRole('row').filter({ hasText: 'root-ca' });
      await targetRow.click({ button: 'right' });
      const paste = page.getByRole('menu').getByRole('menuitem', { name: `Paste “server-rsa” of ${path.basename(source)}` });
      await paste.waitFor();
      await paste.hover();
      await page.waitForTimeout(150);
      await screenshot(page, `copy-entries-menu-${scheme}`);
      await paste.click();

      // Opened without its password (a JKS lists without one), the target asks for it to be written.
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: `Paste “server-rsa” of ${path.basename(source)} into ${path.basename(target)}?` }).waitFor();
      expect(await dialog.getByLabel(`Password of ${path.basename(target)} (needed to write it)`).evaluate((el) => el === document.activeElement)).toBe(true);
      await dialog.getByLabel(`Password of ${path.basename(target)} (needed to write it)`).fill('wrong-one');
      await dialog.getByRole('button', { name: 'Paste' }).click();
      await dialog.getByRole('alert').filter({ hasText: /password/i }).waitFor();
      await dialog.getByLabel(`Password of ${path.basename(target)} (needed to write it)`).fill('changeit');
      await settle(page);
      await screenshot(page, `copy-entries-password-${scheme}`);
      await dialog.getByRole('button', { name: 'Paste' }).click();
      await dialog.waitFor({ state: 'detached' });
      await panel(page).getByRole('row').filter({ hasText: 'server-rsa' }).waitFor();
      await page.getByText(`Copied “server-rsa”`, { exact: false }).first().waitFor();

      // Drag two rows of the source (a key, and a root the target holds as "größe-wurzel") onto the target's tab.
      await sourceTab.click();
      const ecRow = panel(page).getByRole('row').filter({ hasText: 'server-ec' });
      await ecRow.click();
      // The desktop menu's Edit ▸ Copy runs the browser's copy command, which reaches the table as a copy event.
      expect(await page.evaluate(() => document.execCommand('copy'))).toBe(true);
      await page.getByText(`Copied “server-ec” of ${path.basename(source)}.`).waitFor();
      await panel(page).getByRole('row').filter({ hasText: 'backup-root' }).click({ modifiers: ['Control'] });
      await ecRow.dragTo(targetTab);
      await page.getByText(/Skipped "backup-root": already present as "größe-wurzel"/).waitFor();
      await targetTab.click();
      await panel(page).getByRole('row').filter({ hasText: 'server-ec' }).waitFor();
      await panel(page).getByRole('row').filter({ hasText: 'server-ec' }).click();
      await settle(page);
      await screenshot(page, `copy-entries-pasted-${scheme}`);

      await page.keyboard.press('Control+s');
      await page.getByText(/^Saved /).first().waitFor();
      const theirs = keytoolList(path.join(FIXTURES, 'keys.jks'), 'changeit', 'JKS');
      const ours = keytoolList(target, 'changeit', 'JKS');
      expect(ours.get('server-rsa')).toEqual(theirs.get('server-rsa'));
      expect(ours.get('server-ec')).toEqual(theirs.get('server-ec'));
      expect(ours.get('server-rsa')!.type).toBe('PrivateKeyEntry');
      expect([...ours.keys()].filter((a) => a.startsWith('backup-root'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('moves a private key from a JKS into a JCEKS, asking for the target password and then the key password', async () => {
    const source = path.join(run.work, `own-key-${scheme}.jks`);
    const target = path.join(run.work, `service-${scheme}.jceks`);
    runPeer('keytool', ['-genkeypair', '-keystore', source, '-storetype', 'JKS', '-storepass', 'changeit', '-keypass', 'key-only', '-alias', 'own', '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', 'CN=own.trustlens.test']);
    runPeer('keytool', ['-importcert', '-noprompt', '-keystore', target, '-storetype', 'JCEKS', '-storepass', 'changeit', '-alias', 'root-ca', '-file', path.join(ROOT, 'test', 'fixtures', 'pkcs12', 'add-1.pem')]);
    const errors: string[] = [];
    const { context, page } = await openStartScreen(run.browser, run.app, scheme, errors);
    try {
      await openByPath(page, source);
      await panel(page).getByRole('row').filter({ hasText: 'own' }).click();
      await page.keyboard.press('Control+c');
      await openByPath(page, target);
      await panel(page).getByRole('row').filter({ hasText: 'root-ca' }).click();
      await page.keyboard.press('Control+v');
      const dialog = page.getByRole('dialog');
      const storeField = dialog.getByLabel(`Password of ${path.basename(target)} (needed to write it)`);
      await storeField.fill('changeit');
      await dialog.getByRole('button', { name: 'Paste' }).click();
      // The store is open for writing now; the key has a password of its own, which the dialog asks for next.
      const keyField = dialog.getByLabel(`Key password in ${path.basename(source)}`);
      await keyField.waitFor();
      await dialog.getByText(/own-key-\w+\.jks was opened without its password, so the key of "own" needs its password to move\. It is decrypted here/).waitFor();
      await keyField.fill('not-the-key');
      await dialog.getByRole('button', { name: 'Paste' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'That is not the key’s password; try again.' }).waitFor();
      await keyField.fill('key-only');
      await settle(page);
      await screenshot(page, `copy-entries-key-password-${scheme}`);
      await dialog.getByRole('button', { name: 'Paste' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(/The key of "own" is decrypted and protected in service-\w+\.jceks with its store password/).first().waitFor();
      await page.keyboard.press('Control+s');
      await page.getByText(/^Saved /).first().waitFor();

      const ours = keytoolList(target, 'changeit', 'JCEKS');
      expect(ours.get('own')).toEqual(keytoolList(source, 'changeit', 'JKS').get('own'));
      // keytool opens the moved key with the target's store password (-srckeypass defaults to it).
      const out = path.join(run.work, `moved-${scheme}.p12`);
      const moved = runPeer('keytool', ['-importkeystore', '-noprompt', '-srckeystore', target, '-srcstoretype', 'JCEKS', '-srcstorepass', 'changeit', '-srcalias', 'own', '-destkeystore', out, '-deststoretype', 'PKCS12', '-deststorepass', 'changeit'], { allowFailure: true });
      expect(moved.status, moved.stderr + moved.stdout).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('pastes into a new store from the menu of its empty table', async () => {
    const source = path.join(run.work, `team-trust-${scheme}.jks`);
    copyFileSync(path.join(FIXTURES, 'trust-only.jks'), source);
    const errors: string[] = [];
    const { context, page } = await openStartScreen(run.browser, run.app, scheme, errors);
    try {
      await openByPath(page, source);
      await panel(page).getByRole('row').filter({ hasText: 'legacy-root' }).click();
      await page.keyboard.press('Control+c');
      await page.getByRole('button', { name: 'New trust store…' }).first().click();
      const create = page.getByRole('dialog');
      await create.getByLabel('Store password').fill('new-store-pass');
      await create.getByLabel('Repeat the password').fill('new-store-pass');
      await create.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('tab', { name: /Untitled\.p12/ }).waitFor();
      await panel(page).getByText('This store has no entries.').click({ button: 'right' });
      const menu = page.getByRole('menu');
      expect(await menu.getByRole('menuitem').allTextContents()).toEqual([`Paste “legacy-root” of ${path.basename(source)}Ctrl+V`]);
      await menu.getByRole('menuitem').click();
      await panel(page).getByRole('row').filter({ hasText: 'legacy-root' }).waitFor();
      await panel(page).locator('.badge-unsaved').waitFor();
      await settle(page);
      await screenshot(page, `copy-entries-new-store-${scheme}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
