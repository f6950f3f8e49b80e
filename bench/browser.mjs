// The browser half of the benchmark: `trustlens web` driven by Debian's Chromium through playwright-core.
// Times are taken inside the page (performance.now()), from the drop event (for a store with a password,
// the password form's submit event; for filtering, the filter box's input event) until the table shows
// the expected rows and a frame has been painted after that. JKS, PKCS#12 and the PEM bundle in turn.
/* global window, document, requestAnimationFrame, MutationObserver, DataTransfer -- in page.evaluate() callbacks */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { measure, median } from './measure.mjs';
import { COUNT, PASSWORD } from './stores.mjs';

function chromiumPath() {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => file && existsSync(file)) ?? null;
}

function startWeb(cli, env) {
  const child = spawn(process.execPath, [cli, 'web', '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`trustlens web did not start: ${out}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      const match = /TrustLens is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`trustlens web exited with ${code}: ${out}`)));
  });
}

function peakRssKiB(pid) {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** A fingerprint prefix to filter by, and how many rows the renderer's filter rule should keep for it. */
function pickFilter(view) {
  const rows = view.entries.map((entry) => {
    const leaf = entry.certificates[0];
    return { haystack: `${entry.alias}\n${leaf?.subject ?? ''}\n${leaf?.issuer ?? ''}`.toLowerCase(), sha256: leaf?.sha256 ?? '', sha1: leaf?.sha1 ?? '' };
  });
  for (const row of rows.slice(COUNT >> 1)) {
    const prefix = row.sha256.slice(0, 4);
    if (!/[a-f]/.test(prefix)) continue;
    const kept = rows.filter((r) => r.haystack.includes(prefix) || r.sha256.startsWith(prefix) || r.sha1.startsWith(prefix)).length;
    return { prefix, kept };
  }
  throw new Error('no fingerprint prefix with a letter in it');
}

/** In the page: resolve with the ms from `eventType` on window (capture) until `ready()` holds and a frame is painted. */
function armTimer(page, eventType, target, expectedRows) {
  return page.evaluate(
    ({ eventType, target, expectedRows }) => {
      window.__benchTiming = new Promise((resolve, reject) => {
        const node = target === 'window' ? window : document.querySelector(target);
        node.addEventListener(
          eventType,
          () => {
            const started = performance.now();
            const ready = () => {
              const grid = document.querySelector('[role="grid"]');
              return grid && grid.getAttribute('aria-rowcount') === String(expectedRows + 1) && grid.querySelector('[role="row"][aria-rowindex="2"]');
            };
            const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
            if (ready()) return painted();
            const observer = new MutationObserver(() => {
              if (!ready()) return;
              observer.disconnect();
              painted();
            });
            observer.observe(document.body, { childList: true, subtree: true, attributes: true });
            setTimeout(() => reject(new Error(`the table did not show ${expectedRows} rows within 60 s`)), 60_000);
          },
          { capture: true, once: true },
        );
      });
    },
    { eventType, target, expectedRows },
  );
}

/** Build the dropped file in the page (before any clock starts); returns a handle to its DataTransfer. */
function fileInPage(page, file) {
  return page.evaluateHandle(
    ({ base64, name }) => {
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
      return dataTransfer;
    },
    { base64: readFileSync(file).toString('base64'), name: path.basename(file) },
  );
}

/**
 * One store, `runs` times on a fresh page: drop it and time the first rows (a store with a password: drop,
 * type the password, and time from submitting it); then time filtering by a fingerprint prefix.
 */
async function benchStore(page, url, store, runs) {
  const { stdout } = await measure(process.execPath, [store.cli, 'inspect', store.file, '--json', ...(store.password ? ['--password', store.password] : [])], { keepOutput: true });
  const filter = pickFilter(JSON.parse(stdout));
  const opens = [];
  const filters = [];
  for (let run = 0; run < runs; run++) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const transfer = await fileInPage(page, store.file);
    if (store.password) {
      for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('body', type, { dataTransfer: transfer });
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Password', { exact: true }).fill(store.password);
      await armTimer(page, 'submit', 'window', COUNT);
      await page.keyboard.press('Enter');
    } else {
      await armTimer(page, 'drop', 'window', COUNT);
      for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('body', type, { dataTransfer: transfer });
    }
    opens.push(await page.evaluate(() => window.__benchTiming));

    const box = page.getByRole('textbox', { name: /filter/i });
    await armTimer(page, 'input', 'input[aria-label^="Filter"], input[placeholder^="Filter"]', filter.kept);
    await box.fill(filter.prefix);
    filters.push(await page.evaluate(() => window.__benchTiming));
  }
  return {
    label: store.label,
    file: path.basename(store.file),
    from: store.password ? 'password submitted' : 'drop',
    openToRowsMs: median(opens),
    filterMs: median(filters),
    filter: filter.prefix,
    filterRows: filter.kept,
    runs: opens.length,
  };
}

export async function benchBrowser({ cli, stores, runs, env = process.env }) {
  const executablePath = chromiumPath();
  if (!executablePath) return { summary: 'Browser mode: skipped (Chromium is not installed; apt-get install chromium).', results: null };
  const cases = [
    { label: 'JKS', file: stores.jks },
    { label: 'PKCS#12', file: stores.p12, password: PASSWORD },
    { label: 'PEM bundle', file: stores.pem },
  ].filter((c) => c.file).map((c) => ({ ...c, cli }));

  const server = await startWeb(cli, env);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
  const version = browser.version();
  const measured = [];
  let heapMiB;
  let serverRss;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const store of cases) {
      measured.push(await benchStore(page, server.url, store, runs));
      process.stderr.write(`  measured the browser with ${store.label}\n`);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    heapMiB = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
    serverRss = peakRssKiB(server.child.pid);
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
  }
  const rows = [['Store (10,000 entries)', 'From', 'First rows painted', 'Filter by fingerprint prefix']];
  for (const r of measured) rows.push([r.label, r.from, `${Math.round(r.openToRowsMs)} ms`, `${Math.round(r.filterMs)} ms ("${r.filter}", ${r.filterRows} row${r.filterRows === 1 ? '' : 's'})`]);
  const width = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const summary = [
    `Browser mode (trustlens web + Chromium ${version}), ${runs} runs each on a fresh page, medians (targets: rows within 1 s, filter within 100 ms):`,
    ...rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(width[i])).join('  ')}`),
    `  page JS heap at the end: ${heapMiB.toFixed(0)} MiB; server peak RSS: ${(serverRss / 1024).toFixed(0)} MiB`,
  ].join('\n');
  return { summary, results: { stores: measured, pageHeapMiB: heapMiB, serverPeakRssMiB: serverRss / 1024 } };
}
