// The `diagnose --targets` bench: 200 node:tls servers on 127.0.0.1 in this process (even ones under the
// store's root, odd ones under a root it lacks), judged with a 200-entry trust store by
// `trustlens diagnose --targets` (one process, 16 at once), by a shell loop of `openssl s_client
// -verify_return_error` (one process per endpoint), and by one JVM checking them in sequence
// (check-endpoints.java). Every tool's verdicts are checked before its time counts. Wall clock, medians.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { generateCertificates, toPem } from './certificates.mjs';
import { median } from './measure.mjs';
import { hasCommand } from './stores.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, '..', 'test', 'fixtures', 'diagnose');
const COUNT = 200;
const STORE_SIZE = 200;
const PASSWORD = 'changeit';
export const TARGETS_TIME_TARGET = 0.2;

const fixture = (name) => readFileSync(path.join(FIXTURES, name));

/** Run to completion without blocking this process's servers; resolves { ms, code, stdout }. */
function timed(command, args, { input = '', env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function startServers() {
  const good = { key: fixture('leaf.key'), cert: Buffer.concat([fixture('leaf.pem'), fixture('int.pem')]) };
  const unknown = { key: fixture('unknown-leaf.key'), cert: Buffer.concat([fixture('unknown-leaf.pem'), fixture('unknown-int.pem')]) };
  const servers = [];
  for (let i = 0; i < COUNT; i++) {
    const server = createServer(i % 2 === 0 ? good : unknown);
    server.on('secureConnection', (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
  }
  return servers;
}

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** Runs the bench; returns { results, summary }. */
export async function benchTargets({ cli, runs = 3, env = process.env }) {
  const work = mkdtempSync(path.join(tmpdir(), 'trustlens-bench-targets-'));
  const servers = await startServers();
  try {
    const ports = servers.map((s) => s.address().port);
    const expected = ports.map((_, i) => i % 2 === 0);
    // The store: the servers' root among 199 other certificates (a 200-entry trust store).
    const storePem = path.join(work, 'store.pem');
    writeFileSync(storePem, fixture('root.pem').toString() + toPem(generateCertificates(STORE_SIZE - 1)));
    const storeJks = path.join(work, 'store.jks');
    execFileSync('java', [path.join(HERE, 'make-keystore.java'), storePem, storeJks, PASSWORD], { stdio: 'pipe' });
    const targetsFile = path.join(work, 'targets.txt');
    writeFileSync(targetsFile, ports.map((p) => `https://localhost:${p}`).join('\n'));

    const tools = [
      {
        tool: 'trustlens diagnose --targets',
        run: () => timed(process.execPath, [cli, 'diagnose', '--targets', targetsFile, '--truststore', storeJks, '--password', PASSWORD, '--json'], { env }),
        verdicts: (out) => JSON.parse(out.stdout).results.map((r) => r.trusted),
      },
    ];
    if (hasCommand('openssl')) {
      const loop = ports.map((p) => `openssl s_client -connect 127.0.0.1:${p} -servername localhost -verify_hostname localhost -CAfile ${storePem} -verify_return_error </dev/null >/dev/null 2>&1 && echo ok || echo fail`).join('\n');
      const script = path.join(work, 'openssl-loop.sh');
      writeFileSync(script, `${loop}\n`);
      tools.push({ tool: 'openssl s_client loop', run: () => timed('sh', [script]), verdicts: (out) => out.stdout.trim().split('\n').map((l) => l === 'ok') });
    }
    if (hasCommand('java')) {
      const classes = path.join(work, 'classes');
      mkdirSync(classes);
      execFileSync('javac', ['-d', classes, path.join(HERE, 'check-endpoints.java')], { stdio: 'pipe' });
      const input = ports.map((p) => `localhost ${p}`).join('\n');
      tools.push({ tool: 'one JVM, in sequence', run: () => timed('java', ['-cp', classes, 'CheckEndpoints', storeJks, PASSWORD], { input }), verdicts: (out) => out.stdout.trim().split('\n').map((l) => l.endsWith(' TRUSTED')) });
    }
    const samples = new Map(tools.map((t) => [t, []]));
    for (let run = 0; run <= runs; run++) {
      for (const tool of tools) {
        const out = await tool.run();
        const got = tool.verdicts(out);
        if (got.length !== COUNT || got.some((v, i) => v !== expected[i])) {
          throw new Error(`${tool.tool} got ${got.filter((v, i) => v === expected[i]).length} of ${COUNT} verdicts right: ${out.stderr.slice(0, 300)}`);
        }
        if (run > 0) samples.get(tool).push(out.ms); // the first run of each only warms the caches
      }
    }
    const results = tools.map((tool) => ({ tool: tool.tool, endpoints: COUNT, storeEntries: STORE_SIZE, ms: median(samples.get(tool)) }));
    const loop = results.find((r) => r.tool.startsWith('openssl'));
    const ours = results[0];
    const lines = [`diagnose --targets: ${COUNT} local TLS servers (half untrusted), a ${STORE_SIZE}-entry trust store; every verdict checked; ${runs} runs, medians`];
    for (const r of results) lines.push(`  ${r.tool.padEnd(30)} ${fmt(r.ms).padStart(9)}${loop && r !== loop ? `  ${(r.ms / loop.ms).toFixed(2)}× the openssl loop` : ''}`);
    if (loop) lines.push(`  target: under ${TARGETS_TIME_TARGET}× the openssl loop: ${ours.ms / loop.ms < TARGETS_TIME_TARGET ? 'PASS' : 'MISS'}`);
    return { results, summary: lines.join('\n') };
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(work, { recursive: true, force: true });
  }
}
