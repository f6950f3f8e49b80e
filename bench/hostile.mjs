// The hostile-input figures of `npm run bench` (issue 20): work that must stay bounded whatever a file
// holds. (1) 20,000 certificates that all have one CN against 20,000 distinct ones, as a PEM bundle:
// alias derivation must stay linear (target: same-name within 2× distinct). (2) A 238 MB JKS of
// 7,000,000 34-byte entries (what made Node run out of memory): it must end with a clean error or a
// listing, under 2 GB peak RSS. (3) `trustlens web` while each of those files is opened through it: how
// long another request (appInfo, every 50 ms) waits meanwhile (target: 200 ms), and that the server is
// still there afterwards. Files are made once under os.tmpdir()/trustlens-bench/hostile-v1/.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateCertificates, toPem } from './certificates.mjs';
import { measure, median } from './measure.mjs';

const CERTIFICATES = 20_000;
const JKS_ENTRIES = 7_000_000;
const RSS_LIMIT_KIB = 2 * 1024 * 1024;
const dir = () => path.join(tmpdir(), 'trustlens-bench', 'hostile-v1');

function once(file, make) {
  if (existsSync(file)) return file;
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  make(partial);
  renameSync(partial, file);
  return file;
}

/**
 * A JKS (version 2) of `count` trusted-certificate entries of 34 bytes each: a 4-character alias and a
 * 5-byte "certificate" (an empty SEQUENCE's worth). The digest is right for "changeit".
 */
function writeManyEntryJks(file, count) {
  const fd = openSync(file, 'w');
  const digest = createHash('sha1');
  digest.update(Buffer.from('changeit', 'utf16le').swap16());
  digest.update('Mighty Aphrodite');
  const put = (bytes) => {
    digest.update(bytes);
    writeSync(fd, bytes);
  };
  const header = Buffer.alloc(12);
  header.writeUInt32BE(0xfeedfeed, 0);
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(count, 8);
  put(header);
  const ENTRY = 34;
  const CHUNK = 100_000;
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    const bytes = Buffer.alloc(n * ENTRY);
    for (let i = 0; i < n; i++) {
      let at = i * ENTRY;
      at = bytes.writeUInt32BE(2, at);
      at = bytes.writeUInt16BE(4, at);
      at += bytes.write((done + i).toString(36).padStart(4, '0').slice(-4), at, 'ascii');
      at = bytes.writeBigInt64BE(1_700_000_000_000n, at);
      at = bytes.writeUInt16BE(5, at);
      at += bytes.write('X.509', at, 'ascii');
      at = bytes.writeUInt32BE(5, at);
      bytes.set([0x30, 0x03, 0x02, 0x01, 0x00], at);
    }
    put(bytes);
  }
  writeSync(fd, digest.digest());
  closeSync(fd);
}

/** Start `trustlens web` on a free port; resolves with its origin, token and a stop function. */
function startWeb(cli, env) {
  const child = spawn(process.execPath, [cli, 'web', '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /running at (http:\/\/127\.0\.0\.1:(\d+))\/\?token=([0-9a-f]+)/.exec(out);
      if (m) resolve({ port: Number(m[2]), token: m[3], child, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`trustlens web exited ${code}`)));
  });
}

function post(web, channel, type, body) {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: web.port, path: `/api/${channel}`, method: 'POST', headers: { Host: `127.0.0.1:${web.port}`, 'X-TrustLens-Token': web.token, 'Content-Type': type, 'Content-Length': body.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, body: Buffer.from(error.message) }));
    req.end(body);
  });
}

/** openBytes as the page sends it: a frame (shared/wire.ts) with the file's bytes as its one blob. */
function openBytesFrame(name, bytes) {
  const json = Buffer.from(JSON.stringify({ name, bytes: { $blob: [0, bytes.length] } }));
  const header = Buffer.alloc(8);
  header.write('TLW1', 0, 'ascii');
  header.writeUInt32BE(json.length, 4);
  return Buffer.concat([header, json, bytes]);
}

