// Save As in Chromium against `trustlens web`: the new file keeps the source store's mode (0640 here, which
// the umask alone would never give) so the service account that read the original can read the copy, and
// keytool lists it with the same certificates. A JKS with private keys saved as PKCS#12 moves the keys,
// protected with the new password: keytool lists them with their chains and OpenSSL decrypts them.
// Screenshots of the dialog in light and dark.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { chainFile } from '../support/tls-servers';
import { ROOT, openStartScreen, screenshot, appPerFile, openByPath, frontPanel } from './harness';

const run = appPerFile('trustlens-save-as-mode-');

describe.each(['light', 'dark'] as const)('Save As (%s)', (scheme) => {
  it('keeps the source store’s mode; keytool lists the copy', async () => {
    const source = path.join(run.work, `service-trust-${scheme}.jks`);
    execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', source, '-storepass', 'changeit', '-alias', 'team-root', '-file', chainFile('root')], { stdio: 'pipe' });
    chmodSync(source, 0o640);
    const target = path.join(run.work, `service-trust-copy-${scheme}.jks`);
    const errors: string[] = [];
    const { context, page } = await openStartScreen(run.browser, run.app, scheme, errors);
    try {
      await page.getByRole('button', { name: 'Open by path…' }).first().click();
      await page.getByRole('dialog').getByLabel('Path').fill(source);
      await page.keyboard.press('Enter');
      const panel = page.locator('[role=tabpanel]:not([hidden])');
      await panel.getByRole('row').filter({ hasText: 'team-root' }).waitFor();
      await panel.getByRole('button', { name: 'Save as…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Path on the machine running TrustLens').fill(target);
      // Opened without its password (a JKS lists without one), the copy needs one to be sealed with.
      await dialog.getByLabel('Store password').fill('changeit');
      await dialog.getByLabel('Repeat the password').fill('changeit');
      await page.mouse.move(0, 0);
      await page.waitForTimeout(200); // the dialog's fade-in
      await screenshot(page, `save-as-mode-${scheme}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('tab', { name: new RegExp(path.basename(target).replace('.', '\\.')) }).waitFor();
      expect((statSync(target).mode & 0o777).toString(8)).toBe('640');
      expect([...keytoolList(target, 'changeit', 'JKS').keys()]).toEqual(['team-root']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('moves the private keys of a JKS into a PKCS#12 under its new password; keytool and OpenSSL read them', async () => {
    const source = path.join(run.work, `app-keys-${scheme}.jks`);
    copyFileSync(path.join(ROOT, 'test', 'fixtures', 'jks', 'keys.jks'), source);
    const target = path.join(run.work, `app-keys-${scheme}.p12`);
    const errors: string[] = [];
    const { context, page } = await openStartScreen(run.browser, run.app, scheme, errors);
    try {
      await openByPath(page, source);
      await frontPanel(page).getByRole('button', { name: 'Enter the password to verify integrity' }).click();
      await page.getByRole('dialog').getByLabel('Password', { exact: true }).fill('changeit');
      await page.keyboard.press('Enter');
      await frontPanel(page).locator('.badge-ok').waitFor();
      await frontPanel(page).getByRole('button', { name: 'Save as…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('radio', { name: /PKCS#12/ }).check();
      await dialog.getByRole('note').filter({ hasText: "2 private keys will be decrypted and protected with the new store's password" }).waitFor();
      await dialog.getByLabel('Path on the machine running TrustLens').fill(target);
      await dialog.getByLabel('New password (optional)').fill('new-p12-pass');
      await dialog.getByLabel('Repeat the password').fill('new-p12-pass');
      await page.mouse.move(0, 0);
      await page.waitForTimeout(200);
      await screenshot(page, `save-as-keys-${scheme}`);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('tab', { name: new RegExp(path.basename(target).replace('.', '\\.')) }).waitFor();
      expect(keytoolList(target, 'new-p12-pass', 'PKCS12')).toEqual(keytoolList(source, 'changeit', 'JKS'));
      const keys = execFileSync('openssl', ['pkcs12', '-in', target, '-nocerts', '-nodes', '-passin', 'pass:new-p12-pass'], { encoding: 'utf8' });
      expect(keys.match(/BEGIN PRIVATE KEY/g)).toHaveLength(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
