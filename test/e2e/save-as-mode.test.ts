// Save As in Chromium against `trustlens web`: the new file keeps the source store's mode (0640 here, which
// the umask alone would never give) so the service account that read the original can read the copy, and
// keytool lists it with the same certificates. Screenshots of the dialog in light and dark.
import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { chainFile } from '../support/tls-servers';
import { openStartScreen, screenshot, appPerFile } from './harness';

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
});
