// probeTls when things go wrong, against real loopback servers: each failure is a typed error with one
// sentence naming host:port, and nothing hangs (every case finishes well inside its timeout).
import { execFile } from 'node:child_process';
import { createServer as createTcpServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, TrustLensError } from '../../../../shared/errors';
import { probeTls } from '../../../../electron/services/tls/probe';
import {
  chainDer,
  refusedPort,
  startNodeTlsServer,
  startOpensslServer,
  startPlainHttpServer,
  startRawServer,
  startSilentServer,
} from '../../../support/tls-servers';
import type { RunningServer } from '../../../support/tls-servers';

let servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function keep<T extends RunningServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}

async function failure(promise: Promise<unknown>): Promise<TrustLensError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrustLensError);
  return error as TrustLensError;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('probeTls failures', () => {
  it('reports a refused port', async () => {
    const server = await refusedPort();
    const error = await failure(probeTls(server.target, { timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`${server.target} refused the connection: nothing is listening there (check the host and port)`);
  });

  it('reports a plain HTTP server as not TLS', async () => {
    const server = await keep(startPlainHttpServer());
    const error = await failure(probeTls(server.target, { timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`${server.target} did not answer with TLS (it looks like plain HTTP)`);
  });

  it('times out on a server that accepts and never answers', async () => {
    const server = await keep(startSilentServer());
    const started = Date.now();
    const error = await failure(probeTls(server.target, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(new RegExp(`^no answer from ${server.target} within 300 ms \\(it accepted the connection but sent nothing back`));
  });

  it('names the alert of a server that only speaks TLS 1.3 to a client capped at TLS 1.2', async () => {
    const server = await keep(startNodeTlsServer({ chain: ['leaf-rsa', 'int'], minVersion: 'TLSv1.3' }));
    const error = await failure(probeTls(server.target, { maxVersion: 'TLSv1.2', timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(
      `${server.target} refused the TLS handshake with alert protocol_version (the server and this client have no TLS version in common)`,
    );
  });

  it('names the alert of a server whose only cipher this client does not offer (openssl s_server)', async () => {
    const server = await keep(startOpensslServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', ciphers: 'NULL-SHA256:@SECLEVEL=0' }));
    const error = await failure(probeTls(server.target, { timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(new RegExp(`^${server.target} refused the TLS handshake with alert handshake_failure \\(`));
  });

  it('cannot resolve a .invalid name', async () => {
    const error = await failure(probeTls('nonexistent.invalid:443', { timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(/^cannot resolve host nonexistent\.invalid: /);
  });

  it('is cancelled by an AbortSignal, also before it starts', async () => {
    const server = await keep(startSilentServer());
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await failure(probeTls(server.target, { signal: controller.signal, timeoutMs: 5000 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toBe(`probe of ${server.target} was cancelled`);
    const before = await failure(probeTls(server.target, { signal: AbortSignal.abort() }));
    expect(before.code).toBe('CANCELLED');
  });

  it('reports a server that closes without answering', async () => {
    const server = await keep(startRawServer((socket) => socket.end()));
    const error = await failure(probeTls(server.target, { timeoutMs: 5000 }));
    expect(error.message).toBe(`${server.target} closed the connection without answering the TLS handshake (is it a TLS port?)`);
  });

  describe('a hostile server', () => {
    // A ServerHello (TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256, renegotiation_info) and then the start of a
    // Certificate message whose declared length is far more than is ever sent.
    const serverHello = Buffer.concat([
      Buffer.from([2, 0, 0, 45, 3, 3]),
      Buffer.alloc(32, 7),
      Buffer.from([0, 0xc0, 0x2f, 0, 0, 5, 0xff, 0x01, 0, 1, 0]),
    ]);
    const record = (body: Buffer) => Buffer.concat([Buffer.from([22, 3, 3, body.length >> 8, body.length & 0xff]), body]);
    const certificateDeclaring = (length: number) =>
      record(Buffer.concat([Buffer.from([11, length >> 16, (length >> 8) & 0xff, length & 0xff]), Buffer.alloc(1000)]));

    it('declaring a 16 MiB Certificate message gets a clear error at once', async () => {
      const server = await keep(startRawServer((socket) => socket.write(Buffer.concat([record(serverHello), certificateDeclaring(0xffffff)]))));
      const error = await failure(probeTls(server.target, { timeoutMs: 3000 }));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.message).toMatch(new RegExp(`^${server.target}'s Certificate message \\(its chain\\) is 16,777,215 bytes long, .*\\("excessive message size"\\)`));
    });

    it('declaring 64 KiB and stalling ends at the timeout', async () => {
      const server = await keep(startRawServer((socket) => socket.write(Buffer.concat([record(serverHello), certificateDeclaring(0xffff)]))));
      const error = await failure(probeTls(server.target, { timeoutMs: 400 }));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.message).toBe(`no answer from ${server.target} within 400 ms (the TLS handshake did not finish)`);
    });
  });

  it('reports a malformed record header as not TLS', async () => {
    const server = await keep(startRawServer((socket) => socket.end(Buffer.from([22, 3, 3, 0xff, 0xff, 1, 2, 3]))));
    const error = await failure(probeTls(server.target, { timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toMatch(new RegExp(`^${server.target} did not answer with TLS`));
  });
});

describe('probeTls and client certificates', () => {
  it('returns the chain a TLS 1.2 server sent before it aborted for want of a client certificate', async () => {
    const server = await keep(startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', requireClientCertificate: true }));
    const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(record.sent.map(hex)).toEqual(['leaf-rsa', 'int'].map((name) => hex(chainDer(name))));
    expect(record.clientCertificateRequested).toBe(true);
    expect(record.handshakeFailure).toBe(`${server.target} requires a client certificate (mutual TLS) and ended the handshake when none was sent`);
  });

  it('returns the chain of a TLS 1.3 server that requires a client certificate (openssl s_server -Verify)', async () => {
    const server = await keep(startOpensslServer({ chain: ['leaf-ec', 'int'], minVersion: 'TLSv1.3', requireClientCertificate: true }));
    const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(record.protocol).toBe('TLSv1.3');
    expect(record.sent.map(hex)).toEqual(['leaf-ec', 'int'].map((name) => hex(chainDer(name))));
    expect(record.clientCertificateRequested).toBe(true);
    expect(record.handshakeFailure).toBe(`${server.target} requires a client certificate (mutual TLS) and ended the handshake when none was sent`);
  });

  it('does not call an optional client certificate a failure (TLS 1.3 and TLS 1.2)', async () => {
    for (const maxVersion of ['TLSv1.3', 'TLSv1.2'] as const) {
      const server = await keep(startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion, requestClientCertificate: true }));
      const record = await probeTls(server.target, { servername: 'localhost', timeoutMs: 5000 });
      expect(record.protocol).toBe(maxVersion);
      expect(record.clientCertificateRequested).toBe(true);
      expect(record.handshakeFailure).toBeUndefined();
    }
  });
});

describe('probeTls and a chain longer than OpenSSL reads', () => {
  // 1,000 copies of the intermediate after the leaf: far past OpenSSL's 100 KiB certificate list.
  const chain = ['leaf-rsa', ...Array<string>(1000).fill('int')];
  const declared = 3 + chainDer('leaf-rsa').length + 3 + 1000 * (chainDer('int').length + 3);

  it.each(['TLSv1.2', 'TLSv1.3'] as const)('says in %s how long the Certificate message of the server is, and what that means', async (version) => {
    const server = await keep(startNodeTlsServer({ chain, minVersion: version, maxVersion: version }));
    const error = await failure(probeTls(server.target, { timeoutMs: 10_000 }));
    expect(error).toBeInstanceOf(NetworkError);
    // TLS 1.3 puts a 1-byte request context and 2 bytes of extensions per certificate in the message.
    const length = version === 'TLSv1.3' ? 1 + declared + 1001 * 2 : declared;
    expect(error.message).toBe(
      `${server.target}'s Certificate message (its chain) is ${length.toLocaleString('en-US')} bytes long, more than TLS clients built on OpenSSL accept ` +
        '(102,400 bytes by default), so they end the handshake ("excessive message size"): a server needs to send only its own certificate and the ' +
        'intermediates up to its CA; configure it to send a shorter chain',
    );
  });

  it('openssl s_client fails on the same server with the bare reason the probe explains', async () => {
    const server = await keep(startNodeTlsServer({ chain, maxVersion: 'TLSv1.2' }));
    // Not spawnSync: the server runs in this process's event loop.
    const output = await new Promise<string>((resolve) => {
      const child = execFile('openssl', ['s_client', '-connect', server.target], { encoding: 'utf8', timeout: 10_000 }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
      child.stdin?.end();
    });
    expect(output).toContain('excessive message size');
  });
});

describe('probeTls addressing', () => {
  it('sends the host name as SNI, none for an IP address, and the servername option when given', async () => {
    const server = await keep(startNodeTlsServer({ chain: ['leaf-rsa', 'int'] }));
    const byIp = await probeTls(`127.0.0.1:${server.port}`, { timeoutMs: 5000 });
    const byName = await probeTls(`https://localhost:${server.port}/path?q=1`, { timeoutMs: 5000 });
    const explicit = await probeTls(`127.0.0.1:${server.port}`, { servername: 'probe.test', timeoutMs: 5000 });
    expect([byIp.servername, byName.servername, explicit.servername]).toEqual(['', 'localhost', 'probe.test']);
    expect(byName.host).toBe('localhost');
    await vi.waitFor(() => expect(server.servernames).toEqual([false, 'localhost', 'probe.test']));
  });

  it('probes an IPv6 literal ([::1]:port) where ::1 is available', async (context) => {
    const probe = createTcpServer();
    const available = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    if (!available) context.skip();
    const server = await keep(startNodeTlsServer({ chain: ['leaf-rsa', 'int'], host: '::1' }));
    const record = await probeTls(`[::1]:${server.port}`, { servername: 'localhost', timeoutMs: 5000 });
    expect(server.target).toBe(`[::1]:${server.port}`);
    expect(record).toMatchObject({ host: '::1', port: server.port, address: '::1' });
    expect(record.sent.map(hex)).toEqual(['leaf-rsa', 'int'].map((name) => hex(chainDer(name))));
  });
});
