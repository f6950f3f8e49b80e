// A CA's publication point on loopback, as a leaf's CA Issuers URL (Authority Information Access) names
// it: an HTTP server that answers given paths with certificate files, redirects or errors and records
// what was asked. Plus a leaf the test intermediate signs, made by openssl with such a URL, and a TLS
// server that sends only that leaf (the intermediate left out, as a misconfigured server does).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { run } from './peers';
import { chainFile } from './tls-servers';

export interface Publication {
  readonly status?: number;
  readonly body?: Uint8Array | string;
  readonly location?: string;
}

export interface PublicationServer {
  readonly origin: string;
  /** Every path asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startPublicationServer(paths: Record<string, Publication>): Promise<PublicationServer> {
  const requests: string[] = [];
  const server = createHttpServer((request, response) => {
    requests.push(request.url ?? '');
    const answer = paths[request.url ?? ''];
    if (!answer) return response.writeHead(404).end('not here');
    response.writeHead(answer.status ?? 200, { ...(answer.location ? { Location: answer.location } : {}), 'Content-Type': 'application/pkix-cert' });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The DER of a fixture certificate, as `openssl x509 -outform DER` writes it. */
export function fixtureDerFile(name: string): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-der-'));
  try {
    const out = path.join(dir, 'cert.der');
    run('openssl', ['x509', '-in', chainFile(name), '-outform', 'DER', '-out', out]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A certs-only PKCS#7 (DER) of fixture certificates, as `openssl crl2pkcs7 -nocrl` writes it. */
export function fixturePkcs7(...names: string[]): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-p7-'));
  try {
    const out = path.join(dir, 'certs.p7c');
    run('openssl', ['crl2pkcs7', '-nocrl', ...names.flatMap((n) => ['-certfile', chainFile(n)]), '-outform', 'DER', '-out', out]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A leaf for "localhost" that the test intermediate signs, naming `url` as its CA Issuers URL. */
export function leafWithCaIssuers(url: string): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-aia-leaf-'));
  try {
    const ext = path.join(dir, 'leaf.ext');
    writeFileSync(ext, `subjectAltName=DNS:localhost,IP:127.0.0.1\nauthorityInfoAccess=caIssuers;URI:${url}\n`);
    const key = path.join(dir, 'leaf.key');
    const csr = path.join(dir, 'leaf.csr');
    const cert = path.join(dir, 'leaf.pem');
    run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-subj', '/CN=localhost/O=TrustLens Test', '-out', csr]);
    run('openssl', ['x509', '-req', '-in', csr, '-CA', chainFile('int'), '-CAkey', chainFile('int').replace(/\.pem$/, '.key'), '-set_serial', '0x5a1a', '-days', '30', '-extfile', ext, '-out', cert]);
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A TLS server on 127.0.0.1 that sends only `leaf` (its intermediate left out). */
export async function startLeafOnlyServer(leaf: { cert: string; key: string }): Promise<{ target: string; port: number; close(): Promise<void> }> {
  const server = createTlsServer({ cert: leaf.cert, key: leaf.key }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { target: `127.0.0.1:${port}`, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
