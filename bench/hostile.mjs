// The hostile-input figures of `npm run bench` (issue 20): work that must stay bounded whatever a file
// holds. (1) 20,000 certificates that all have one CN against 20,000 distinct ones, as a PEM bundle:
// alias derivation must stay linear (target: same-name within 2× distinct). (2) A 238 MB JKS of
// 7,000,000 34-byte entries (what made Node run out of memory): it must end with a clean error or a
// listing, under 2 GB peak RSS. Files are made once under os.tmpdir()/trustlens-bench/hostile-v1/.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMiB = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

export async function benchHostile({ cli, runs, env = process.env }) {
  const log = (message) => process.stderr.write(`${message}\n`);
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

  const lines = [
    'Hostile input (median of runs; whole process each):',
    `  ${CERTIFICATES.toLocaleString('en-US')} distinct certificates: ${fmtMs(distinctMs)}, one name: ${fmtMs(sameNameMs)} (${ratio.toFixed(2)}×; target ≤ 2×: ${results[1].target})`,
    `  ${JKS_ENTRIES.toLocaleString('en-US')}-entry JKS: exit ${big.code} after ${fmtMs(big.ms)}, peak ${fmtMiB(big.rssKiB)} (target: clean end under 2 GB: ${results[2].target})`,
    `    ${firstLine}`,
  ];
  return { results, summary: lines.join('\n') };
}
