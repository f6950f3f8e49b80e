// The revocation rules per client (shared/chain/revocation.ts) on tables: which properties turn JSSE's
// checking on and where they must be set, what a revoked / unknown / unchecked certificate does to each
// verdict, the staple switching JSSE to its own checker, and the endpoints read from real certificates.
import { describe, expect, it } from 'vitest';
import { javaSecurityRules } from '../../../shared/chain/java-security';
import { javaRevocationSettings, opensslRevocationSettings, pathRevocation, revocationEndpoints, revocationProblems, type PathRevocation } from '../../../shared/chain/revocation';
import type { PathCertificate } from '../../../shared/model/probe';
import type { RevocationCheck } from '../../../shared/model/revocation';
import { parseCertificate } from '../../../shared/x509/certificate';
import { chainDer } from '../../support/tls-servers';

const map = (entries: Record<string, string>) => new Map(Object.entries(entries));
const JAVA_ON = javaRevocationSettings(map({ 'ocsp.enable': 'true' }), map({ 'com.sun.net.ssl.checkRevocation': 'true' }));
const JAVA_DEFAULT = javaRevocationSettings(new Map(), new Map());

const good: RevocationCheck = { status: 'good', source: 'ocsp', url: 'http://ocsp.test/' };
const revoked: RevocationCheck = { status: 'revoked', source: 'ocsp', url: 'http://ocsp.test/', revokedAt: '2026-01-02T03:04:05.000Z', reason: 'keyCompromise' };
const unreachable: RevocationCheck = { status: 'unchecked', why: 'connection refused', attempts: [{ source: 'ocsp', url: 'http://127.0.0.1:1/', status: 'unchecked', why: 'connection refused' }] };
const unknown: RevocationCheck = { status: 'unknown', source: 'ocsp', url: 'http://ocsp.test/' };

function path(leaf: RevocationCheck, intermediate: RevocationCheck = good, offers = { ocsp: true, crl: false }): PathRevocation[] {
  return [
    { subject: 'CN=localhost', role: 'leaf', ca: false, anchor: false, offers, check: leaf },
    { subject: 'CN=Int', role: 'intermediate', ca: true, anchor: false, offers, check: intermediate },
    { subject: 'CN=Root', role: 'root', ca: true, anchor: true, check: { status: 'unchecked' } },
  ];
}

const summary = (findings: ReturnType<typeof revocationProblems>) => findings.map((f) => `${f.problem.code}${f.blocking ? '!' : ''} ${f.problem.message.match(/'(CN=[^']+)'/)?.[1]}`);

describe('javaRevocationSettings (JDK 17)', () => {
  it('checks nothing by default, and asks for staples', () => {
    expect(JAVA_DEFAULT).toMatchObject({ checks: false, ocsp: false, crlDownload: false, onlyEndEntity: false, statusRequest: true, ignored: [] });
  });

  it.each([
    [{}, { 'com.sun.net.ssl.checkRevocation': 'TRUE' }, { checks: true }],
    [{}, { 'com.sun.net.ssl.checkRevocation': ' true' }, { checks: false }], // Boolean.getBoolean does not trim
    [{ 'ocsp.enable': ' True ' }, {}, { ocsp: true }], // Security.getProperty trims
    [{}, { 'com.sun.security.enableCRLDP': 'true' }, { crlDownload: true }],
    [{ 'com.sun.security.onlyCheckRevocationOfEECert': 'true' }, {}, { onlyEndEntity: true }],
    [{}, { 'jdk.tls.client.enableStatusRequestExtension': 'False' }, { statusRequest: false }],
    [{ 'ocsp.responderURL': 'http://r.test/' }, {}, { responderUrl: 'http://r.test/' }],
  ])('security %j, system %j', (security, system, expected) => {
    expect(javaRevocationSettings(map(security), map(system))).toMatchObject(expected);
  });

  it('says when a property is set where the JDK does not read it', () => {
    const settings = javaRevocationSettings(map({ 'com.sun.net.ssl.checkRevocation': 'true' }), map({ 'ocsp.enable': 'true' }));
    expect(settings).toMatchObject({ checks: false, ocsp: false });
    expect(settings.ignored).toEqual([expect.stringContaining('-Docsp.enable'), expect.stringContaining('com.sun.net.ssl.checkRevocation in java.security')]);
    const [warned] = revocationProblems(path(revoked), 'java', settings);
    expect(warned!.problem.message).toMatch(/browsers will not\. Set where the JDK does not read it, so without effect: -Docsp\.enable/);
  });

  it('reads ocsp.enable through java-security.ts, overrides included', () => {
    const java = javaSecurityRules('#ocsp.enable=true\nocsp.responderURL = http://a.test/ \n', { override: 'ocsp.enable=true\n', home: '', version: '', files: [] });
    expect(java.revocation).toEqual({ 'ocsp.enable': 'true', 'ocsp.responderURL': 'http://a.test/' });
    expect(javaRevocationSettings(java.revocation, new Map())).toMatchObject({ ocsp: true, responderUrl: 'http://a.test/' });
    expect(javaSecurityRules('# ocsp.enable=true\n', { home: '', version: '', files: [] }).revocation).toEqual({});
  });
});

