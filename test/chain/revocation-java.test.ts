// The Java revocation verdict (shared/chain/revocation.ts) against a real JDK 17 JSSE client: per run a PKI
// made by openssl whose certificates name an OCSP responder (`openssl ocsp -index`, behind a loopback HTTP
// server) and a CRL served by that server; `openssl s_server` serves each chain (one stapling a response).
// The inputs of the verdict come from openssl itself (`openssl ocsp` against the same responder, `openssl
// verify -crl_check` on the CRL the certificate names); for every JVM setting, revocationProblems must block
// exactly where JavaRevocationClient fails, with the exception JSSE throws, and let through what it trusts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javaRevocationSettings, revocationEndpoints, revocationProblems, type PathRevocation } from '../../shared/chain/revocation';
import { parseCertificate } from '../../shared/x509/certificate';
import { compileJavaPeer, runJavaRevocationClient, type JavaCase } from '../peers/java-client';
import { run } from '../support/peers';
import { checkOf, offers } from '../support/revocation-checks';
import { makeRevocationPki, startChainServer, type LeafName, type RevocationPki, type StapleServer } from '../support/revocation-pki';
import { pemCertificates } from '../support/tls-servers';

/** The chains served: which leaf, and whether the server staples the leaf's OCSP response. */
const CASES = {
  good: { leaf: 'leaf-good', staple: false },
  'revoked leaf': { leaf: 'leaf-revoked', staple: false },
  'revoked intermediate': { leaf: 'leaf-under-revoked', staple: false },
  'responder and CRL unreachable': { leaf: 'leaf-dead', staple: false },
  'good leaf, stapled': { leaf: 'leaf-good', staple: true },
  'revoked leaf, stapled': { leaf: 'leaf-revoked', staple: true },
  'revoked intermediate, leaf stapled': { leaf: 'leaf-under-revoked', staple: true },
} as const satisfies Record<string, { leaf: LeafName; staple: boolean }>;
type CaseName = keyof typeof CASES;

const CHECK = '-Dcom.sun.net.ssl.checkRevocation=true';
/** JVM settings: -D system properties and Security.setProperty ones, and what JSSE does with each case. */
const RUNS: Record<string, { system: string[]; security: Record<string, string>; expected: Record<CaseName, 'TRUSTED' | 'revoked' | 'undetermined'> }> = {
  'checking off (the default)': {
    system: [],
    security: {},
    expected: { good: 'TRUSTED', 'revoked leaf': 'TRUSTED', 'revoked intermediate': 'TRUSTED', 'responder and CRL unreachable': 'TRUSTED', 'good leaf, stapled': 'TRUSTED', 'revoked leaf, stapled': 'TRUSTED', 'revoked intermediate, leaf stapled': 'TRUSTED' },
  },
  'checkRevocation and ocsp.enable': {
    system: [CHECK],
    security: { 'ocsp.enable': 'true' },
    expected: { good: 'TRUSTED', 'revoked leaf': 'revoked', 'revoked intermediate': 'revoked', 'responder and CRL unreachable': 'undetermined', 'good leaf, stapled': 'TRUSTED', 'revoked leaf, stapled': 'revoked', 'revoked intermediate, leaf stapled': 'revoked' },
  },
  'checkRevocation and enableCRLDP': {
    system: [CHECK, '-Dcom.sun.security.enableCRLDP=true'],
    security: {},
    expected: { good: 'TRUSTED', 'revoked leaf': 'revoked', 'revoked intermediate': 'revoked', 'responder and CRL unreachable': 'undetermined', 'good leaf, stapled': 'TRUSTED', 'revoked leaf, stapled': 'revoked', 'revoked intermediate, leaf stapled': 'revoked' },
  },
  // CRLs only and none downloaded: nothing can be checked, except through a staple (the validator's own checker).
  'checkRevocation alone': {
    system: [CHECK],
    security: {},
    expected: { good: 'undetermined', 'revoked leaf': 'undetermined', 'revoked intermediate': 'undetermined', 'responder and CRL unreachable': 'undetermined', 'good leaf, stapled': 'TRUSTED', 'revoked leaf, stapled': 'revoked', 'revoked intermediate, leaf stapled': 'revoked' },
  },
  // ocsp.enable is a security property: as -D it does nothing, so this is checkRevocation alone.
  'ocsp.enable given as a -D system property': {
    system: [CHECK, '-Docsp.enable=true'],
    security: {},
    expected: { good: 'undetermined', 'revoked leaf': 'undetermined', 'revoked intermediate': 'undetermined', 'responder and CRL unreachable': 'undetermined', 'good leaf, stapled': 'TRUSTED', 'revoked leaf, stapled': 'revoked', 'revoked intermediate, leaf stapled': 'revoked' },
  },
  // The legacy checker skips CA certificates; a staple brings in the validator's own, which checks them all.
  'checkRevocation, ocsp.enable and onlyCheckRevocationOfEECert': {
    system: [CHECK],
    security: { 'ocsp.enable': 'true', 'com.sun.security.onlyCheckRevocationOfEECert': 'true' },
    expected: { good: 'TRUSTED', 'revoked leaf': 'revoked', 'revoked intermediate': 'TRUSTED', 'responder and CRL unreachable': 'undetermined', 'good leaf, stapled': 'TRUSTED', 'revoked leaf, stapled': 'revoked', 'revoked intermediate, leaf stapled': 'revoked' },
  },
};

