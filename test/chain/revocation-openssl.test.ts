// The OpenSSL revocation verdict (shared/chain/revocation.ts) against `openssl verify` itself on a PKI made
// per run (test/support/revocation-pki.ts): with no flag, -crl_check and -crl_check_all, and as -CRLfile the
// CRLs the certificates' distribution points serve (fetched from the loopback HTTP server; an unreachable one
// gives none: `-crl_download` of a refused URL hangs in OpenSSL 3.0 until it is killed), revocationProblems must block exactly where openssl verify fails, as REVOKED for "certificate revoked" and
// REVOCATION_UNKNOWN for "unable to get certificate CRL"; and s_client -status prints a revoked staple
// without failing verification.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslRevocationSettings, revocationEndpoints, revocationProblems, type PathRevocation } from '../../shared/chain/revocation';
import type { RevocationCheck } from '../../shared/model/revocation';
import { parseCertificate } from '../../shared/x509/certificate';
import { run } from '../support/peers';
import { pemCertificates } from '../support/tls-servers';
import { runAsync } from '../peers/run-async';
import { checkOf, offers } from '../support/revocation-checks';
import { makeRevocationPki, startChainServer, type CaName, type LeafName, type RevocationPki } from '../support/revocation-pki';

const LEAVES: readonly LeafName[] = ['leaf-good', 'leaf-revoked', 'leaf-under-revoked', 'leaf-dead'];
const FLAGS: Record<string, string[]> = { 'no flag': [], '-crl_check': ['-crl_check'], '-crl_check_all': ['-crl_check_all'] };
/** What openssl verify does, per flag and leaf: the table the comparison rests on. */
const EXPECTED: Record<string, Record<LeafName, 'OK' | 'certificate revoked' | 'unable to get certificate CRL'>> = {
  'no flag': { 'leaf-good': 'OK', 'leaf-revoked': 'OK', 'leaf-under-revoked': 'OK', 'leaf-dead': 'OK' },
  '-crl_check': { 'leaf-good': 'OK', 'leaf-revoked': 'certificate revoked', 'leaf-under-revoked': 'OK', 'leaf-dead': 'unable to get certificate CRL' },
  '-crl_check_all': { 'leaf-good': 'OK', 'leaf-revoked': 'certificate revoked', 'leaf-under-revoked': 'certificate revoked', 'leaf-dead': 'unable to get certificate CRL' },
};

let dir: string;
let pki: RevocationPki;
const paths = new Map<LeafName, PathRevocation[]>();
/** Per leaf: a PEM file of the CRLs its and its issuer's distribution points served. */
const crlFiles = new Map<LeafName, string>();

/** The CRL a certificate's distribution point serves, as PEM; '' when it cannot be had. */
async function fetchCrl(name: CaName | LeafName): Promise<string> {
  const url = revocationEndpoints(parseCertificate(pemCertificates(run('openssl', ['x509', '-in', pki.file(name)]).stdout)[0]!)).crl[0]!;
  try {
    const der = new Uint8Array(await (await fetch(url)).arrayBuffer());
    return run('openssl', ['crl', '-inform', 'DER'], { input: der }).stdout;
  } catch {
    return '';
  }
}

/** The root's own status as -crl_check_all asks for it: in the root's CRL (the one its intermediates name). */
function rootCheck(rootCrl: string): RevocationCheck {
  const file = path.join(dir, 'root-crl.pem');
  writeFileSync(file, rootCrl);
  const result = run('openssl', ['verify', '-crl_check', '-CRLfile', file, '-CAfile', pki.file('root'), pki.file('root')], { allowFailure: true });
  return result.status === 0 ? { status: 'good', source: 'crl' } : { status: 'unchecked', why: result.stdout + result.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-revocation-openssl-'));
  pki = await makeRevocationPki(dir);
  for (const leaf of LEAVES) {
    const intermediate = pki.issuerOf(leaf);
    const rootCrl = await fetchCrl(intermediate);
    crlFiles.set(leaf, path.join(dir, `${leaf}-crls.pem`));
    writeFileSync(crlFiles.get(leaf)!, (await fetchCrl(leaf)) + rootCrl);
    paths.set(leaf, [
      { subject: 'CN=localhost', role: 'leaf', ca: false, anchor: false, offers: offers(pki, leaf), check: await checkOf(pki, leaf) },
      { subject: intermediate, role: 'intermediate', ca: true, anchor: false, offers: offers(pki, intermediate), check: await checkOf(pki, intermediate) },
      { subject: 'root', role: 'root', ca: true, anchor: true, check: rootCheck(rootCrl) },
    ]);
  }
});

afterAll(async () => {
  await pki?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(FLAGS))('openssl verify with %s and the CRLs served', (flagName, flags) => {
  it.each(LEAVES)('%s: the verdict is what openssl verify says', async (leaf) => {
    const result = await runAsync('openssl', ['verify', ...flags, '-CRLfile', crlFiles.get(leaf)!, '-CAfile', pki.file('root'), '-untrusted', pki.file(pki.issuerOf(leaf)), pki.file(leaf)]);
    const output = result.stdout + result.stderr;
    const said = result.status === 0 ? 'OK' : /certificate revoked/.test(output) ? 'certificate revoked' : /unable to get certificate CRL/.test(output) ? 'unable to get certificate CRL' : output;
    expect(said).toBe(EXPECTED[flagName]![leaf]);
    const findings = revocationProblems(paths.get(leaf)!, 'openssl', opensslRevocationSettings(flags));
    const blocking = findings.find((f) => f.blocking);
    if (said === 'OK') expect(blocking).toBeUndefined();
    else {
      expect(blocking?.problem.code).toBe(said === 'certificate revoked' ? 'REVOKED' : 'REVOCATION_UNKNOWN');
      expect(blocking!.problem.message).toContain(`("${said}")`);
    }
  });
});

describe('openssl s_client -status', () => {
  it('prints a revoked staple and still verifies the chain (verification uses no staple)', async () => {
    const staple = path.join(dir, 'revoked-staple.der');
    await checkOf(pki, 'leaf-revoked', staple);
    const server = await startChainServer(pki.file('leaf-revoked'), pki.key('leaf-revoked'), [pki.file('int')], path.join(dir, 'status-chain.pem'), staple);
    try {
      const result = await runAsync('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, '-servername', 'localhost', '-status', '-CAfile', pki.file('root'), '-verify_return_error'], '');
      expect(result.stdout).toMatch(/Cert Status: revoked/);
      expect(result.stdout).toMatch(/Verify return code: 0 \(ok\)/);
    } finally {
      await server.close();
    }
  });
});