describe('revocationProblems for Java', () => {
  it.each([
    ['checking off: a revoked leaf only warns', JAVA_DEFAULT, path(revoked), ['REVOKED CN=localhost']],
    ['checking off: a revoked intermediate only warns', JAVA_DEFAULT, path(good, revoked), ['REVOKED CN=Int']],
    ['checking on: a good chain', JAVA_ON, path(good), []],
    ['checking on: a revoked leaf blocks', JAVA_ON, path(revoked), ['REVOKED! CN=localhost']],
    ['checking on: a revoked intermediate blocks, and Java stops there', JAVA_ON, path(revoked, revoked), ['REVOKED! CN=Int']],
    ['checking on: an unreachable responder fails hard', JAVA_ON, path(unreachable), ['REVOCATION_UNKNOWN! CN=localhost']],
    ['checking on: status unknown fails hard', JAVA_ON, path(unknown), ['REVOCATION_UNKNOWN! CN=localhost']],
    ['checking off: unknown says nothing', JAVA_DEFAULT, path(unknown), []],
  ])('%s', (_name, settings, certificates, expected) => {
    expect(summary(revocationProblems(certificates, 'java', settings))).toEqual(expected);
  });

  it('quotes the JDK exception and says why it is refused or accepted', () => {
    const [blocked] = revocationProblems(path(revoked), 'java', JAVA_ON);
    expect(blocked!.problem.message).toMatch(/revoked on 2026-01-02T03:04:05Z \(reason: keyCompromise\), says its OCSP responder http:\/\/ocsp\.test\/.*com\.sun\.net\.ssl\.checkRevocation=true.*"Certificate has been revoked"/);
    const [warned] = revocationProblems(path(revoked), 'java', JAVA_DEFAULT);
    expect(warned!.problem.message).toMatch(/Java accepts it because revocation checking is off \(com\.sun\.net\.ssl\.checkRevocation is not true\); browsers will not\./);
    const [unknownFinding] = revocationProblems(path(unreachable), 'java', JAVA_ON);
    expect(unknownFinding!.problem.message).toContain('"Unable to determine revocation status due to network error"');
  });

  it('checkRevocation alone (CRLs only, none downloaded) refuses even a good chain', () => {
    const settings = javaRevocationSettings(new Map(), map({ 'com.sun.net.ssl.checkRevocation': 'true' }));
    const findings = revocationProblems(path(good), 'java', settings);
    expect(summary(findings)).toEqual(['REVOCATION_UNKNOWN! CN=Int']);
    expect(findings[0]!.problem.message).toContain('"Could not determine revocation status"');
  });

  it('with CRL downloads on, CRLs only: the CRL decides', () => {
    const settings = javaRevocationSettings(new Map(), map({ 'com.sun.net.ssl.checkRevocation': 'true', 'com.sun.security.enableCRLDP': 'true' }));
    const crlRevoked: RevocationCheck = { status: 'revoked', source: 'crl', url: 'http://crl.test/int.crl' };
    const crlGood: RevocationCheck = { status: 'good', source: 'crl' };
    expect(summary(revocationProblems(path(crlRevoked, crlGood, { ocsp: false, crl: true }), 'java', settings))).toEqual(['REVOKED! CN=localhost']);
    expect(summary(revocationProblems(path(crlGood, crlGood, { ocsp: false, crl: true }), 'java', settings))).toEqual([]);
  });

  it('CRLs only: an unreachable distribution point is a network error, no CRL at all is "Could not determine"', () => {
    const settings = javaRevocationSettings(new Map(), map({ 'com.sun.net.ssl.checkRevocation': 'true', 'com.sun.security.enableCRLDP': 'true' }));
    const unreachableCrl: RevocationCheck = { status: 'unchecked', attempts: [{ source: 'crl', url: 'http://127.0.0.1:1/int.crl', status: 'unchecked', why: 'connection refused' }] };
    const [network] = revocationProblems(path(unreachableCrl, good, { ocsp: false, crl: true }), 'java', settings);
    expect(network!.problem.message).toContain('("Unable to determine revocation status due to network error")');
    expect(network!.problem.message).toContain('http://127.0.0.1:1/int.crl');
    const [none] = revocationProblems(path(good, good, { ocsp: true, crl: false }), 'java', settings);
    expect(none!.problem.message).toMatch(/it names no CRL Distribution Point.*\("Could not determine revocation status"\)/);
  });

  it('OCSP unreachable fails over to the CRL when downloads are on', () => {
    const settings = javaRevocationSettings(map({ 'ocsp.enable': 'true' }), map({ 'com.sun.net.ssl.checkRevocation': 'true', 'com.sun.security.enableCRLDP': 'true' }));
    const both: RevocationCheck = { status: 'good', source: 'crl', attempts: [{ source: 'ocsp', status: 'unchecked', why: 'timeout' }, { source: 'crl', status: 'good' }] };
    expect(summary(revocationProblems(path(both, good, { ocsp: true, crl: true }), 'java', settings))).toEqual([]);
    expect(summary(revocationProblems(path(both, good, { ocsp: true, crl: true }), 'java', JAVA_ON))).toEqual(['REVOCATION_UNKNOWN! CN=localhost']);
  });

  it('onlyCheckRevocationOfEECert leaves the intermediate out, unless a staple brings in the validator\'s own checker', () => {
    const settings = javaRevocationSettings(map({ 'ocsp.enable': 'true', 'com.sun.security.onlyCheckRevocationOfEECert': 'true' }), map({ 'com.sun.net.ssl.checkRevocation': 'true' }));
    expect(summary(revocationProblems(path(good, revoked), 'java', settings))).toEqual(['REVOKED CN=Int']);
    const stapled: RevocationCheck = { status: 'good', source: 'staple' };
    expect(summary(revocationProblems(path(stapled, revoked), 'java', settings))).toEqual(['REVOKED! CN=Int']);
  });

  it('a staple turns on OCSP even without ocsp.enable, unless status_request is off', () => {
    const checkOnly = javaRevocationSettings(new Map(), map({ 'com.sun.net.ssl.checkRevocation': 'true' }));
    const stapledRevoked: RevocationCheck = { status: 'revoked', source: 'staple' };
    expect(summary(revocationProblems(path(stapledRevoked), 'java', checkOnly))).toEqual(['REVOKED! CN=localhost']);
    const noStatusRequest = javaRevocationSettings(new Map(), map({ 'com.sun.net.ssl.checkRevocation': 'true', 'jdk.tls.client.enableStatusRequestExtension': 'false' }));
    expect(summary(revocationProblems(path(stapledRevoked), 'java', noStatusRequest))).toEqual(['REVOCATION_UNKNOWN! CN=Int']);
  });

  it('a leaf the trust store holds is trusted as it is: nothing checked, a revocation only warns', () => {
    const leafAnchor: PathRevocation[] = [{ subject: 'CN=localhost', role: 'leaf', ca: false, anchor: true, check: revoked }];
    expect(revocationProblems(leafAnchor, 'java', JAVA_ON)).toEqual([]);
  });

  it('refuses settings of the other client', () => {
    expect(() => revocationProblems(path(good), 'java', opensslRevocationSettings())).toThrow(/settings for openssl/);
  });
});

