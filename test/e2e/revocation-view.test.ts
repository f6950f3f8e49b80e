// Revocation in the app, in Chromium against `trustlens web`: a server whose intermediate its root revoked
// (an `openssl ocsp` responder and a CRL on loopback, test/support/revocation-pki.ts), judged with a trust
// store keytool made. The chain cards say what each CA says, with the source and the date; the verdict
// stays Java's default one (JSSE checks no revocation unless told to) and the REVOKED warning says so.
// Screenshots in light and dark.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../support/peers';
import { makeRevocationPki, startChainServer, type RevocationPki, type StapleServer } from '../support/revocation-pki';
import { dropFiles, dropText, launchBrowser, openStartScreen, screenshot, startWebApp, type WebApp } from './harness';

let app: WebApp;
let browser: Browser;
let dir: string;
let pki: RevocationPki;
let server: StapleServer;
let storeFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-revocation-view-'));
  pki = await makeRevocationPki(dir);
  storeFile = path.join(dir, 'revocation-trust.jks');
  run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', storeFile, '-storepass', 'changeit', '-alias', 'revocation-root', '-file', pki.file('root')]);
  [app, browser, server] = await Promise.all([
    startWebApp(),
    launchBrowser(),
    startChainServer(pki.file('leaf-under-revoked'), pki.key('leaf-under-revoked'), [pki.file('int-revoked')], path.join(dir, 'chain.pem')),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([app?.stop(), server?.close(), pki?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(['light', 'dark'] as const)('a revoked intermediate (%s)', (scheme) => {
  it('is shown on its chain card with the source and date, and as a warning under the verdict', async () => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    try {
      await dropFiles(page, 'body', [{ name: 'revocation-trust.jks', bytes: readFileSync(storeFile) }]);
      await page.getByRole('tab', { name: /revocation-trust\.jks/ }).waitFor();
      await dropText(page, 'body', `https://localhost:${server.port}`);
      const view = page.locator('.probe-view:not([hidden])');
      await view.locator('.verdict-trusted').waitFor();
      // The checks run after the verdict: each card says so until its answer comes.
      const cards = view.locator('.sent-card');
      await cards.nth(1).locator('.revocation-revoked').waitFor();
      const day = pki.revokedAt.slice(0, 10);
      expect(await cards.nth(1).locator('.sent-revocation').textContent()).toBe(`Revoked on ${day} (key compromise), says OCSP responder ${new URL(pki.ocspUrl('int-revoked')).host}`);
      expect(await cards.nth(0).locator('.sent-revocation').textContent()).toMatch(/^Not revoked, says OCSP responder 127\.0\.0\.1:\d+$/);
      // Java's default: no revocation checking, so the verdict stands; loud under it, and the warning says why.
      expect(await view.locator('.revocation-callout').textContent()).toBe('Revoked: Revoked Intermediate. This client accepts the chain only because it checks no revocation; browsers will not.');
      const notes = view.locator('.revocation-problem');
      await notes.first().waitFor();
      expect(await notes.locator('.code-badge').allTextContents()).toEqual(['REVOKED']);
      expect(await notes.locator('.problem-note').textContent()).toBe('does not block this client');
      expect(await notes.locator('.problem-message').textContent()).toMatch(/^The intermediate certificate 'CN=Revoked Intermediate,O=TrustLens Revocation Test' has been revoked on .+ \(reason: keyCompromise\), says its OCSP responder http:\/\/127\.0\.0\.1:\d+\/ocsp\/root\. Java accepts it because revocation checking is off/);
      expect(await view.locator('.revocation-problem ~ * , #revocation-heading ~ .path-note').last().textContent()).toMatch(/checks no revocation unless com\.sun\.net\.ssl\.checkRevocation=true/);
      await notes.first().scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await screenshot(page, `probe-revoked-intermediate-${scheme}`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('a store’s certificate, on request', () => {
  it.each(['light', 'dark'] as const)('the details pane checks it with its CA and says revoked, with the date (%s)', async (scheme) => {
    const errors: string[] = [];
    const { context, page } = await openStartScreen(browser, app, scheme, errors);
    try {
      const bundle = ['root', 'int-revoked'].map((n) => readFileSync(pki.file(n as 'root'), 'utf8')).join('');
      await dropFiles(page, 'body', [{ name: 'issued-cas.pem', bytes: new TextEncoder().encode(bundle) }]);
      const panel = page.locator('[role=tabpanel]:not([hidden])');
      await panel.getByRole('row').filter({ hasText: 'Revoked Intermediate' }).click();
      const section = page.getByRole('region', { name: 'Revocation' });
      await section.getByRole('button', { name: 'Check revocation' }).click();
      await section.locator('.revocation-revoked').waitFor();
      expect(await section.locator('.sent-revocation').textContent()).toBe(`Revoked on ${pki.revokedAt.slice(0, 10)} (key compromise), says OCSP responder ${new URL(pki.ocspUrl('int-revoked')).host}`);
      await section.scrollIntoViewIfNeeded();
      await page.mouse.move(0, 0);
      await screenshot(page, `details-revocation-${scheme}`);
      // The root it is checked against: self-signed, nothing to ask.
      await panel.getByRole('row').filter({ hasText: 'Revocation Test Root', hasNotText: 'Revoked' }).click();
      await section.getByRole('button', { name: 'Check revocation' }).click();
      await section.locator('.revocation-unchecked').waitFor();
      expect(await section.locator('.sent-revocation').textContent()).toMatch(/^Revocation not checked: a self-signed root/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
