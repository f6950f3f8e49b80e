// The one-click fix in Chromium against `trustlens web`: open a keytool-made JKS by path that lacks the
// server's CA, probe a real TLS server on 127.0.0.1 (NOT trusted), import what is missing, save, and see
// the verdict turn. The saved file is checked by keytool (the new alias, the SHA-256 openssl prints for
// the intermediate, a .bak of the original) and by a real JSSE client (fails with the backup, trusts the
// saved store). Also: the file changed on disk (asks before overwriting), and closing a store with
// unsaved changes (asks first; Undo takes the change back).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, runJavaClient } from '../peers/java-client';
import { keytoolList } from '../support/peers';
import { chainFile, startNodeTlsServer, type NodeTlsServer } from '../support/tls-servers';
import { ROOT, dropFiles, launchBrowser, openStartScreen, opensslSha256, screenshot, startWebApp, type WebApp, openByPath } from './harness';

const UNRELATED_STORE = path.join(ROOT, 'test', 'fixtures', 'diagnose', 'store-unrelated.jks');

let app: WebApp;
let browser: Browser;
let server: NodeTlsServer;
let javaClasses: string;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-import-flow-'));
  [app, browser, server, javaClasses] = await Promise.all([
    startWebApp(),
    launchBrowser(),
    // The server sends its leaf and intermediate, not its root: the usual shape.
    startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }),
    compileJavaPeer('JavaTlsClient'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.close()]);
  for (const dir of [work, javaClasses]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('importing what a server needs, in %s mode', (scheme) => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const once = scheme === 'light' ? it : it.skip;
  const storeFile = () => path.join(work, `store-${scheme}.jks`);
  const endpoint = () => `localhost:${server.port}`;
  const view = () => page.locator('.probe-view:not([hidden])');
  let originalAliases: string[];

  /** Import… on `panel`, then paste the test root's PEM as the source and go on to the import plan. */
  async function pasteRootIntoImport(panel: Locator): Promise<void> {
    await panel.getByRole('button', { name: 'Import…' }).click();
    const source = page.getByRole('dialog');
    await source.getByRole('button', { name: 'Pasted PEM' }).click();
    await source.getByLabel(/^Certificates/).fill(readFileSync(chainFile('root'), 'utf8'));
    await source.getByRole('button', { name: 'Continue' }).click();
  }

  beforeAll(async () => {
    copyFileSync(UNRELATED_STORE, storeFile());
    originalAliases = [...keytoolList(storeFile(), 'changeit').keys()];
    ({ context, page } = await openStartScreen(browser, app, scheme, errors));
  });

  afterAll(async () => {
    await context?.close();
  });

  it('turns a NOT trusted verdict into a trusted one: import, save, diagnose again', async () => {
    const name = path.basename(storeFile());
    await openByPath(page, storeFile());
    if (scheme === 'light') {
      // With its password, so its integrity is checked (and the import needs no password later). The
      // tab keeps what the person set up in it: the filter stays.
      const filter = page.locator('[role=tabpanel]:not([hidden])').getByLabel(/^Filter entries/);
      await filter.fill('root');
      await page.getByRole('button', { name: 'Enter the password to verify integrity' }).click();
      await page.getByRole('dialog').getByLabel('Password', { exact: true }).fill('changeit');
      await page.keyboard.press('Enter');
      await page.locator('[role=tabpanel]:not([hidden]) .badge-ok').waitFor();
      expect(await filter.inputValue()).toBe('root');
      await filter.fill('');
    }

    // Ctrl+L, type the server, Enter: a probe tab compared with the store in front.
    await page.keyboard.press('Control+l');
    await page.keyboard.type(`https://localhost:${server.port}`);
    await page.keyboard.press('Enter');
    const untrusted = view().locator('.verdict-untrusted');
    await untrusted.waitFor();
    expect(await untrusted.locator('.verdict-title').textContent()).toBe(`A Java client would NOT trust ${endpoint()} with ${name}`);
    expect(await view().locator('.problem').first().locator('.code-badge').textContent()).toBe('UNTRUSTED_ROOT');
    expect(await view().locator('.sent-card .holding').allTextContents()).toEqual(['Not in store', 'Not in store']);
    await page.mouse.move(0, 0);
    await screenshot(page, `import-before-${scheme}`);

    await view().getByRole('button', { name: `Import the intermediate the server sent into ${name}, as Java’s trust anchor` }).click();
    const dialog = page.getByRole('dialog');
    const alias = dialog.getByRole('textbox', { name: /^Alias for/ });
    await alias.waitFor();
    expect(await alias.count()).toBe(1); // the intermediate: the server did not send its root
    expect(await dialog.locator('.import-name').textContent()).toBe('TrustLens Test Intermediate CA');
    await alias.fill('lb-intermediate');
    if (scheme === 'dark') await dialog.getByLabel(`Password of ${name} (needed to write it)`).fill('changeit');
    await page.waitForTimeout(200); // let the dialog finish fading in
    await screenshot(page, `import-dialog-${scheme}`);
    await dialog.getByRole('button', { name: 'Import 1 certificate' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Not written yet: the store tab has its dot, the probe view offers Save, the card shows the new alias.
    await page.locator('.tab.dirty', { hasText: name }).waitFor();
    await view().locator('.callout-unsaved').waitFor();
    await view().locator('.holding-found', { hasText: 'lb-intermediate' }).waitFor();
    expect(existsSync(`${storeFile()}.bak`)).toBe(false);
    // Judged again against the store as edited, and said so: the file does not trust the server yet.
    const edited = view().locator('.verdict-trusted .verdict-title');
    await edited.waitFor();
    expect(await edited.textContent()).toBe(`A Java client would trust ${endpoint()} with ${name} as edited, not saved yet`);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(250);
    await screenshot(page, `import-edited-${scheme}`);

    if (scheme === 'light') {
      // Someone changes the file meanwhile (keytool adds an entry): saving asks before overwriting it.
      execFileSync('keytool', ['-importcert', '-noprompt', '-keystore', storeFile(), '-storepass', 'changeit', '-alias', 'added-elsewhere', '-file', chainFile('other-root')], { stdio: 'pipe' });
      await view().getByRole('button', { name: `Save ${name}` }).click();
      const confirm = page.getByRole('dialog');
      await confirm.getByText('The file changed on disk since you opened it. Overwrite?').waitFor();
      await page.waitForTimeout(200);
      await screenshot(page, `import-changed-on-disk-${scheme}`);
      await confirm.getByRole('button', { name: 'Overwrite' }).click();
    } else {
      await page.keyboard.press('Control+s');
    }

    // Saved, diagnosed again: trusted, with the file as it is now.
    const trusted = view().locator('.verdict-trusted');
    await trusted.locator('.verdict-title', { hasText: new RegExp(`with ${name.replace('.', '\\.')}$`) }).waitFor();
    expect(await trusted.locator('.verdict-title').textContent()).toBe(`A Java client would trust ${endpoint()} with ${name}`);
    await page.locator('.tab.dirty').waitFor({ state: 'detached' });
    await page.mouse.move(0, 0);
    await page.waitForTimeout(250); // let the re-run's fade settle
    await screenshot(page, `import-after-${scheme}`);

    // keytool: the intermediate openssl fingerprints, under the alias given, beside what was there.
    const saved = keytoolList(storeFile(), 'changeit');
    expect(saved.get('lb-intermediate')?.sha256).toEqual([opensslSha256(chainFile('int'))]);
    expect([...saved.keys()].sort()).toEqual([...originalAliases, 'lb-intermediate'].sort());
    const backup = keytoolList(`${storeFile()}.bak`, 'changeit');
    expect([...backup.keys()].sort()).toEqual(scheme === 'light' ? [...originalAliases, 'added-elsewhere'].sort() : [...originalAliases].sort());

    // A real JSSE client agrees: it rejects the server with the backup, and trusts it with the saved store.
    const verdicts = await runJavaClient(javaClasses, [
      { id: 'before', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: `${storeFile()}.bak`, storeType: 'JKS', storePassword: 'changeit' },
      { id: 'after', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: storeFile(), storeType: 'JKS', storePassword: 'changeit' },
    ]);
    expect(verdicts.get('before')).toMatch(/PKIX path building failed|unable to find valid certification path/);
    expect(verdicts.get('after')).toBe('TRUSTED');
  });

  once('asks before closing a store with unsaved changes, and Undo takes the change back', async () => {
    const name = path.basename(storeFile());
    await page.getByRole('tab', { name: new RegExp(name) }).click();
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    await pasteRootIntoImport(panel);
    await page.getByRole('dialog').getByRole('button', { name: 'Import 1 certificate' }).click();
    await panel.locator('.badge-unsaved').waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `import-store-unsaved-${scheme}`);

    await panel.getByRole('grid').focus();
    await page.keyboard.press('Control+w');
    const ask = page.getByRole('dialog');
    await ask.getByRole('heading', { name: `Save the changes to ${name}?` }).waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.getByRole('tab', { name: new RegExp(name) }).count()).toBe(1);

    await panel.getByRole('button', { name: 'Undo' }).click();
    await panel.locator('.badge-unsaved').waitFor({ state: 'detached' });
    await panel.getByRole('grid').focus();
    await page.keyboard.press('Control+w');
    await page.getByRole('tab', { name: new RegExp(name) }).waitFor({ state: 'detached' });
    // Nothing was written: keytool lists what the save above wrote.
    expect([...keytoolList(storeFile(), 'changeit').keys()].sort()).toEqual([...originalAliases, 'lb-intermediate'].sort());
  });

  once('downloads the saved store when it was dropped into the page (it has no file on the server)', async () => {
    const dropped = path.join(work, 'dropped.jks');
    copyFileSync(UNRELATED_STORE, dropped);
    await dropFiles(page, 'body', [{ name: 'dropped.jks', bytes: readFileSync(dropped) }]);
    await page.getByRole('tab', { name: /dropped\.jks/ }).waitFor();
    const panel = page.locator('[role=tabpanel]:not([hidden])');
    await pasteRootIntoImport(panel);
    const plan = page.getByRole('dialog');
    // Opened without its password (a JKS lists without one), so writing it asks for it.
    await plan.getByRole('textbox', { name: /^Alias for/ }).fill('dropped-root');
    await plan.getByLabel('Password of dropped.jks (needed to write it)').fill('changeit');
    await plan.getByRole('button', { name: 'Import 1 certificate' }).click();
    await panel.locator('.badge-unsaved').waitFor();

    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Save', exact: true }).click();
    const file = path.join(work, 'dropped-saved.jks');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('dropped.jks');
    await saved.saveAs(file);
    await panel.locator('.badge-unsaved').waitFor({ state: 'detached' });
    const listed = keytoolList(file, 'changeit');
    expect(listed.get('dropped-root')?.sha256).toEqual([opensslSha256(chainFile('root'))]);
    expect([...listed.keys()].sort()).toEqual([...originalAliases, 'dropped-root'].sort());
  });

  it('logged no errors to the console along the way', () => {
    expect(errors).toEqual([]);
  });
});