let dir: string;
let pki: RevocationPki;
let classDir: string;
const servers = new Map<CaseName, StapleServer>();
const paths = new Map<CaseName, PathRevocation[]>();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'trustlens-revocation-'));
  const [peer, made] = await Promise.all([compileJavaPeer('JavaRevocationClient'), makeRevocationPki(dir)]);
  classDir = peer;
  pki = made;
  run('keytool', ['-importcert', '-noprompt', '-alias', 'root', '-file', pki.file('root'), '-keystore', path.join(dir, 'trust.p12'), '-storetype', 'PKCS12', '-storepass', 'changeit']);
  for (const [name, { leaf, staple }] of Object.entries(CASES) as [CaseName, (typeof CASES)[CaseName]][]) {
    const intermediate = pki.issuerOf(leaf);
    const stapleFile = staple ? path.join(dir, `${leaf}-staple.der`) : undefined;
    const leafCheck = await checkOf(pki, leaf, stapleFile);
    paths.set(name, [
      { subject: 'CN=localhost', role: 'leaf', ca: false, anchor: false, offers: offers(pki, leaf), check: leafCheck },
      { subject: intermediate, role: 'intermediate', ca: true, anchor: false, offers: offers(pki, intermediate), check: await checkOf(pki, intermediate) },
      { subject: 'root', role: 'root', ca: true, anchor: true, check: { status: 'unchecked' } },
    ]);
    servers.set(name, await startChainServer(pki.file(leaf), pki.key(leaf), [pki.file(intermediate)], path.join(dir, `${name.replace(/\W+/g, '-')}-chain.pem`), stapleFile));
  }
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
  await pki?.close();
  if (classDir) rmSync(classDir, { recursive: true, force: true });
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the inputs, from openssl', () => {
  it('name the responder and CRL on the test server, and say what its index says', () => {
    expect(revocationEndpoints(parseCertificate(pemCertificates(readFileSync(pki.file('leaf-good'), 'utf8'))[0]!))).toEqual({ ocsp: [`${pki.origin}/ocsp/int`], crl: [`${pki.origin}/crl/int.crl`] });
    const status = (name: CaseName, i: number) => paths.get(name)![i]!.check.attempts!.map((a) => `${a.source}:${a.status}`).join(' ');
    expect(status('good', 0)).toBe('ocsp:good crl:good');
    expect(status('revoked leaf', 0)).toBe('ocsp:revoked crl:revoked');
    expect(status('revoked intermediate', 1)).toBe('ocsp:revoked crl:revoked');
    expect(status('responder and CRL unreachable', 0)).toBe('ocsp:unchecked crl:unchecked');
    expect(status('revoked leaf, stapled', 0)).toBe('staple:revoked ocsp:revoked crl:revoked');
    expect(paths.get('revoked leaf')![0]!.check).toMatchObject({ reason: 'keyCompromise', revokedAt: `${pki.revokedAt.slice(0, 19)}.000Z` });
  });
});

describe.each(Object.entries(RUNS))('JSSE with %s', (_run, { system, security, expected }) => {
  let verdicts: Map<string, string>;
  beforeAll(async () => {
    const cases: JavaCase[] = [...servers].map(([name, server]) => ({ id: name, host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: path.join(dir, 'trust.p12'), storeType: 'PKCS12', storePassword: 'changeit' }));
    verdicts = await runJavaRevocationClient(classDir, cases, security, system);
  });

  it.each(Object.keys(CASES) as CaseName[])('%s: the verdict is what Java does', (name) => {
    const java = verdicts.get(name)!;
    const systemProps = new Map(system.map((option) => option.slice(2).split('=') as [string, string]));
    const findings = revocationProblems(paths.get(name)!, 'java', javaRevocationSettings(new Map(Object.entries(security)), systemProps));
    const blocking = findings.find((f) => f.blocking);
    // What JSSE did, as the table says, so that the comparison below cannot pass on a broken setup.
    if (expected[name] === 'TRUSTED') expect(java).toBe('TRUSTED');
    else if (expected[name] === 'revoked') expect(java).toMatch(/Certificate has been revoked/);
    else expect(java).toMatch(/revocation status|OCSP responder/);
    if (!blocking) {
      expect(java).toBe('TRUSTED');
      return;
    }
    expect(blocking.problem.code).toBe(expected[name] === 'revoked' ? 'REVOKED' : 'REVOCATION_UNKNOWN');
    // The exception the verdict quotes is the one JSSE threw.
    const quoted = /\("([^"]+)"\)/.exec(blocking.problem.message)?.[1];
    expect(quoted).toBeDefined();
    expect(java).toContain(quoted);
  });
});
