// A small PKI made per run by openssl, for the revocation tests: a root, a good and a revoked intermediate,
// and leaves (good, revoked, one whose OCSP responder and CRL are unreachable), each naming in its AIA the
// OCSP responder of its issuer and in its CRL Distribution Points its issuer's CRL, both on one loopback HTTP
// server: /ocsp/CA answers with what `openssl ocsp -index` makes of the request (GET or POST), /crl/CA.crl
// serves the CRL `openssl ca -gencrl` made (DER). And `openssl s_server` serving a chain, stapling a response
// on request.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import * as path from 'node:path';
import { runAsync } from '../peers/run-async';
import { run } from './peers';

export type CaName = 'root' | 'int' | 'int-revoked';
export type LeafName = 'leaf-good' | 'leaf-revoked' | 'leaf-under-revoked' | 'leaf-dead';

interface Spec {
  readonly issuer: CaName | null;
  readonly serial: string; // hex, even length
  readonly subject: string;
  readonly revoked?: boolean;
  /** Where its issuer's responder and CRL are: on the server, or on a port where nothing listens. */
  readonly dead?: boolean;
}

const SPECS: Readonly<Record<CaName | LeafName, Spec>> = {
  root: { issuer: null, serial: '1000', subject: '/O=TrustLens Revocation Test/CN=Revocation Test Root' },
  int: { issuer: 'root', serial: '1001', subject: '/O=TrustLens Revocation Test/CN=Revocation Test Intermediate' },
  'int-revoked': { issuer: 'root', serial: '1002', subject: '/O=TrustLens Revocation Test/CN=Revoked Intermediate', revoked: true },
  'leaf-good': { issuer: 'int', serial: '2001', subject: '/CN=localhost' },
  'leaf-revoked': { issuer: 'int', serial: '2002', subject: '/CN=localhost', revoked: true },
  'leaf-under-revoked': { issuer: 'int-revoked', serial: '2003', subject: '/CN=localhost' },
  'leaf-dead': { issuer: 'int', serial: '2004', subject: '/CN=localhost', dead: true },
};

