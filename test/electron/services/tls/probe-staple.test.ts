// The probe's OCSP staple: it asks for one (status_request) and keeps what `openssl s_server -status_file`
// staples, under TLS 1.2 (the CertificateStatus message) and TLS 1.3 (the leaf's certificate entry), byte for
// byte; a server that ignores status_request (node:tls, s_server without a staple) gives none; asking for it
// changes nothing else the probe records (the chain, as s_client prints it, and the protocol).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTls } from '../../../../electron/services/tls/probe';
import { probeResult } from '../../../../electron/services/diagnosis/probe-service';
import { run } from '../../../support/peers';
import { chainDer, chainFile, opensslShowcerts, serverPerTest, startRawServer } from '../../../support/tls-servers';
import type { RunningServer } from '../../../support/tls-servers';

const sha256 = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const CHAIN = ['leaf-rsa', 'int'];

let dir: string;
let stapleFile: string;
let staple: Uint8Array;

beforeAll(() => {
  // An OCSP response for the leaf, signed by its issuer, as `openssl ocsp` makes one for a responder.
  dir = mkdtempSync(join(tmpdir(), 'trustlens-staple-'));
  writeFileSync(join(dir, 'index.txt'), '');
  run('openssl', ['ocsp', '-issuer', chainFile('int'), '-cert', chainFile('leaf-rsa'), '-no_nonce', '-reqout', join(dir, 'req.der')]);
  stapleFile = join(dir, 'resp.der');
  run('openssl', ['ocsp', '-index', join(dir, 'index.txt'), '-rsigner', chainFile('int'), '-rkey', chainFile('int.key'), '-CA', chainFile('int'), '-reqin', join(dir, 'req.der'), '-respout', stapleFile, '-ndays', '1']);
  staple = new Uint8Array(readFileSync(stapleFile));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const serve = serverPerTest();

/** What `openssl s_client -status` says the server stapled: 'none', or the response's status line. */
function opensslStatus(server: RunningServer, version: string): string {
  const out = run('openssl', ['s_client', '-connect', `${server.host}:${server.port}`, '-servername', 'localhost', '-status', version === 'TLSv1.2' ? '-tls1_2' : '-tls1_3'], { input: '', allowFailure: true }).stdout;
  if (/OCSP response: no response sent/.test(out)) return 'none';
  return /OCSP Response Status: (\S+)/.exec(out)?.[1] ?? `unreadable: ${out.slice(0, 200)}`;
}

describe.each(['TLSv1.2', 'TLSv1.3'] as const)('the OCSP staple under %s', (version) => {
  it('is what openssl s_server -status_file staples, byte for byte', async () => {
    const server = await serve('openssl', { chain: CHAIN, minVersion: version, maxVersion: version, statusFile: stapleFile });
    expect(opensslStatus(server, version)).toBe('successful');
    const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(record.protocol).toBe(version);
    expect(record.ocspStaple).toBeDefined();
    expect(Buffer.from(record.ocspStaple!).equals(Buffer.from(staple))).toBe(true);
    // Asking for the staple does not change the chain recorded off the wire.
    expect(record.sent.map(sha256)).toEqual(CHAIN.map((name) => sha256(chainDer(name))));
    expect(record.sent.map(sha256)).toEqual((await opensslShowcerts(server, { version })).certificates.map(sha256));
    expect(probeResult(record).stapled).toBe(true);
  });

  it('is absent when openssl s_server has none to staple', async () => {
    const server = await serve('openssl', { chain: CHAIN, minVersion: version, maxVersion: version });
    expect(opensslStatus(server, version)).toBe('none');
    const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(record.ocspStaple).toBeUndefined();
    expect(record.sent.map(sha256)).toEqual(CHAIN.map((name) => sha256(chainDer(name))));
    expect(probeResult(record)).not.toHaveProperty('stapled');
  });

  it('is absent from a node:tls server, which ignores status_request, and the record is otherwise the same', async () => {
    const server = await serve('node', { chain: [...CHAIN, 'root'], minVersion: version, maxVersion: version });
    const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(record.ocspStaple).toBeUndefined();
    expect(record).toMatchObject({ protocol: version, alpn: 'http/1.1', clientCertificateRequested: false });
    expect(record.sent.map(sha256)).toEqual([...CHAIN, 'root'].map((name) => sha256(chainDer(name))));
  });
});

describe('the ClientHello', () => {
  it('carries status_request (extension 5) with an OCSP request type', async () => {
    let hello: Buffer | undefined;
    const server = await startRawServer((socket, received) => {
      hello = received;
      socket.destroy();
    });
    try {
      await expect(probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 })).rejects.toThrow();
    expect(hello).toBeDefined();
    expect(clientHelloExtensions(hello!).get(5)?.[0]).toBe(1); // CertificateStatusType ocsp(1)
    } finally {
      await server.close();
    }
  });
});

/** The extensions of a ClientHello in one TLS record: type -> data. */
function clientHelloExtensions(record: Buffer): Map<number, Buffer> {
  let at = 5 + 4 + 2 + 32; // record header, handshake header, legacy_version, random
  at += 1 + record[at]!; // session id
  at += 2 + record.readUInt16BE(at); // cipher suites
  at += 1 + record[at]!; // compression methods
  const end = at + 2 + record.readUInt16BE(at);
  at += 2;
  const out = new Map<number, Buffer>();
  while (at < end) {
    const type = record.readUInt16BE(at);
    const length = record.readUInt16BE(at + 2);
    out.set(type, record.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return out;
}
