// A small PKI whose revocation is published on loopback, with the ways a publisher goes wrong (for the
// check's own tests; test/support/revocation-pki.ts is the one the Java and s_server tests share), made and answered by OpenSSL itself: a root, an
// intermediate and leaves (good, revoked with a reason, unknown to the responder, revoked and named only
// in a CRL), their statuses in `openssl ca` databases, OCSP answered by `openssl ocsp` as a responder
// (one run per request, -reqin/-respout, behind a Node HTTP server on 127.0.0.1 so the port is the
// system's choice), CRLs made by `openssl ca -gencrl` and served as DER and PEM. The responder can be
// told to sign with a key the issuer never authorized, or through a delegated responder with or without
// the OCSP Signing EKU.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run } from './peers';

export type Signer = 'issuer' | 'wrong-key' | 'delegated' | 'delegated-no-eku';

export interface PkiCert {
  readonly pem: string;
  readonly key: string;
  readonly der: Uint8Array;
}

export interface RevocationPublisher {
  readonly dir: string;
  readonly origin: string;
  readonly root: PkiCert;
  readonly int: PkiCert;
  readonly good: PkiCert;
  /** Revoked by the intermediate (keyCompromise), with OCSP and CRL URLs. */
  readonly revoked: PkiCert;
  /** Issued by the intermediate but in no database: OCSP says unknown. */
  readonly unknown: PkiCert;
  /** Revoked (superseded), with only a CRL distribution point (DER CRL). */
  readonly crlOnly: PkiCert;
  /** Good, with only a CRL distribution point served as PEM. */
  readonly crlPem: PkiCert;
  /** Names nothing: no OCSP responder, no CRL. */
  readonly bare: PkiCert;
  /** Who signs OCSP answers from now on. */
  signer: Signer;
  /** Answer OCSP requests with the last response made (for another request, so for another nonce): a replay. */
  replay: boolean;
  /** What /crl/int.crl serves instead of the current CRL, when set (a stale CRL, a huge body). */
  crlOverride: Uint8Array | null;
  /** When above 0: /crl/int.crl answers this many ms late, with a CRL made as it answers (lastUpdate: then). */
  crlDelayMs: number;
  /** OCSP requests answered so far. */
  readonly requests: string[];
  /** A CRL of the intermediate with the given lastUpdate/nextUpdate (YYYYMMDDHHMMSSZ), made by openssl ca. */
  crlWithTimes(lastUpdate: string, nextUpdate: string): Uint8Array;
  close(): Promise<void>;
}

function cnf(dir: string, name: string): string {
  const file = path.join(dir, `${name}.cnf`);
  writeFileSync(
    file,
    [
      '[ca]',
      `default_ca = ${name}`,
      `[${name}]`,
      `database = ${path.join(dir, `${name}-index.txt`)}`,
      `crlnumber = ${path.join(dir, `${name}-crlnumber`)}`,
      `certificate = ${path.join(dir, `${name}.pem`)}`,
      `private_key = ${path.join(dir, `${name}.key`)}`,
      'default_md = sha256',
      'default_crl_days = 7',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, `${name}-index.txt`), '');
  writeFileSync(path.join(dir, `${name}-crlnumber`), '1000\n');
  return file;
}

function makeCert(dir: string, name: string, subject: string, issuer: string | null, extensions: string[], serial: string): PkiCert {
  const key = path.join(dir, `${name}.key`);
  const pem = path.join(dir, `${name}.pem`);
  const ext = path.join(dir, `${name}.ext`);
  writeFileSync(ext, `${extensions.join('\n')}\n`);
  run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  if (issuer === null) {
    run('openssl', ['req', '-new', '-x509', '-key', key, '-subj', subject, '-days', '3650', '-set_serial', serial, '-extensions', 'v3', '-config', withSection(dir, name, extensions), '-out', pem]);
  } else {
    const csr = path.join(dir, `${name}.csr`);
    run('openssl', ['req', '-new', '-key', key, '-subj', subject, '-out', csr]);
    run('openssl', ['x509', '-req', '-in', csr, '-CA', path.join(dir, `${issuer}.pem`), '-CAkey', path.join(dir, `${issuer}.key`), '-set_serial', serial, '-days', '825', '-extfile', ext, '-out', pem]);
  }
  const derFile = path.join(dir, `${name}.der`);
  run('openssl', ['x509', '-in', pem, '-outform', 'DER', '-out', derFile]);
  return { pem, key, der: new Uint8Array(readFileSync(derFile)) };
}

function withSection(dir: string, name: string, extensions: string[]): string {
  const file = path.join(dir, `${name}-req.cnf`);
  writeFileSync(file, ['[req]', 'distinguished_name = dn', '[dn]', '[v3]', ...extensions, ''].join('\n'));
  return file;
}