/** Open `file` through the web server while appInfo is asked every 50 ms; the longest wait for an answer. */
async function webWhileOpening(web, file) {
  const frame = openBytesFrame(path.basename(file), readFileSync(file));
  let loading = true;
  let longest = 0;
  const pings = (async () => {
    while (loading) {
      const started = performance.now();
      await post(web, 'appInfo', 'application/json', Buffer.from('{}'));
      longest = Math.max(longest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const opened = await post(web, 'openBytes', 'application/vnd.trustlens.frame', frame);
  const ms = performance.now() - started;
  loading = false;
  await pings;
  const after = await post(web, 'appInfo', 'application/json', Buffer.from('{}'));
  const said = /"message":"([^"]*)"/.exec(opened.body.subarray(0, 4096).toString('latin1'))?.[1];
  return { ms, longest, status: opened.status, outcome: said ?? (opened.status === 200 ? 'opened' : `HTTP ${opened.status}`), alive: after.status === 200 };
}

/**
 * The longest wait of another request on 2026-12-01, when the web server decoded every file on its event
 * loop (before electron/services/stores/decode-off-thread.ts), by case: printed beside today's figure.
 */
const BEFORE_WORKER_MS = { jks: 19, pem: 433 };

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMiB = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

/** The three files, made once (a minute or so the first time). */
export function hostileFiles(log = (message) => process.stderr.write(`${message}\n`)) {
  const distinct = once(path.join(dir(), `distinct-${CERTIFICATES}.pem`), (file) => {
    log(`Making ${CERTIFICATES.toLocaleString('en-US')} distinct certificates (once)…`);
    writeFileSync(file, toPem(generateCertificates(CERTIFICATES)));
  });
  const sameName = once(path.join(dir(), `same-name-${CERTIFICATES}.pem`), (file) => {
    log(`Making ${CERTIFICATES.toLocaleString('en-US')} certificates of one name (once)…`);
    writeFileSync(file, toPem(generateCertificates(CERTIFICATES, { commonName: 'Same Name' })));
  });
  const manyEntries = once(path.join(dir(), `many-entries-${JKS_ENTRIES}.jks`), (file) => {
    log(`Writing a JKS of ${JKS_ENTRIES.toLocaleString('en-US')} entries (once)…`);
    writeManyEntryJks(file, JKS_ENTRIES);
  });
  return { distinct, sameName, manyEntries };
}

/**
 * `trustlens web` opening the JKS and the same-name PEM, `runs` times each, interleaved (JKS, PEM, JKS,
 * …): per case the median of the runs' longest wait of another request, and the range.
 */
export async function benchWebHostile({ cli, runs, env = process.env, files = hostileFiles() }) {
  const cases = [
    { case: `web: open the ${JKS_ENTRIES}-entry JKS`, file: files.manyEntries, beforeWorkerMs: BEFORE_WORKER_MS.jks, samples: [] },
    { case: `web: open ${CERTIFICATES} same-name PEM`, file: files.sameName, beforeWorkerMs: BEFORE_WORKER_MS.pem, samples: [] },
  ];
  const web = await startWeb(cli, env);
  try {
    for (let run = 0; run < runs; run++) {
      for (const c of cases) c.samples.push(await webWhileOpening(web, c.file));
    }
  } finally {
    web.stop();
  }
  const results = cases.map((c) => {
    const waits = c.samples.map((r) => r.longest);
    const alive = c.samples.every((r) => r.alive);
    const longest = median(waits);
    return {
      case: c.case,
      ms: median(c.samples.map((r) => r.ms)),
      longestOtherRequestMs: longest,
      waitsMs: waits.map((ms) => Math.round(ms)),
      beforeWorkerMs: c.beforeWorkerMs,
      outcome: c.samples[0].outcome,
      serverAlive: alive,
      target: alive && longest <= 200 ? 'PASS' : 'MISS',
    };
  });
  const lines = results.map(
    (r) =>
      `  ${r.case}: ${fmtMs(r.ms)}; another request waited at most ${fmtMs(r.longestOtherRequestMs)} (median of ${runs}; ${Math.min(...r.waitsMs)}–${Math.max(...r.waitsMs)} ms; decoded on the event loop: ${fmtMs(r.beforeWorkerMs)}); server ${r.serverAlive ? 'still up' : 'GONE'} (target ≤ 200 ms: ${r.target})\n    ${r.outcome}`,
  );
  return { results, summary: [`Hostile input through \`trustlens web\` (load average ${loadavg().map((x) => x.toFixed(2)).join(', ')} at the end):`, ...lines].join('\n') };
}

export async function benchHostile({ cli, runs, env = process.env }) {
  const log = (message) => process.stderr.write(`${message}\n`);
  const files = hostileFiles(log);
  const { distinct, sameName, manyEntries } = files;

  const inspect = (file) => [cli, 'inspect', file, '--json'];
  const results = [];
  const samples = { distinct: [], sameName: [] };
  for (let run = 0; run < runs; run++) {
    for (const [key, file] of [['distinct', distinct], ['sameName', sameName]]) {
      const r = await measure(process.execPath, inspect(file), { env });
      if (r.code !== 0) throw new Error(`trustlens inspect ${file} exited ${r.code}: ${r.stderr}`);
      samples[key].push(r);
    }
  }
  const distinctMs = median(samples.distinct.map((x) => x.ms));
  const sameNameMs = median(samples.sameName.map((x) => x.ms));
  const ratio = sameNameMs / distinctMs;
  results.push({ case: `PEM, ${CERTIFICATES} distinct names`, ms: distinctMs, rssKiB: median(samples.distinct.map((x) => x.rssKiB)) });
  results.push({ case: `PEM, ${CERTIFICATES} of one name`, ms: sameNameMs, rssKiB: median(samples.sameName.map((x) => x.rssKiB)), ratio, target: ratio <= 2 ? 'PASS' : 'MISS' });

  const big = await measure(process.execPath, [cli, 'inspect', manyEntries], { env, allowFailure: true });
  const firstLine = (big.stderr ?? '').trim().split('\n')[0] ?? '';
  const clean = (big.code === 0 || big.code === 2) && !/heap|FATAL|Aborted|\bat .*\.cjs/.test(big.stderr ?? '');
  results.push({
    case: `JKS, ${JKS_ENTRIES} entries (238 MB)`,
    ms: big.ms,
    rssKiB: big.rssKiB,
    exit: big.code,
    message: firstLine,
    target: clean && big.rssKiB < RSS_LIMIT_KIB ? 'PASS' : 'MISS',
  });

  const web = await benchWebHostile({ cli, runs, env, files });
  results.push(...web.results);
  const lines = [
    'Hostile input (median of runs; whole process each):',
    `  ${CERTIFICATES.toLocaleString('en-US')} distinct certificates: ${fmtMs(distinctMs)}, one name: ${fmtMs(sameNameMs)} (${ratio.toFixed(2)}×; target ≤ 2×: ${results[1].target})`,
    `  ${JKS_ENTRIES.toLocaleString('en-US')}-entry JKS: exit ${big.code} after ${fmtMs(big.ms)}, peak ${fmtMiB(big.rssKiB)} (target: clean end under 2 GB: ${results[2].target})`,
    `    ${firstLine}`,
    web.summary,
  ];
  return { results, summary: lines.join('\n') };
}
