// "Trust stores on this machine" in the real renderer (Chromium, `trustlens web`): a real JVM that
// sleeps after its handshake, started with -Djavax.net.ssl.trustStore, is listed with its store and the
// rule, a JDK (JAVA_HOME) whose lib/security holds a jssecacerts is flagged, the store opens in one
// click; and a real JSSE debug log pasted into the explain box shows the trust store, the failure and the
// missing intermediate. Screenshots, light and dark, in test-results/screenshots.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJavaPeer, runDefaultTrustClient, startSleepingJavaClient, type SleepingJavaClient } from '../peers/java-client';
import { run } from '../support/peers';
import { chainFile, startNodeTlsServer, type NodeTlsServer } from '../support/tls-servers';
import { dropFiles, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let app: WebApp;
let browser: Browser;
let server: NodeTlsServer;
let leafOnly: NodeTlsServer;
let work: string;
let appStore: string;
let jdk: string;
let sleeper: SleepingJavaClient;
let debugLog: string;

function keytoolStore(file: string, cert: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', file, '-storepass', 'changeit', '-alias', cert, '-file', chainFile(cert)]);
  return file;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-machine-e2e-'));
  appStore = keytoolStore(path.join(work, 'orders', 'orders-trust.jks'), 'root');
  // A JDK home as JAVA_HOME names it: its java is the real one, its lib/security a cacerts and a jssecacerts.
  jdk = path.join(work, 'jdk');
  mkdirSync(path.join(jdk, 'bin'), { recursive: true });
  symlinkSync(realpathSync(run('which', ['java']).stdout.trim()), path.join(jdk, 'bin', 'java'));
  keytoolStore(path.join(jdk, 'lib', 'security', 'cacerts'), 'other-root');
  keytoolStore(path.join(jdk, 'lib', 'security', 'jssecacerts'), 'root');
  const classes = await compileJavaPeer('JavaDefaultTrustClient');
  [server, leafOnly, browser] = await Promise.all([startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }), startNodeTlsServer({ chain: ['leaf-rsa'] }), launchBrowser()]);
  [app, sleeper, { log: debugLog }] = await Promise.all([
    startWebApp([], { JAVA_HOME: jdk }),
    startSleepingJavaClient(classes, { host: 'localhost', port: server.port, jvmOptions: [`-Djavax.net.ssl.trustStore=${appStore}`] }),
    runDefaultTrustClient(classes, { host: 'localhost', port: leafOnly.port, jvmOptions: ['-Djavax.net.debug=ssl:handshake:trustmanager', `-Djavax.net.ssl.trustStore=${appStore}`] }),
  ]);
  rmSync(classes, { recursive: true, force: true });
}, 120_000);

afterAll(async () => {
  sleeper?.kill();
  await browser?.close();
  await Promise.all([app?.stop(), server?.close(), leafOnly?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('trust stores on this machine (%s)', (scheme) => {
  it('lists the running JVM with its store and why, flags the jssecacerts, and opens the store in one click', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    try {
      await page.getByRole('button', { name: 'Which trust store does my application use?' }).click();
      const dialog = page.getByRole('dialog', { name: 'Trust stores on this machine' });
      const card = dialog.getByRole('listitem').filter({ has: page.locator('.store-path', { hasText: appStore }) });
      await card.waitFor();
      await expect(card.getByText(`Process ${sleeper.pid}`).count()).resolves.toBe(1);
      await expect(card.getByText('javax.net.ssl.trustStore', { exact: true }).count()).resolves.toBe(1);
      await expect(card.getByText('JKS · 1 entry').count()).resolves.toBe(1);
      const shadow = dialog.getByRole('listitem').filter({ has: page.locator('.store-path', { hasText: path.join(jdk, 'lib', 'security', 'jssecacerts') }) });
      await expect(shadow.getByRole('note').first().textContent()).resolves.toMatch(/SHADOWS/);
      await screenshot(page, `machine-stores-${scheme}`);
      await card.getByRole('button', { name: `Open ${appStore}` }).click();
      await page.getByRole('tab', { name: /orders-trust\.jks/ }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('explains a pasted JSSE debug log: trust store, failure, missing intermediate', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    try {
      await page.getByRole('button', { name: 'Explain a failure from its log…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Trust stores on this machine' });
      await dialog.getByLabel('Failure log').fill(debugLog);
      await dialog.getByRole('button', { name: 'Explain' }).click();
      const diagnosis = dialog.getByRole('region', { name: 'Diagnosis' });
      await diagnosis.waitFor();
      await expect(diagnosis.textContent()).resolves.toMatch(/INCOMPLETE_CHAIN.*Missing: CN=TrustLens Test Intermediate CA/);
      await expect(diagnosis.textContent()).resolves.toContain(`${appStore} — the store this JVM reads`);
      await expect(dialog.getByText('PKIX_PATH_BUILDING').count()).resolves.toBe(1);
      await expect(dialog.locator('.explain-store code').textContent()).resolves.toBe(appStore);
      await screenshot(page, `machine-explain-${scheme}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('explains a log file dropped on the box, opened from the top bar', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    try {
      await page.getByRole('button', { name: 'Stores on this machine' }).click();
      const dialog = page.getByRole('dialog', { name: 'Trust stores on this machine' });
      await dialog.getByRole('tab', { name: 'Explain a log' }).click();
      await dropFiles(page, '.explain-input', [{ name: 'catalina.out', bytes: new TextEncoder().encode(debugLog), type: 'text/plain' }]);
      const diagnosis = dialog.getByRole('region', { name: 'Diagnosis' });
      await diagnosis.waitFor();
      await expect(diagnosis.textContent()).resolves.toMatch(/INCOMPLETE_CHAIN/);
      await expect(page.getByRole('tab', { name: /catalina\.out/ }).count()).resolves.toBe(0); // not opened as a store
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
