// The root the server does not send, taken from this machine: `trustlens web` runs with JAVA_HOME naming
// a JDK whose cacerts (made by keytool) holds the test root. A keytool-made store that lacks it is judged
// against a real TLS server on 127.0.0.1 that sends its leaf and intermediate: the verdict names where the
// root is, the one-click import takes it from that cacerts, and after saving keytool lists it, the
// verdict turns, and a real JSSE client trusts the server with the saved store. Likewise an intermediate
// a server leaves out, downloaded from the CA Issuers URL its leaf names (an HTTP server of the test).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, runJavaClient } from '../peers/java-client';
import { keytoolList, run } from '../support/peers';
import { chainFile, startNodeTlsServer, type NodeTlsServer } from '../support/tls-servers';
import { fixtureDerFile, leafWithCaIssuers, startLeafOnlyServer, startPublicationServer, type PublicationServer } from '../support/ca-issuers';
import { ROOT, launchBrowser, openStartScreen, opensslSha256, screenshot, startWebApp, type WebApp, openByPath } from './harness';

const UNRELATED_STORE = path.join(ROOT, 'test', 'fixtures', 'diagnose', 'store-unrelated.jks');

let app: WebApp;
let browser: Browser;
let server: NodeTlsServer;
let javaClasses: string;
let work: string;
let cacerts: string;
let publisher: PublicationServer;
let leafOnly: Awaited<ReturnType<typeof startLeafOnlyServer>>;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-from-machine-'));
  cacerts = path.join(work, 'jdk', 'lib', 'security', 'cacerts');
  mkdirSync(path.dirname(cacerts), { recursive: true });
  run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', cacerts, '-storepass', 'changeit', '-alias', 'testrootca', '-file', chainFile('root')]);
  publisher = await startPublicationServer({ '/pki/issuing-ca.cer': { body: fixtureDerFile('int') } });
  leafOnly = await startLeafOnlyServer(leafWithCaIssuers(`${publisher.origin}/pki/issuing-ca.cer`));
  [app, browser, server, javaClasses] = await Promise.all([
    startWebApp([], { JAVA_HOME: path.join(work, 'jdk') }),
    launchBrowser(),
    startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }),
    compileJavaPeer('JavaTlsClient'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.close(), leafOnly?.close(), publisher?.close()]);
  for (const dir of [work, javaClasses]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Open `storeFile` by path, then connect to `url` (Ctrl+L): a probe tab judged against that store. */
async function openAndConnect(page: Page, storeFile: string, url: string): Promise<void> {
  await openByPath(page, storeFile);
  await page.keyboard.press('Control+l');
  await page.keyboard.type(url);
  await page.keyboard.press('Enter');
}

describe.each(['light', 'dark'] as const)('a root this machine has, in %s mode', (scheme) => {
  it('is named in the verdict and imported from the JDK cacerts in one click', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    const storeFile = path.join(work, `app-${scheme}.jks`);
    copyFileSync(UNRELATED_STORE, storeFile);
    const before = [...keytoolList(storeFile, 'changeit').keys()];
    const name = path.basename(storeFile);
    const endpoint = `localhost:${server.port}`;
    const view = page.locator('.probe-view:not([hidden])');

    await openAndConnect(page, storeFile, `https://${endpoint}`);

    await view.locator('.verdict-untrusted').waitFor();
    const problem = view.locator('.problem').first();
    expect(await problem.locator('.code-badge').textContent()).toBe('UNTRUSTED_ROOT');
    expect(await problem.textContent()).toContain(`Found elsewhere: 'CN=TrustLens Test Root CA,O=TrustLens Test' in JDK cacerts (JAVA_HOME) at ${cacerts}, alias 'testrootca'.`);
    const missing = view.locator('.path-missing');
    expect(await missing.locator('.path-name').textContent()).toBe('TrustLens Test Root CA');
    expect(await missing.locator('.path-source').textContent()).toBe('in JDK cacerts (JAVA_HOME) as “testrootca”');
    expect(await view.locator('.path-note').textContent()).toContain(`TrustLens Test Root CA is in JDK cacerts (JAVA_HOME) (${cacerts}).`);
    await page.mouse.move(0, 0);
    await screenshot(page, `import-from-machine-before-${scheme}`);

    await view.getByRole('button', { name: `Import the missing root from JDK cacerts (JAVA_HOME) into ${name}` }).click();
    const dialog = page.getByRole('dialog');
    const alias = dialog.getByRole('textbox', { name: /^Alias for/ });
    await alias.waitFor();
    // The root alone: the server sends the intermediate, and Java needs only the root to build on.
    expect(await alias.count()).toBe(1);
    expect(await dialog.locator('.import-name').textContent()).toBe('TrustLens Test Root CA');
    await dialog.getByText(`localhost:${server.port} did not send its root; it was taken from JDK cacerts (JAVA_HOME).`).waitFor();
    await dialog.getByLabel(`Password of ${name} (needed to write it)`).fill('changeit');
    await page.waitForTimeout(200);
    await screenshot(page, `import-from-machine-dialog-${scheme}`);
    await dialog.getByRole('button', { name: 'Import 1 certificate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+s');

    const trusted = view.locator('.verdict-trusted .verdict-title', { hasText: new RegExp(`with ${name.replace('.', '\\.')}$`) });
    await trusted.waitFor();
    await page.locator('.tab.dirty').waitFor({ state: 'detached' });
    const aliasOfRoot = [...keytoolList(storeFile, 'changeit')].find(([, entry]) => entry.sha256[0] === opensslSha256(chainFile('root')))?.[0];
    expect(aliasOfRoot).toBeDefined();
    expect([...keytoolList(storeFile, 'changeit').keys()].sort()).toEqual([...before, aliasOfRoot!].sort());
    expect(errors).toEqual([]);
    await context.close();

    const verdicts = await runJavaClient(javaClasses, [
      { id: 'after', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: storeFile, storeType: 'JKS', storePassword: 'changeit' },
    ]);
    expect(verdicts.get('after')).toBe('TRUSTED');
  });
});

describe.each(['light', 'dark'] as const)('an intermediate from its CA Issuers URL, in %s mode', (scheme) => {
  it('is downloaded, named in the verdict, and imported in one click', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    const storeFile = path.join(work, `roots-${scheme}.jks`);
    run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', storeFile, '-storepass', 'changeit', '-alias', 'root', '-file', chainFile('root')]);
    const name = path.basename(storeFile);
    const url = `${publisher.origin}/pki/issuing-ca.cer`;
    const view = page.locator('.probe-view:not([hidden])');

    await openAndConnect(page, storeFile, `https://${leafOnly.target}`);

    await view.locator('.verdict-untrusted').waitFor();
    const problem = view.locator('.problem').first();
    expect(await problem.locator('.code-badge').textContent()).toBe('INCOMPLETE_CHAIN');
    expect(await problem.textContent()).toContain(`Found elsewhere: 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' at ${url} (the CA Issuers URL of the certificate it issued).`);
    // Only the intermediate is missing: the path goes on through it to the root the store holds.
    expect(await problem.textContent()).not.toContain('The root above');
    expect(await view.locator('.path-node .path-name').allTextContents()).toEqual(['localhost', 'TrustLens Test Intermediate CA', 'TrustLens Test Root CA']);
    expect(await view.locator('.path-missing .path-source').allTextContents()).toEqual(['missing · at its CA Issuers URL']);
    expect(await view.locator('.path-node').last().locator('.path-source').textContent()).toBe(`from ${name} as “root”`);
    expect(await view.locator('.path-note').textContent()).toContain(`TrustLens Test Intermediate CA is at ${url}.`);
    await page.mouse.move(0, 0);
    await screenshot(page, `import-downloaded-before-${scheme}`);

    await view.getByRole('button', { name: `Import the missing intermediate from its CA Issuers URL into ${name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /^Alias for/ }).waitFor();
    expect(await dialog.locator('.import-name').allTextContents()).toEqual(['TrustLens Test Intermediate CA']);
    await dialog.getByLabel(`Password of ${name} (needed to write it)`).fill('changeit');
    await dialog.getByRole('button', { name: 'Import 1 certificate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.keyboard.press('Control+s');
    await view.locator('.verdict-trusted .verdict-title', { hasText: new RegExp(`with ${name.replace('.', '\\.')}$`) }).waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, `import-downloaded-after-${scheme}`);
    const listed = [...keytoolList(storeFile, 'changeit').values()].map((entry) => entry.sha256[0]);
    expect(listed).toContain(opensslSha256(chainFile('int')));
    expect(errors).toEqual([]);
    await context.close();

    // The real JSSE client agrees: it trusts the leaf-only server with the saved store.
    const verdicts = await runJavaClient(javaClasses, [
      { id: 'after', host: 'localhost', address: '127.0.0.1', port: leafOnly.port, trustStore: storeFile, storeType: 'JKS', storePassword: 'changeit' },
    ]);
    expect(verdicts.get('after')).toBe('TRUSTED');
  });
});