describe('revocationProblems for OpenSSL', () => {
  const crl = (status: RevocationCheck['status']): RevocationCheck => ({ status, source: 'crl' });
  const offers = { ocsp: true, crl: true };
  /** With the root's own CRL status, which -crl_check_all asks for too. */
  const withRoot = (certificates: PathRevocation[], root: RevocationCheck = crl('good')) => certificates.map((p) => (p.anchor ? { ...p, check: root } : p));
  it.each([
    ['default: no checking, a revoked leaf warns', [], path(crl('revoked'), crl('good'), offers), ['REVOKED CN=localhost']],
    ['-crl_check: the leaf', ['-crl_check'], path(crl('revoked'), crl('good'), offers), ['REVOKED! CN=localhost']],
    ['-crl_check: not the intermediate', ['-crl_check'], path(crl('good'), crl('revoked'), offers), ['REVOKED CN=Int']],
    ['-crl_check_all: the intermediate too', ['-crl_check_all'], withRoot(path(crl('good'), crl('revoked'), offers)), ['REVOKED! CN=Int']],
    [
      '-crl_check_all: an OCSP answer does not stand in for a CRL that could not be had',
      ['-crl_check_all'],
      withRoot(path({ ...good, attempts: [{ source: 'ocsp', status: 'good' }, { source: 'crl', status: 'unchecked', why: 'HTTP 404' }] }, crl('good'), offers)),
      ['REVOCATION_UNKNOWN! CN=localhost'],
    ],
    ['-crl_check_all: the root needs a CRL too', ['-crl_check_all'], path(crl('good'), crl('good'), offers), ['REVOCATION_UNKNOWN! CN=Root']],
    ['-crl_check: no CRL fails', ['-crl_check'], path(unreachable, good, offers), ['REVOCATION_UNKNOWN! CN=localhost']],
  ])('%s', (_name, flags, certificates, expected) => {
    expect(summary(revocationProblems(certificates, 'openssl', opensslRevocationSettings(flags)))).toEqual(expected);
  });

  it('says why OpenSSL accepts a revoked certificate', () => {
    const [warned] = revocationProblems(path(revoked), 'openssl');
    expect(warned!.problem.message).toMatch(/OpenSSL accepts it because it checks no revocation without -crl_check or -crl_check_all; browsers will not\./);
  });
});

