// A Bouncy Castle BKS store in Chromium against `trustlens web`: open a BKS that Bouncy Castle wrote (listed
// without its password, as Bouncy Castle lists it), import a pasted chain (intermediate and root), give the
// password to write, save; Bouncy Castle then reads the saved file with every old entry, the two new ones,
// and the private and secret keys still decrypting. Screenshots of the store and the import plan, light and dark.
import { copyFileSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bcList } from '../peers/bc-keystore';
import { BKS_DIR, BKS_PASSWORD, bcListing, bksExpected } from '../shared/formats/bks/bks-fixtures';
import { openStartScreen, screenshot, appPerFile, openByPath } from './harness';

const run = appPerFile('trustlens-bks-e2e-');


describe.each(['light', 'dark'] as const)('a BKS store, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    ({ context, page } = await openStartScreen(run.browser, run.app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('opens, imports a chain, saves; Bouncy Castle reads the result with its keys intact', async () => {
    const file = path.join(run.work, `android-${scheme}.bks`);
    const name = path.basename(file);
    copyFileSync(path.join(BKS_DIR, 'keys-v2.bks'), file);
    await openByPath(page, file);
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    for (const alias of ['root-ca', 'other-root', 'server', 'session-aes', 'opaque-blob']) await panel.getByRole('row').filter({ hasText: alias }).waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `bks-store-${scheme}`);

    await panel.getByRole('button', { name: 'Import…' }).click();
    const source = page.getByRole('dialog');
    await source.getByRole('button', { name: 'Pasted PEM' }).click();
    await source.getByLabel(/^Certificates/).fill(readFileSync(path.join(BKS_DIR, 'chain.pem'), 'utf8'));
    await source.getByRole('button', { name: 'Continue' }).click();
    const plan = page.getByRole('dialog');
    const aliases = plan.getByRole('textbox', { name: /^Alias for/ });
    await aliases.first().waitFor();
    expect(await aliases.count()).toBe(2);
    await aliases.first().fill('Import Intermediate');
    // Listed without its password, as Bouncy Castle does: writing it (a new MAC) needs the password.
    await plan.getByLabel(`Password of ${name} (needed to write it)`).fill(BKS_PASSWORD);
    await page.waitForTimeout(200); // the dialog's fade-in
    await screenshot(page, `bks-import-plan-${scheme}`);
    await plan.getByRole('button', { name: 'Import 2 certificates' }).click();
    await plan.waitFor({ state: 'detached' });
    await panel.locator('.badge-unsaved').waitFor();
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    await panel.locator('.badge-unsaved').waitFor({ state: 'detached' });

    const saved = (await bcList(BKS_PASSWORD, [{ type: 'BKS', file }]))[file]!;
    expect(saved.error).toBeUndefined();
    const want = bcListing(bksExpected.stores['keys-v2.bks']!.entries!);
    const [intermediate, root] = bksExpected.certificates['chain.pem'];
    const got = bcListing(saved.entries!);
    expect(got['Import Intermediate']).toEqual({ type: 'trustedCertEntry', sha256: [intermediate] });
    const rootAlias = Object.keys(got).find((alias) => got[alias]!.sha256[0] === root)!;
    expect(rootAlias).toBeDefined();
    expect(got).toEqual({ ...want, 'Import Intermediate': got['Import Intermediate'], [rootAlias]: { type: 'trustedCertEntry', sha256: [root] } });
    const keys = Object.fromEntries(saved.entries!.map((e) => [e.alias, e.key]));
    expect([keys['server'], keys['session-aes']]).toEqual(['private EC usable', 'secret AES 128']);
    expect(readFileSync(`${file}.bak`)).toEqual(readFileSync(path.join(BKS_DIR, 'keys-v2.bks')));
  });

  it('logged no errors to the console along the way', () => {
    expect(errors).toEqual([]);
  });
});
