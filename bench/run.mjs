// `npm run bench`: how fast TrustLens opens 10,000-entry stores, against keytool (and openssl for PEM),
// whole process each time (start-up included), runs interleaved, medians reported; then the browser
// UI in Chromium: drop to first rows painted, and filtering by a fingerprint prefix.
// A PKCS#12 whose MAC has 5,000,000 iterations (the most Java accepts) shows the slowest legitimate MAC.
// Then hostile input (hostile.mjs): 20,000 same-name certificates against distinct ones, a 7M-entry JKS.
// Then `diagnose --targets` on 200 local servers against an openssl s_client loop and one JVM (targets.mjs).
// Last, 20 private keys moved from a JKS into PKCS#12 and JCEKS, against keytool -importkeystore (keys.mjs).
// Options: --runs N (default 5), --no-browser, --browser-only, --no-hostile, --hostile-only, --hostile-web-only,
// --no-targets, --targets-only, --no-keys, --keys-only,
// --json FILE (write the figures as JSON too),
// --keep-env (time with NODE_EXTRA_CA_CERTS as the shell has it; see below).
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { measure, median, memorySource } from './measure.mjs';
import { COUNT, PASSWORD, cacheDir, ensureMaxIterationStore, ensureStores, findCacerts, hasCommand, keytoolCount } from './stores.mjs';
import { benchBrowser } from './browser.mjs';
import { benchTargets } from './targets.mjs';
import { benchHostile, benchWebHostile } from './hostile.mjs';
import { benchKeys } from './keys.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'trustlens.cjs');
const TIME_TARGET = 0.25;

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const runs = Math.max(1, Number(option('--runs', '5')));

// NODE_EXTRA_CA_CERTS makes every Node.js 20 process build its TLS root store when it starts, before any
// program runs: it parses Node's bundled roots and then that file (about 90 ms for a system CA bundle
// on our machines). TrustLens never uses Node's CA store (inspect reads files; a probe records what the
// server sends with verification off and judges it against the trust store it is given), so the
// timed processes run without the variable, and the bench prints what it would cost; --keep-env times
// them with the environment as it is. keytool and openssl do not read it.
const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';
const keepEnv = process.argv.includes('--keep-env');
const extraCaSet = Boolean(process.env[EXTRA_CA]);
const childEnv = keepEnv ? process.env : Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== EXTRA_CA));
const jsonOut = option('--json', null);

function firstLine(command, args) {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.split('\n')[0].trim();
  } catch (error) {
    return `${error.stderr ?? ''}`.split('\n')[0].trim() || 'unknown';
  }
}

function machine() {
  const javaVersion = hasCommand('java') ? execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) : '';
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    java: hasCommand('java') ? firstLine('sh', ['-c', 'java -version 2>&1']) || javaVersion : 'not installed',
    openssl: hasCommand('openssl') ? firstLine('openssl', ['version']) : 'not installed',
    load: os.loadavg().map((n) => n.toFixed(2)).join(' '),
  };
}