export interface RevocationPki {
  readonly dir: string;
  readonly origin: string;
  /** The PEM file of a certificate, and of its key. */
  file(name: CaName | LeafName): string;
  key(name: CaName | LeafName): string;
  issuerOf(name: CaName | LeafName): CaName;
  /** The OCSP URL its AIA names. */
  ocspUrl(name: CaName | LeafName): string;
  /** When the revoked ones were revoked (ISO-8601, whole seconds). */
  readonly revokedAt: string;
  /** Every path asked for, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** openssl's index.txt time: YYMMDDHHMMSSZ. */
const indexTime = (date: Date) => date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

export async function makeRevocationPki(dir: string): Promise<RevocationPki> {
  mkdirSync(dir, { recursive: true });
  const requests: string[] = [];
  const file = (name: string) => path.join(dir, `${name}.pem`);
  const key = (name: string) => path.join(dir, `${name}.key`);
  const server: Server = createHttpServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void answer(request.method ?? 'GET', request.url ?? '', Buffer.concat(chunks)).then(
        ({ status, type, body }) => response.writeHead(status, { 'Content-Type': type }).end(body),
        (error: Error) => response.writeHead(500).end(error.message),
      );
    });
  });
  const answer = async (method: string, url: string, body: Buffer): Promise<{ status: number; type: string; body: Buffer | string }> => {
    const crl = /^\/crl\/([\w-]+)\.crl$/.exec(url);
    if (crl && crl[1]! in SPECS) return { status: 200, type: 'application/pkix-crl', body: readFileSync(path.join(dir, `${crl[1]}.crl`)) };
    const ocsp = /^\/ocsp\/([\w-]+)(?:\/(.+))?$/.exec(url);
    if (!ocsp || !(ocsp[1]! in SPECS)) return { status: 404, type: 'text/plain', body: 'not here' };
    const ca = ocsp[1]!;
    // RFC 6960 appendix A: GET carries the DER request base64 (URL-encoded) in the path; POST in the body.
    const der = method === 'POST' ? body : Buffer.from(decodeURIComponent(ocsp[2] ?? ''), 'base64');
    const id = `${ca}-${requests.length}`;
    writeFileSync(path.join(dir, `${id}.req`), der);
    const result = await runAsync('openssl', ['ocsp', '-index', path.join(dir, `${ca}.index`), '-rsigner', file(ca), '-rkey', key(ca), '-CA', file(ca), '-reqin', path.join(dir, `${id}.req`), '-respout', path.join(dir, `${id}.resp`), '-ndays', '1']);
    if (result.status !== 0) return { status: 500, type: 'text/plain', body: result.stderr };
    return { status: 200, type: 'application/ocsp-response', body: readFileSync(path.join(dir, `${id}.resp`)) };
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dead = `http://127.0.0.1:${await deadPort()}`;
  const ocspUrl = (name: CaName | LeafName) => `${SPECS[name].dead ? dead : origin}/ocsp/${SPECS[name].issuer}`;
  const crlUrl = (name: CaName | LeafName) => `${SPECS[name].dead ? dead : origin}/crl/${SPECS[name].issuer}.crl`;

  const revoked = new Date(Date.now() - 86_400_000);
  const index = new Map<CaName, string[]>([['root', []], ['int', []], ['int-revoked', []]]);
  for (const [name, spec] of Object.entries(SPECS) as [CaName | LeafName, Spec][]) {
    run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key(name)]);
    const ext = path.join(dir, `${name}.ext`);
    const ca = spec.issuer === null || !name.startsWith('leaf');
    writeFileSync(
      ext,
      [
        '[v3]',
        ca ? 'basicConstraints = critical, CA:true' : 'basicConstraints = critical, CA:false',
        ca ? 'keyUsage = critical, keyCertSign, cRLSign' : 'keyUsage = critical, digitalSignature',
        ...(ca ? [] : ['extendedKeyUsage = serverAuth', 'subjectAltName = DNS:localhost']),
        'subjectKeyIdentifier = hash',
        ...(spec.issuer ? ['authorityKeyIdentifier = keyid', `authorityInfoAccess = OCSP;URI:${ocspUrl(name)}`, `crlDistributionPoints = URI:${crlUrl(name)}`] : []),
        '',
      ].join('\n'),
    );
    if (spec.issuer === null) {
      run('openssl', ['req', '-x509', '-new', '-key', key(name), '-subj', spec.subject, '-days', '30', '-set_serial', `0x${spec.serial}`, '-config', ext, '-extensions', 'v3', '-out', file(name)]);
    } else {
      const csr = path.join(dir, `${name}.csr`);
      run('openssl', ['req', '-new', '-key', key(name), '-subj', spec.subject, '-config', ext, '-out', csr]);
      run('openssl', ['x509', '-req', '-in', csr, '-CA', file(spec.issuer), '-CAkey', key(spec.issuer), '-set_serial', `0x${spec.serial}`, '-days', '30', '-extfile', ext, '-extensions', 'v3', '-out', file(name)]);
      const expiry = indexTime(new Date(Date.now() + 30 * 86_400_000));
      index.get(spec.issuer)!.push(spec.revoked ? `R\t${expiry}\t${indexTime(revoked)},keyCompromise\t${spec.serial}\tunknown\t${spec.subject}` : `V\t${expiry}\t\t${spec.serial}\tunknown\t${spec.subject}`);
    }
  }
  for (const [ca, lines] of index) {
    writeFileSync(path.join(dir, `${ca}.index`), lines.map((line) => `${line}\n`).join(''));
    // Several leaves are CN=localhost: openssl ca reads this beside its database.
    writeFileSync(path.join(dir, `${ca}.index.attr`), 'unique_subject = no\n');
    const config = path.join(dir, `${ca}.cnf`);
    writeFileSync(config, `[ca]\ndefault_ca = here\n[here]\ndatabase = ${path.join(dir, `${ca}.index`)}\ndefault_md = sha256\ndefault_crl_days = 1\n`);
    run('openssl', ['ca', '-config', config, '-gencrl', '-keyfile', key(ca), '-cert', file(ca), '-out', path.join(dir, `${ca}.crl.pem`)]);
    run('openssl', ['crl', '-in', path.join(dir, `${ca}.crl.pem`), '-outform', 'DER', '-out', path.join(dir, `${ca}.crl`)]);
  }
  return {
    dir,
    origin,
    file,
    key,
    issuerOf: (name) => SPECS[name].issuer ?? 'root',
    ocspUrl,
    revokedAt: `${revoked.toISOString().slice(0, 19)}Z`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface StapleServer {
  readonly port: number;
  close(): Promise<void>;
}

/** `openssl s_server` on 127.0.0.1 sending `leaf` and then `chain`, stapling `statusFile` (DER) when given. */
export async function startChainServer(leaf: string, leafKey: string, chain: readonly string[], chainFile: string, statusFile?: string): Promise<StapleServer> {
  writeFileSync(chainFile, chain.map((f) => readFileSync(f, 'utf8')).join(''));
  const args = ['s_server', '-accept', '127.0.0.1:0', '-cert', leaf, '-key', leafKey, '-cert_chain', chainFile, '-naccept', '1000', ...(statusFile ? ['-status_file', statusFile] : [])];
  const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined);
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ACCEPT .*:(\d+)\s/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`openssl s_server exited ${code} before listening: ${output}`)));
  });
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