describe('pathRevocation', () => {
  const cert = (subject: string, sha256: string, isCA: boolean, trustStoreAlias: string | null, role: PathCertificate['role']): PathCertificate =>
    ({ subject, sha256, isCA, trustStoreAlias, role, source: trustStoreAlias ? 'truststore' : 'sent' }) as PathCertificate;
  it('takes the store\'s certificate at the top as the anchor, and a missing check as unchecked', () => {
    const result = pathRevocation([cert('CN=l', 'a', false, null, 'leaf'), cert('CN=i', 'b', true, null, 'intermediate'), cert('CN=r', 'c', true, 'root', 'root')], new Map([['a', revoked]]), new Map([['a', { ocsp: true, crl: false }]]));
    expect(result.map((p) => [p.subject, p.anchor, p.ca, p.check.status, p.offers?.ocsp])).toEqual([
      ['CN=l', false, false, 'revoked', true],
      ['CN=i', false, true, 'unchecked', undefined],
      ['CN=r', true, true, 'unchecked', undefined],
    ]);
    expect(summary(revocationProblems(result, 'java', JAVA_DEFAULT))).toEqual(['REVOKED CN=l']);
  });
});

describe('revocationEndpoints', () => {
  it('reads none from certificates that name none', () => {
    expect(revocationEndpoints(parseCertificate(chainDer('leaf-rsa')))).toEqual({ ocsp: [], crl: [] });
  });
});
