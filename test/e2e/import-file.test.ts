// Importing certificate files into an open store, in Chromium against `trustlens web`: the Import dialog's
// "A certificate or keystore file" takes a DER root (as a CA mails it) and a PEM bundle at once, lets the
// person leave one certificate out, and the saved JKS is what keytool lists; a PKCS#12 chosen there asks
// for its password in the dialog; a file dropped on the store's table offers to import into that store.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keytoolList } from '../support/peers';
import { chainFile } from '../support/tls-servers';
import { ROOT, dropFiles, launchBrowser, openStartScreen, opensslSha256, screenshot, startWebApp, type WebApp, openByPath } from './harness';

const UNRELATED_STORE = path.join(ROOT, 'test', 'fixtures', 'diagnose', 'store-unrelated.jks');

let app: WebApp;
let browser: Browser;
let work: string;
let rootDer: string;
let bundle: string;
let p12: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-import-file-'));
  rootDer = path.join(work, 'TrustLens Test Root CA.der');
  execFileSync('openssl', ['x509', '-in', chainFile('root'), '-outform', 'der', '-out', rootDer]);
  bundle = path.join(work, 'ca-bundle.pem');
  writeFileSync(bundle, `# from the CA's portal\n${readFileSync(chainFile('int'), 'utf8')}\n${readFileSync(chainFile('other-root'), 'utf8')}`);
  p12 = path.join(work, 'partner.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-nokeys', '-in', chainFile('other-int'), '-out', p12, '-passout', 'pass:partner']);
  [app, browser] = await Promise.all([startWebApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('importing certificate files into an open store, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const storeFile = () => path.join(work, `truststore-${scheme}.jks`);
  const panel = () => page.locator('[role=tabpanel]:not([hidden])');

  beforeAll(async () => {
    copyFileSync(UNRELATED_STORE, storeFile());
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
    await openByPath(page, storeFile());
  });

  afterAll(async () => {
    await context?.close();
  });

  it('imports a DER root and a PEM bundle chosen in the Import dialog, one left out; keytool lists the saved store', async () => {
    await panel().getByRole('button', { name: 'Import…' }).click();
    const source = page.getByRole('dialog');
    await source.getByRole('button', { name: 'A certificate or keystore file' }).click();
    await source.getByLabel('Certificate or keystore files').setInputFiles([rootDer, bundle]);
    await source.locator('.file-source-item', { hasText: 'TrustLens Test Root CA.der' }).getByText('1 certificate').waitFor();
    await source.locator('.file-source-item', { hasText: 'ca-bundle.pem' }).getByText('2 certificates').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `import-files-source-${scheme}`);
    await source.getByRole('button', { name: 'Continue' }).click();

    const plan = page.getByRole('dialog');
    await plan.getByRole('textbox', { name: /^Alias for/ }).first().waitFor();
    expect(await plan.locator('.import-name').allTextContents()).toEqual(['TrustLens Test Root CA', 'TrustLens Test Intermediate CA', 'Unrelated Root CA']);
    // The store was opened without its password: the field that asks for it has the focus, not Cancel.
    await page.waitForFunction(() => document.activeElement?.getAttribute('type') === 'password');
    // The other CA's root is not wanted: its box is cleared, and the count follows.
    await plan.getByRole('checkbox', { name: 'Import Unrelated Root CA' }).uncheck();
    await plan.getByLabel(/^Password of .* \(needed to write it\)/).fill('changeit');
    await page.waitForTimeout(200); // let the dialog finish fading in
    await screenshot(page, `import-files-plan-${scheme}`);
    await plan.getByRole('button', { name: 'Import 2 certificates' }).click();
    await plan.waitFor({ state: 'detached' });

    await page.keyboard.press('Control+s');
    await page.locator('.tab.dirty').waitFor({ state: 'detached' });
    const listed = keytoolList(storeFile(), 'changeit');
    const hashes = [...listed.values()].flatMap((e) => e.sha256);
    expect(hashes).toContain(opensslSha256(chainFile('root')));
    expect(hashes).toContain(opensslSha256(chainFile('int')));
    expect(hashes).not.toContain(opensslSha256(chainFile('other-root')));
    expect(listed.size).toBe(3);
  });

  it('asks for the password of a PKCS#12 chosen there, and says when a file is not one it reads', async () => {
    await panel().getByRole('button', { name: 'Import…' }).click();
    const source = page.getByRole('dialog');
    await source.getByRole('button', { name: 'A certificate or keystore file' }).click();
    const notes = path.join(work, 'notes.txt');
    writeFileSync(notes, 'call the CA on Monday\n');
    await source.getByLabel('Certificate or keystore files').setInputFiles([p12, notes]);
    const failed = source.locator('.file-source-item.failed', { hasText: 'notes.txt' });
    await failed.waitFor();
    expect(await failed.locator('.file-source-status').textContent()).toMatch(/notes\.txt/);
    const password = source.getByLabel('Password of partner.p12');
    await password.fill('wrong');
    await source.getByRole('button', { name: 'Unlock' }).click();
    await source.getByLabel('Password of partner.p12').fill('partner');
    await source.getByRole('button', { name: 'Unlock' }).click();
    await source.locator('.file-source-item', { hasText: 'partner.p12' }).getByText('1 certificate').waitFor();
    await source.getByRole('button', { name: 'Continue' }).click();
    const plan = page.getByRole('dialog');
    await plan.locator('.import-name', { hasText: 'Unrelated Intermediate CA' }).waitFor();
    await plan.getByRole('button', { name: 'Cancel' }).click();
    await plan.waitFor({ state: 'detached' });
  });

  it('offers to import a file dropped on the store’s table into that store', async () => {
    const tabs = await page.getByRole('tab').count();
    await dropFiles(page, '[role=tabpanel]:not([hidden]) .explorer-main', [{ name: 'other-root.pem', bytes: readFileSync(chainFile('other-root')) }]);
    const ask = page.getByRole('dialog');
    await ask.getByRole('button', { name: /^Import into truststore-/ }).click();
    const source = page.getByRole('dialog');
    await source.locator('.file-source-item', { hasText: 'other-root.pem' }).getByText('1 certificate').waitFor();
    await source.getByRole('button', { name: 'Continue' }).click();
    const plan = page.getByRole('dialog');
    await plan.locator('.import-name', { hasText: 'Unrelated Root CA' }).waitFor();
    await plan.getByRole('button', { name: 'Cancel' }).click();
    await plan.waitFor({ state: 'detached' });
    expect(await page.getByRole('tab').count()).toBe(tabs);
    expect(errors).toEqual([]);
  });
});
