// `--all-addresses` and `--resolve` through the command line: two servers on 127.0.0.1 and 127.0.0.2, the
// same port, different chains (127.0.0.2 leaves out the intermediate), named by one host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
import { chainFile, startNodeTlsServer, type RunningServer } from '../support/tls-servers';

let servers: RunningServer[] = [];
let port = 0;
beforeAll(async () => {
  const first = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], host: '127.0.0.1' });
  port = first.port;
  servers = [first, await startNodeTlsServer({ chain: ['leaf-rsa'], host: '127.0.0.2', port })];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const resolve = () => ['--resolve', `localhost:${port}:127.0.0.1,127.0.0.2`];

describe('trustlens --all-addresses', () => {
  it('probe --json: addresses [ { address, sent, protocol } ] and what differs', async () => {
    const r = await trustlens(['probe', `localhost:${port}`, '--all-addresses', ...resolve(), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { addresses: { address: string; sent: { subject: string }[]; protocol: string; error?: string }[]; differs: { chain: boolean; summary: string } };
    expect(doc.addresses.map((a) => [a.address, a.sent.length, a.protocol])).toEqual([
      ['127.0.0.1', 2, 'TLSv1.3'],
      ['127.0.0.2', 1, 'TLSv1.3'],
    ]);
    expect(doc.differs.chain).toBe(true);
    expect(doc.differs.summary).toBe('2 different chains: 127.0.0.1; 127.0.0.2');
  });

  it('diagnose: exit 1, the verdict names the address that sends no intermediate, and its fix names it too', async () => {
    const r = await trustlens(['diagnose', `https://localhost:${port}`, '--all-addresses', ...resolve(), '--truststore', chainFile('root'), '--client', 'openssl', '--no-download']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('1 of 2 addresses serve a chain this store trusts; 127.0.0.2 sends no intermediate');
    expect(r.stdout).toMatch(/127\.0\.0\.1\s+TLSv1\.3\s+trusted/);
    expect(r.stdout).toMatch(/127\.0\.0\.2\s+TLSv1\.3\s+INCOMPLETE_CHAIN/);
    const json = await trustlens(['diagnose', `https://localhost:${port}`, '--all-addresses', ...resolve(), '--truststore', chainFile('root'), '--client', 'openssl', '--no-download', '--json']);
    const doc = JSON.parse(json.stdout) as { trusted: boolean; verdict: string; problems: { code: string; fix: string }[]; addresses: { address: string; trusted: boolean }[] };
    expect(doc.trusted).toBe(false);
    expect(doc.addresses.map((a) => [a.address, a.trusted])).toEqual([['127.0.0.1', true], ['127.0.0.2', false]]);
    expect(doc.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(doc.problems[0]!.fix).toMatch(/^On 127\.0\.0\.2: /);
  });

  it('--resolve alone sends a plain probe to that address', async () => {
    const r = await trustlens(['probe', `localhost:${port}`, '--resolve', `localhost:127.0.0.2`, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { address: string; sent: unknown[] };
    expect([doc.address, doc.sent.length]).toEqual(['127.0.0.2', 1]);
  });
});
