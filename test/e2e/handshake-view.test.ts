// The handshake and the JDK in the probe view, in Chromium against `trustlens web`: a server that offers
// only TLS_RSA suites, judged with a keytool-made store that holds its root. With the JDK on the PATH
// (JDK 17) the verdict is green; choosing this machine's JDK 25 in the JDK picker (TLS_RSA_* is in its
// jdk.tls.disabledAlgorithms) turns it to "would NOT connect" with NO_COMMON_CIPHER first, naming that
// JDK, as the real JDK 25 client fails. A TLS 1.0-only server is trusted but does not connect for JDK 17.
// Screenshots in light and dark.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, runJavaClient } from '../peers/java-client';
import { run } from '../support/peers';
import { chainFile, startNodeTlsServer, startOpensslServer, type RunningServer } from '../support/tls-servers';
import { launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp, openByPath } from './harness';

const JDK25 = '/usr/lib/jvm/temurin-25-jdk-amd64';

let app: WebApp;
let browser: Browser;
let rsaOnly: RunningServer;
let tls10: RunningServer;
let work: string;
let storeFile: string;
let javaClasses: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-handshake-view-'));
  storeFile = path.join(work, 'team.jks');
  run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', storeFile, '-storepass', 'changeit', '-alias', 'team-root', '-file', chainFile('root')]);
  [app, browser, rsaOnly, tls10, javaClasses] = await Promise.all([
    startWebApp(),
    launchBrowser(),
    startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' }),
    startOpensslServer({ chain: ['leaf-rsa', 'int'], minVersion: 'TLSv1', maxVersion: 'TLSv1' }),
    compileJavaPeer('JavaTlsClient'),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), rsaOnly?.close(), tls10?.close()]);
  for (const dir of [work, javaClasses]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openAndConnect(page: Page, url: string): Promise<void> {
  await openByPath(page, storeFile);
  await page.keyboard.press('Control+l');
  await page.keyboard.type(url);
  await page.keyboard.press('Enter');
}

describe.each(['light', 'dark'] as const)('the JDK picker, in %s mode', (scheme) => {
  it.runIf(existsSync(JDK25))('lists this machine’s JDKs, and the verdict follows the one chosen', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    const view = page.locator('.probe-view:not([hidden])');
    await openAndConnect(page, `https://localhost:${rsaOnly.port}`);
    await view.locator('.verdict-trusted').waitFor();
    expect(await view.locator('.verdict-jdk').textContent()).toBe('Judged with the rules of Java 17.0.15 (/usr/lib/jvm/java-17-openjdk-amd64).');

    const picker = view.getByLabel('JDK');
    const options = await picker.locator('option').allTextContents();
    expect(options[0]).toBe('java on the PATH');
    expect(options).toContain(`Java 25.0.3 · ${JDK25}`);
    expect(options).toContain('Java 17.0.15 · /usr/lib/jvm/java-17-openjdk-amd64');
    await picker.selectOption(JDK25);

    await view.locator('.verdict-untrusted .verdict-title', { hasText: 'but would NOT connect' }).waitFor();
    expect(await view.locator('.verdict-jdk').textContent()).toBe(`Judged with the rules of Java 25.0.3 (${JDK25}).`);
    const first = view.locator('.problem').first();
    expect(await first.locator('.code-badge').textContent()).toBe('NO_COMMON_CIPHER');
    expect(await first.textContent()).toContain('"TLS_RSA_*"');
    await page.mouse.move(0, 0);
    await screenshot(page, `handshake-jdk25-${scheme}`);
    expect(errors).toEqual([]);
    await context.close();

    // The real clients agree: JDK 17 connects, JDK 25 has no suite in common.
    const cases = [{ id: 'c', host: 'localhost', address: '127.0.0.1', port: rsaOnly.port, trustStore: storeFile, storeType: 'JKS' as const, storePassword: 'changeit' }];
    expect((await runJavaClient(javaClasses, cases)).get('c')).toBe('TRUSTED');
    expect((await runJavaClient(javaClasses, cases, { java: path.join(JDK25, 'bin', 'java') })).get('c')).toMatch(/handshake_failure/);
  });
});

describe('a server that speaks only TLS 1.0', () => {
  it('is trusted but does not connect for JDK 17: PROTOCOL_VERSION first', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, 'light', errors);
    const view = page.locator('.probe-view:not([hidden])');
    await openAndConnect(page, `https://localhost:${tls10.port}`);
    await view.locator('.verdict-untrusted .verdict-title', { hasText: 'but would NOT connect' }).waitFor();
    expect(await view.locator('.problem .code-badge').first().textContent()).toBe('PROTOCOL_VERSION');
    expect(await view.locator('.verdict-detail').first().textContent()).toContain('The chain is trusted, but the handshake would not complete');
    await page.mouse.move(0, 0);
    await screenshot(page, 'handshake-tls10-light');
    expect(errors).toEqual([]);
    await context.close();
  });
});