export async function startRevocationPublisher(): Promise<RevocationPublisher> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-revocation-'));
  const requests: string[] = [];
  // The server's handler reads what the test changes (signer, crlOverride) on the object returned below.
  const live: { pki?: RevocationPublisher } = {};
  let lastResponse: Buffer | null = null;
  // Each CA's current CRL, made once (openssl ca -gencrl) and served as often as asked.
  const crls = new Map<string, Uint8Array>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '';
      if (request.method === 'POST' && url.startsWith('/ocsp/')) {
        requests.push(url);
        if (live.pki!.replay && lastResponse) {
          response.writeHead(200, { 'Content-Type': 'application/ocsp-response' }).end(lastResponse);
          return;
        }
        const ca = url === '/ocsp/root' ? 'root' : 'int';
        const reqFile = path.join(dir, `req-${requests.length}.der`);
        const respFile = path.join(dir, `resp-${requests.length}.der`);
        writeFileSync(reqFile, Buffer.concat(chunks));
        const signer = ca === 'int' ? live.pki!.signer : 'issuer';
        const [rsigner, rkey] = signer === 'issuer' ? [ca, ca] : signer === 'wrong-key' ? ['other', 'other'] : signer === 'delegated' ? ['responder', 'responder'] : ['responder-no-eku', 'responder-no-eku'];
        run('openssl', ['ocsp', '-index', path.join(dir, `${ca}-index.txt`), '-CA', path.join(dir, `${ca}.pem`), '-rsigner', path.join(dir, `${rsigner}.pem`), '-rkey', path.join(dir, `${rkey}.key`), '-ndays', '1', '-reqin', reqFile, '-respout', respFile]);
        lastResponse = readFileSync(respFile);
        response.writeHead(200, { 'Content-Type': 'application/ocsp-response' }).end(lastResponse);
        return;
      }
      if (url === '/crl/int.crl' || url === '/crl/root.crl' || url === '/crl/int.pem') {
        const ca = url.includes('root') ? 'root' : 'int';
        const form = url.endsWith('.pem') ? 'PEM' : 'DER';
        if (url === '/crl/int.crl' && live.pki!.crlDelayMs > 0) {
          setTimeout(() => response.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(Buffer.from(crl('int', 'DER'))), live.pki!.crlDelayMs);
          return;
        }
        const body = url === '/crl/int.crl' && live.pki!.crlOverride ? live.pki!.crlOverride : (crls.get(`${ca} ${form}`) ?? crls.set(`${ca} ${form}`, crl(ca, form)).get(`${ca} ${form}`)!);
        response.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(Buffer.from(body));
        return;
      }
      response.writeHead(404).end('not here');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const caExt = ['basicConstraints=critical,CA:true', 'keyUsage=critical,keyCertSign,cRLSign', 'subjectKeyIdentifier=hash'];
  const aia = (ca: string) => `authorityInfoAccess=OCSP;URI:${origin}/ocsp/${ca}`;
  const cdp = (file: string) => `crlDistributionPoints=URI:${origin}/crl/${file}`;
  const leafExt = ['basicConstraints=CA:false', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth', 'subjectAltName=DNS:localhost,IP:127.0.0.1'];
  const root = makeCert(dir, 'root', '/CN=Revocation Test Root/O=TrustLens Test', null, caExt, '0x01');
  const rootCnf = cnf(dir, 'root');
  const int = makeCert(dir, 'int', '/CN=Revocation Test Intermediate/O=TrustLens Test', 'root', [...caExt, aia('root'), cdp('root.crl')], '0x0100');
  const intCnf = cnf(dir, 'int');
  const good = makeCert(dir, 'good', '/CN=localhost/O=Good', 'int', [...leafExt, aia('int'), cdp('int.crl')], '0x1001');
  const revoked = makeCert(dir, 'revoked', '/CN=localhost/O=Revoked', 'int', [...leafExt, aia('int'), cdp('int.crl')], '0x1002');
  const unknown = makeCert(dir, 'unknown', '/CN=localhost/O=Unknown', 'int', [...leafExt, aia('int'), cdp('int.crl')], '0x1003');
  const crlOnly = makeCert(dir, 'crl-only', '/CN=localhost/O=CRL only', 'int', [...leafExt, cdp('int.crl')], '0x1004');
  const crlPem = makeCert(dir, 'crl-pem', '/CN=localhost/O=CRL as PEM', 'int', [...leafExt, cdp('int.pem')], '0x1005');
  const bare = makeCert(dir, 'bare', '/CN=localhost/O=Bare', 'int', leafExt, '0x1006');
  makeCert(dir, 'other', '/CN=Not The Issuer/O=TrustLens Test', null, caExt, '0x77');
  makeCert(dir, 'responder', '/CN=Delegated OCSP Responder/O=TrustLens Test', 'int', ['basicConstraints=CA:false', 'keyUsage=critical,digitalSignature', 'extendedKeyUsage=OCSPSigning'], '0x2001');
  makeCert(dir, 'responder-no-eku', '/CN=Responder Without EKU/O=TrustLens Test', 'int', ['basicConstraints=CA:false', 'keyUsage=critical,digitalSignature'], '0x2002');
  const ca = (config: string, args: string[]) => run('openssl', ['ca', '-config', config, '-batch', ...args]);
  ca(rootCnf, ['-valid', int.pem]);
  for (const cert of [good, crlPem]) ca(intCnf, ['-valid', cert.pem]);
  ca(intCnf, ['-revoke', revoked.pem, '-crl_reason', 'keyCompromise']);
  ca(intCnf, ['-revoke', crlOnly.pem, '-crl_reason', 'superseded']);
  const crl = (name: string, form: 'DER' | 'PEM', times: string[] = []): Uint8Array => {
    const out = path.join(dir, `${name}-${Date.now()}.crl`);
    ca(name === 'root' ? rootCnf : intCnf, ['-gencrl', ...times, '-out', `${out}.pem`]);
    if (form === 'PEM') return new Uint8Array(readFileSync(`${out}.pem`));
    run('openssl', ['crl', '-in', `${out}.pem`, '-outform', 'DER', '-out', out]);
    return new Uint8Array(readFileSync(out));
  };
  const pki: RevocationPublisher = {
    dir,
    origin,
    root,
    int,
    good,
    revoked,
    unknown,
    crlOnly,
    crlPem,
    bare,
    signer: 'issuer',
    replay: false,
    crlOverride: null,
    crlDelayMs: 0,
    requests,
    crlWithTimes: (lastUpdate, nextUpdate) => crl('int', 'DER', ['-crl_lastupdate', lastUpdate, '-crl_nextupdate', nextUpdate]),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.pki = pki;
  return pki;
}
