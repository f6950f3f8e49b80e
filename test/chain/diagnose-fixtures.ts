// Fixtures of test/fixtures/diagnose (made by its make.sh): certificates, keys, trust stores read back
// through keytool, and node:tls servers on 127.0.0.1 that send a given chain.
import { readFileSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { TrustAnchorEntry } from '../../shared/chain/diagnose';
import { QUICK_JVM } from '../peers/java-client';
import { runAsync } from '../peers/run-async';

export const DIAGNOSE_DIR = fileURLToPath(new URL('../fixtures/diagnose/', import.meta.url));
export const STORE_PASSWORD = 'changeit';
export const STORES = ['roots', 'intermediate', 'unrelated', 'pinned'] as const;
export type StoreName = (typeof STORES)[number];

export const jksStore = (store: StoreName): string => join(DIAGNOSE_DIR, `store-${store}.jks`);
export const pemStore = (store: StoreName): string => join(DIAGNOSE_DIR, `store-${store}.pem`);

function pemBlocks(text: string): Uint8Array[] {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new Uint8Array(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')));
}

export function fixturePem(name: string): string {
  return readFileSync(join(DIAGNOSE_DIR, `${name}.pem`), 'utf8');
}

export function fixtureDer(name: string): Uint8Array {
  return pemBlocks(fixturePem(name))[0]!;
}

/** The trusted-certificate entries of a JKS store as keytool lists them (-list -rfc): alias and DER. */
export async function readTrustStore(store: StoreName): Promise<TrustAnchorEntry[]> {
  const result = await runAsync('keytool', [...QUICK_JVM.map((flag) => `-J${flag}`), '-list', '-rfc', '-keystore', jksStore(store), '-storepass', STORE_PASSWORD]);
  if (result.status !== 0) throw new Error(`keytool -list failed: ${result.stderr || result.stdout}`);
  const entries: TrustAnchorEntry[] = [];
  for (const section of result.stdout.split(/^Alias name: /m).slice(1)) {
    const alias = section.slice(0, section.indexOf('\n')).trim();
    if (!/Entry type: trustedCertEntry/.test(section)) continue;
    const der = pemBlocks(section)[0];
    if (der) entries.push({ alias, der });
  }
  return entries;
}

export interface ChainServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A TLS server on 127.0.0.1 that sends exactly `chain` (fixture names, leaf first) with `key`'s key. */
export function startChainServer(key: string, chain: readonly string[]): Promise<ChainServer> {
  return startPemServer(readFileSync(join(DIAGNOSE_DIR, `${key}.key`), 'utf8'), chain.map(fixturePem).join(''));
}

/** A TLS server on 127.0.0.1 that sends exactly the certificates of `chainPem` (leaf first) with this key. */
export async function startPemServer(keyPem: string, chainPem: string): Promise<ChainServer> {
  const server = createServer({
    key: keyPem,
    cert: chainPem,
    // The weak-signature and weak-key fixtures must load: the client, not this server, decides about them.
    ciphers: 'DEFAULT@SECLEVEL=0',
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  server.on('secureConnection', (socket) => {
    socket.on('error', () => undefined);
    socket.end();
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
