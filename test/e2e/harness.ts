// End-to-end harness: the built CLI's `web` mode on a free loopback port, driven by Debian's Chromium
// through playwright-core (nothing downloads a browser). Screenshots go to test-results/screenshots.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'trustlens.cjs');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');

export function chromiumPath(): string {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium not found: install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).');
}

export interface WebApp {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export async function startWebApp(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<WebApp> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`);
  // view.json and recent-files.json go to a folder of the run (under TMPDIR), not the user's ~/.config, unless a test names one.
  const config = env.XDG_CONFIG_HOME ?? mkdtempSync(path.join(tmpdir(), 'trustlens-config-'));
  const child = spawn(process.execPath, [CLI, 'web', '--port', '0', '--no-open', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: config, ...env } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`trustlens web did not start: ${out}${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /TrustLens is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`trustlens web exited with ${code}: ${err}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function newPage(browser: Browser, colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme, deviceScaleFactor: 1 });
  const page = await context.newPage();
  return { context, page };
}

/**
 * A fresh page in `colorScheme` on the app's start screen. Page errors and console errors go into
 * `errors`, so a test can check that none happened.
 */
export async function openStartScreen(
  browser: Browser,
  app: WebApp,
  colorScheme: 'light' | 'dark',
  errors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newPage(browser, colorScheme);
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Chromium asks for /favicon.ico by itself; the app does not ship one.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'Drop a trust store, certificate or URL here' }).waitFor();
  return { context, page };
}

/** `openssl x509 -fingerprint -sha256` of a PEM file prints "sha256 Fingerprint=AB:CD:…": the part after '='. */
export function opensslSha256(file: string): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', file], { encoding: 'utf8' });
  const match = /=\s*([0-9A-F:]+)\s*$/i.exec(out.trim());
  if (!match) throw new Error(`unexpected openssl output: ${out}`);
  return match[1]!.toUpperCase();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Drop files on the page as a person drags them from a file manager. */
export async function dropFiles(page: Page, selector: string, files: { name: string; bytes: Uint8Array; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, data: Array.from(f.bytes), type: f.type ?? 'application/octet-stream' }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) dt.items.add(new File([new Uint8Array(item.data)], item.name, { type: item.type }));
    return dt;
  }, payload);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** Drop text (a URL dragged from a browser's address bar). */
export async function dropText(page: Page, selector: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle((value) => {
    const dt = new DataTransfer();
    dt.setData('text/uri-list', value);
    dt.setData('text/plain', value);
    return dt;
  }, text);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** Like dropFiles, for files of megabytes: the bytes cross into the page as base64, not as a number array. */
export async function dropLargeFiles(page: Page, selector: string, files: { name: string; bytes: Uint8Array; type?: string }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString('base64'), type: f.type ?? 'application/octet-stream' }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/** Open a store by its path (File ▸ Open by Path… in browser mode) and wait for its tab. */
export async function openByPath(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Open by path…' }).first().click();
  await page.getByRole('dialog').getByLabel('Path').fill(file);
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: new RegExp(path.basename(file).replace('.', '\\.')) }).waitFor();
  // The tab shows a moment before the dialog closes; keys pressed meanwhile go to the dialog (the window's
  // shortcuts wait while one is open), so wait until it is gone.
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** The tab panel in front (a store's explorer or a probe's view). */
export const frontPanel = (page: Page) => page.locator('[role=tabpanel]:not([hidden])');

/** A test file's own `trustlens web`, Chromium and scratch folder: started before its tests, gone after them. */
export function appPerFile(prefix: string): { readonly app: WebApp; readonly browser: Browser; readonly work: string } {
  const state = {} as { app: WebApp; browser: Browser; work: string };
  beforeAll(async () => {
    state.work = mkdtempSync(path.join(tmpdir(), prefix));
    [state.app, state.browser] = await Promise.all([startWebApp(), launchBrowser()]);
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.app?.stop();
    if (state.work) rmSync(state.work, { recursive: true, force: true });
  });
  return state;
}
