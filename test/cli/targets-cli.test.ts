// `trustlens diagnose --targets FILE` on 200 real TLS servers on 127.0.0.1 (node:tls, in this process):
// even ones send a chain under the store's root, odd ones a chain under a root the store lacks. Every
// verdict must be right, in the file's order; exit 1 because some fail. Plus: comments, a STARTTLS target,
// an unreachable one, and a bad line.
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo, Server } from 'node:net';
import * as path from 'node:path';
import { createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSE_DIR, fixturePem, jksStore, STORE_PASSWORD } from '../chain/diagnose-fixtures';
import { trustlens } from '../support/cli';
import { scratchDir } from '../electron/services/stores/import-peers';
import { startScriptedServer } from '../support/starttls-scripted';
import { refusedPort, type RunningServer } from '../support/tls-servers';

const COUNT = 200;
const servers: Server[] = [];
const ports: number[] = [];
let imap: RunningServer;
let refused: RunningServer;
const dir = scratchDir('trustlens-cli-targets-');

function identity(leaf: string, int: string) {
  return { key: readFileSync(path.join(DIAGNOSE_DIR, `${leaf}.key`)), cert: fixturePem(leaf) + fixturePem(int) };
}

beforeAll(async () => {
  const good = identity('leaf', 'int');
  const unknown = identity('unknown-leaf', 'unknown-int');
  for (let i = 0; i < COUNT; i++) {
    const server = createServer(i % 2 === 0 ? good : unknown);
    server.on('secureConnection', (socket) => socket.end());
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    ports.push((server.address() as AddressInfo).port);
  }
  const key = { chainPem: fixturePem('leaf') + fixturePem('int'), keyPem: readFileSync(path.join(DIAGNOSE_DIR, 'leaf.key'), 'utf8') };
  [imap, refused] = await Promise.all([startScriptedServer('imap', key), refusedPort()]);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await imap?.close();
});

interface Result {
  readonly target: string;
  readonly trusted: boolean;
  readonly problems: { code: string }[];
  readonly error?: { code: string; message: string };
}

describe('trustlens diagnose --targets', () => {
  it('judges 200 servers, half of them under a root the store lacks, every verdict right', async () => {
    const file = path.join(dir, 'targets.txt');
    writeFileSync(file, ports.map((port) => `https://localhost:${port}`).join('\n'));
    const r = await trustlens(['diagnose', '--targets', file, '--truststore', jksStore('roots'), '--password', STORE_PASSWORD, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { results: Result[]; summary: { total: number; trusted: number; untrusted: number; failed: number } };
    expect(doc.results.map((v) => v.target)).toEqual(ports.map((port) => `https://localhost:${port}`));
    doc.results.forEach((verdict, i) => {
      expect({ trusted: verdict.trusted, code: verdict.problems[0]?.code, error: verdict.error }, verdict.target).toEqual(
        i % 2 === 0 ? { trusted: true, code: undefined, error: undefined } : { trusted: false, code: 'UNTRUSTED_ROOT', error: undefined },
      );
    });
    expect(doc.summary).toEqual({ total: COUNT, trusted: COUNT / 2, untrusted: COUNT / 2, failed: 0 });
  });

  it('reads comments and any scheme, keeps going past an unreachable target, and lists failures first', async () => {
    const file = path.join(dir, 'mixed.txt');
    writeFileSync(file, [`# the mail relay`, `imap://localhost:${imap.port}   # STARTTLS`, '', `localhost:${refused.port}`, `https://localhost:${ports[0]}`, `  https://localhost:${ports[1]}`].join('\n'));
    const r = await trustlens(['diagnose', '--targets', file, '--truststore', jksStore('roots'), '--password', STORE_PASSWORD, '--concurrency', '2', '--timeout', '3000']);
    expect(r.code, r.stderr).toBe(1);
    const rows = r.stdout.split('\n').filter((line) => line.includes('localhost:'));
    expect(rows.map((row) => row.split(/\s{2,}/).slice(0, 2))).toEqual([
      [`localhost:${refused.port}`, 'FAILED'],
      [`https://localhost:${ports[1]}`, 'UNTRUSTED_ROOT'],
      [`imap://localhost:${imap.port}`, 'trusted'],
      [`https://localhost:${ports[0]}`, 'trusted'],
    ]);
    expect(rows[0]).toMatch(/refused the connection/);
    expect(r.stdout).toMatch(/2 of 4 targets trusted by a java client with .*store-roots\.jks; 1 not trusted; 1 could not be probed/);
  });

  it('a bad line names the file and line: exit 2 before any connection', async () => {
    const file = path.join(dir, 'bad.txt');
    writeFileSync(file, `https://localhost:${ports[0]}\nhttp://localhost:80\n`);
    const r = await trustlens(['diagnose', '--targets', file, '--truststore', jksStore('roots'), '--password', STORE_PASSWORD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^trustlens: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} line 2: "http://localhost:80" uses http://, which is not a TLS scheme`));
  });
});