/** The files and, for each, the commands that list it. `check` validates one run's output. */
function cases(stores, cacerts) {
  const trustlens = (file, password) => ({
    tool: 'trustlens',
    command: process.execPath,
    args: [CLI, 'inspect', file, '--json', ...(password ? ['--password', password] : [])],
    check: (out, expected) => {
      const count = JSON.parse(out).entries.length;
      if (expected !== undefined && count !== expected) throw new Error(`trustlens listed ${count} entries of ${file}, expected ${expected}`);
      return count;
    },
  });
  const keytoolList = (file, type) => ({
    tool: 'keytool -list',
    command: 'keytool',
    args: ['-list', '-keystore', file, '-storetype', type, '-storepass', PASSWORD],
    check: (out) => keytoolCount(out),
    needs: 'keytool',
  });
  const list = [];
  if (stores.jks) list.push({ label: `JKS, ${COUNT.toLocaleString('en-US')} entries`, file: stores.jks, expected: COUNT, tools: [trustlens(stores.jks, PASSWORD), keytoolList(stores.jks, 'JKS')] });
  if (stores.p12) list.push({ label: `PKCS#12, ${COUNT.toLocaleString('en-US')} entries`, file: stores.p12, expected: COUNT, tools: [trustlens(stores.p12, PASSWORD), keytoolList(stores.p12, 'PKCS12')] });
  list.push({
    label: `PEM bundle, ${COUNT.toLocaleString('en-US')} certificates`,
    file: stores.pem,
    expected: COUNT,
    tools: [
      trustlens(stores.pem),
      { tool: 'keytool -printcert', command: 'keytool', args: ['-printcert', '-file', stores.pem], check: (out) => (out.match(/^Certificate\[[\d.,\s\u00a0\u202f]+\]:/gm) ?? []).length, needs: 'keytool' },
      { tool: 'openssl storeutl', command: 'openssl', args: ['storeutl', '-noout', '-certs', stores.pem], check: (out) => Number(/Total found: (\d+)/.exec(out)?.[1]), needs: 'openssl' },
    ],
  });
  const maxIterations = ensureMaxIterationStore();
  if (maxIterations) {
    list.push({ label: 'PKCS#12, MAC at 5,000,000 iterations (Java\'s cap)', file: maxIterations, expected: 1, tools: [trustlens(maxIterations, PASSWORD), keytoolList(maxIterations, 'PKCS12')] });
  }
  if (cacerts) list.push({ label: "JDK's cacerts", file: cacerts, expected: undefined, tools: [trustlens(cacerts, PASSWORD), keytoolList(cacerts, 'JKS')] });
  return list;
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtMiB = (kib) => (Number.isFinite(kib) ? `${(kib / 1024).toFixed(0)} MiB` : '?');

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row, r) => {
    const line = row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
    return r === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

/** What NODE_EXTRA_CA_CERTS costs: node -e 0, and trustlens on cacerts, with the shell's environment. */
async function extraCaCost(cacertsCase) {
  const floor = [];
  const ours = [];
  const trustlens = cacertsCase?.tools.find((tool) => tool.tool === 'trustlens');
  for (let run = 0; run < runs; run++) {
    floor.push(await measure(process.execPath, ['-e', '0']));
    if (trustlens) ours.push(await measure(trustlens.command, trustlens.args));
  }
  const onCacerts = trustlens ? `, and trustlens on cacerts ${fmtMs(median(ours.map((x) => x.ms)))}` : '';
  console.log(`With ${EXTRA_CA} as this shell has it: node -e 0 takes ${fmtMs(median(floor.map((x) => x.ms)))}${onCacerts}.`);
}

async function main() {
  const info = machine();
  console.log(`Machine: ${info.cpus} × ${info.cpu}, ${info.memory} RAM, load ${info.load}`);
  console.log(`node ${info.node}; ${info.java}; ${info.openssl}`);
  console.log(`Peak memory from ${memorySource}. ${runs} runs each, interleaved; medians.\n`);

  if (process.argv.includes('--hostile-web-only')) {
    // Only `trustlens web` answering another request while the hostile files open: `runs` runs, interleaved.
    console.log((await benchWebHostile({ cli: CLI, runs, env: childEnv })).summary);
    return;
  }
  if (process.argv.includes('--keys-only')) {
    console.log((await benchKeys({ cli: CLI, runs: Math.min(runs, 3), env: childEnv })).summary);
    return;
  }
  if (process.argv.includes('--targets-only')) {
    console.log((await benchTargets({ cli: CLI, runs: Math.min(runs, 3), env: childEnv })).summary);
    return;
  }
  const stores = process.argv.includes('--hostile-only') ? null : ensureStores();
  const cacerts = findCacerts();
  const missing = new Set(['keytool', 'openssl'].filter((command) => !hasCommand(command)));
  for (const command of missing) console.log(`${command} is not installed: its rows are skipped.`);
  if (!cacerts) console.log("No JDK cacerts found: that row is skipped.");

  const results = [];
  const browserOnly = process.argv.includes('--browser-only');
  const hostileOnly = process.argv.includes('--hostile-only');
  for (const testCase of browserOnly || hostileOnly ? [] : cases(stores, cacerts)) {
    const tools = testCase.tools.filter((tool) => !missing.has(tool.needs));
    // One untimed run each: fills the file cache, and checks every tool lists every entry.
    let expected = testCase.expected;
    for (const tool of tools) {
      const { stdout } = await measure(tool.command, tool.args, { keepOutput: true, env: childEnv });
      const count = tool.check(stdout, expected);
      expected ??= count;
      if (count !== expected) throw new Error(`${tool.tool} listed ${count} entries of ${testCase.file}, expected ${expected}`);
    }
    const samples = new Map(tools.map((tool) => [tool, []]));
    for (let run = 0; run < runs; run++) {
      for (const tool of tools) samples.get(tool).push(await measure(tool.command, tool.args, { env: childEnv }));
    }
    for (const tool of tools) {
      const s = samples.get(tool);
      results.push({
        file: testCase.label,
        entries: expected,
        tool: tool.tool,
        ms: median(s.map((x) => x.ms)),
        cpuMs: median(s.map((x) => x.cpuMs)),
        rssKiB: median(s.map((x) => x.rssKiB)),
      });
    }
    process.stderr.write(`  measured ${testCase.label}\n`);
  }

  const rows = [['File', 'Tool', 'Median time', 'CPU (user+sys)', 'Peak RSS', 'vs keytool', `Time ≤ ${TIME_TARGET}× keytool`, 'Memory < keytool']];
  for (const result of results) {
    const keytool = results.find((r) => r.file === result.file && r.tool.startsWith('keytool'));
    const ours = result.tool === 'trustlens';
    const ratio = keytool ? result.ms / keytool.ms : NaN;
    result.ratio = ratio;
    if (ours && keytool) {
      result.timeTarget = ratio <= TIME_TARGET ? 'PASS' : 'MISS';
      result.memoryTarget = result.rssKiB < keytool.rssKiB ? 'PASS' : 'MISS';
    }
    rows.push([
      result.file,
      result.tool,
      fmtMs(result.ms),
      Number.isFinite(result.cpuMs) ? fmtMs(result.cpuMs) : '?',
      fmtMiB(result.rssKiB),
      keytool && result !== keytool ? `${ratio.toFixed(2)}×` : '',
      result.timeTarget ?? '',
      result.memoryTarget ?? '',
    ]);
  }
  if (results.length) {
    console.log(table(rows));
    // The floor under every trustlens figure: Node.js starting and stopping with nothing to do.
    const floor = [];
    for (let run = 0; run < runs; run++) floor.push(await measure(process.execPath, ['-e', '0'], { env: childEnv }));
    console.log(`\nNode.js start-up alone (node -e 0): ${fmtMs(median(floor.map((x) => x.ms)))}, ${fmtMiB(median(floor.map((x) => x.rssKiB)))}.`);
    if (extraCaSet && !keepEnv) await extraCaCost(cases(stores, cacerts).find((c) => c.file === cacerts));
  }
  if (extraCaSet) {
    console.log(keepEnv
      ? `${EXTRA_CA} is set (${process.env[EXTRA_CA]}) and kept (--keep-env): every Node.js process above parsed it at start-up.`
      : `${EXTRA_CA} is set in this shell (${process.env[EXTRA_CA]}); the timed processes ran without it (--keep-env keeps it).`);
  }

  let hostile = null;
  if (process.argv.includes('--no-hostile') || browserOnly) {
    console.log('\nHostile input: skipped.');
  } else {
    hostile = await benchHostile({ cli: CLI, runs: Math.min(runs, 3), env: childEnv });
    console.log(`\n${hostile.summary}`);
  }

  let browser = null;
  if (process.argv.includes('--no-browser') || hostileOnly) {
    console.log('\nBrowser mode: skipped (--no-browser).');
  } else {
    browser = await benchBrowser({ cli: CLI, stores, runs: Math.min(runs, 5), env: childEnv });
    console.log(`\n${browser.summary}`);
  }

  let targets = null;
  if (!process.argv.includes('--no-targets') && !process.argv.includes('--hostile-only')) {
    targets = await benchTargets({ cli: CLI, runs: Math.min(runs, 3), env: childEnv });
    console.log(`\n${targets.summary}`);
  }

  let keys = null;
  if (!process.argv.includes('--no-keys') && !process.argv.includes('--hostile-only') && !browserOnly) {
    keys = await benchKeys({ cli: CLI, runs: Math.min(runs, 3), env: childEnv });
    console.log(`\n${keys.summary}`);
  }

  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ machine: info, runs, memorySource, extraCaCerts: extraCaSet ? (keepEnv ? 'kept' : 'removed') : 'unset', results, hostile: hostile?.results ?? null, browser: browser?.results ?? null, targets: targets?.results ?? null, keys: keys?.results ?? null }, null, 2));
    console.log(`\nFigures written to ${jsonOut}`);
  }
  console.log(`\nStores: ${cacheDir()}`);
}

main().catch((error) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
