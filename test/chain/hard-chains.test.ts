// Verdicts on hard chains against the real clients: name constraints (DNS, IP, email, directory names;
// permitted and excluded; on an intermediate and on the trust anchor; the CN of a leaf without SANs),
// CA flags below the top and on Java's trust anchor, extendedKeyUsage on a CA, pathLenConstraint, and an
// SNI name other than the host connected to. Certificates are made by openssl in a temporary folder,
// stores by keytool (JKS and PKCS#12); each chain is served by a TLS server on 127.0.0.1, and JSSE
// (JDK 17, one JVM for every case) and `openssl s_client -verify_return_error` judge it. Our verdict must
// agree with each on `trusted` and on the first problem's code, which is also fixed by construction below.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, type TrustAnchorEntry } from '../../shared/chain/diagnose';
import { decodeStore } from '../../shared/formats';
import type { ClientProfile, Diagnosis, ProblemCode } from '../../shared/model/probe';
import { trustAnchors } from '../../electron/services/diagnosis/probe-service';
import { probeTls } from '../../electron/services/tls/probe';
import { nodeCrypto } from '../support/crypto';
import { compileJavaPeer, runJavaClient, type JavaCase } from '../peers/java-client';
import { opensslVerify, type OpensslVerdict } from '../peers/openssl-client';
import { javaCauses, opensslCauses } from '../peers/peer-causes';
import { mapLimit } from '../peers/run-async';
import { CA, INTERMEDIATE, LOCALHOST, makeCertificates, makeTrustStore, SERVER, type CertificateSpec, type TrustStoreFiles } from './hard-chain-certs';
import { startPemServer, type ChainServer } from './diagnose-fixtures';

const PASSWORD = 'changeit';
const nc = (constraints: string) => `${INTERMEDIATE}\nnameConstraints=critical,${constraints}`;
const server = (san = LOCALHOST) => `${SERVER}${san ? `\n${san}` : ''}`;
/** A version 1 issuer has no key identifier to name. */
const serverUnderV1 = server().replace('\nauthorityKeyIdentifier=keyid', '');

const CERTIFICATES: readonly CertificateSpec[] = [
  { name: 'root', subject: '/CN=Hard Root CA', issuer: 'self', extensions: CA },
  { name: 'root-nc', subject: '/CN=Hard Root CA with Name Constraints', issuer: 'self', extensions: `${CA}\nnameConstraints=critical,permitted;DNS:example.com` },
  { name: 'root-nobc', subject: '/CN=Hard Root CA without Basic Constraints', issuer: 'self', extensions: 'keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash' },
  { name: 'int', subject: '/CN=Hard Intermediate CA', issuer: 'root', extensions: INTERMEDIATE },
  { name: 'leaf', subject: '/CN=localhost', issuer: 'int', extensions: server() },
  { name: 'nc-dns', subject: '/CN=Hard CA for example.com', issuer: 'root', extensions: nc('permitted;DNS:example.com') },
  { name: 'leaf-nc-dns', subject: '/CN=localhost', issuer: 'nc-dns', extensions: server() },
  { name: 'nc-ok', subject: '/CN=Hard CA for localhost', issuer: 'root', extensions: nc('permitted;DNS:localhost,permitted;IP:127.0.0.0/255.0.0.0') },
  { name: 'leaf-nc-ok', subject: '/CN=localhost', issuer: 'nc-ok', extensions: server() },
  { name: 'nc-ip', subject: '/CN=Hard CA for 10.0.0.0-8', issuer: 'root', extensions: nc('permitted;IP:10.0.0.0/255.0.0.0,permitted;DNS:localhost') },
  { name: 'leaf-nc-ip', subject: '/CN=localhost', issuer: 'nc-ip', extensions: server() },
  { name: 'nc-ex-dns', subject: '/CN=Hard CA excluding localhost', issuer: 'root', extensions: nc('excluded;DNS:localhost') },
  { name: 'leaf-nc-ex-dns', subject: '/CN=localhost', issuer: 'nc-ex-dns', extensions: server() },
  { name: 'nc-ex-ip', subject: '/CN=Hard CA excluding 127.0.0.1', issuer: 'root', extensions: nc('excluded;IP:127.0.0.1/255.255.255.255') },
  { name: 'leaf-nc-ex-ip', subject: '/CN=localhost', issuer: 'nc-ex-ip', extensions: server() },
  { name: 'under-root-nc', subject: '/CN=Hard CA under a constrained root', issuer: 'root-nc', extensions: INTERMEDIATE },
  { name: 'leaf-under-root-nc', subject: '/CN=localhost', issuer: 'under-root-nc', extensions: server() },
  { name: 'nc-dir', subject: '/O=TrustLens Hard/CN=Hard CA for TrustLens Hard', issuer: 'root', extensions: nc('permitted;dirName:dir_trustlens') },
  { name: 'leaf-nc-dir-out', subject: '/CN=localhost', issuer: 'nc-dir', extensions: server() },
  { name: 'leaf-nc-dir-in', subject: '/O=TrustLens Hard/CN=localhost', issuer: 'nc-dir', extensions: server() },
  { name: 'nc-email', subject: '/CN=Hard CA for mail at example.com', issuer: 'root', extensions: nc('permitted;email:example.com') },
  { name: 'leaf-nc-email-san', subject: '/CN=localhost', issuer: 'nc-email', extensions: server('subjectAltName=DNS:localhost,email:a@example.org') },
  { name: 'leaf-nc-email-subject', subject: '/CN=localhost/emailAddress=a@example.org', issuer: 'nc-email', extensions: server('subjectAltName=DNS:localhost') },
  { name: 'leaf-nc-cn', subject: '/CN=localhost', issuer: 'nc-dns', extensions: server('') },
  { name: 'leaf-nc-cn-fqdn', subject: '/CN=www.example.org', issuer: 'nc-dns', extensions: server('') },
  { name: 'nc-wild', subject: '/CN=Hard CA excluding a.hard.test', issuer: 'root', extensions: nc('excluded;DNS:a.hard.test') },
  { name: 'leaf-nc-wild', subject: '/CN=wildcard', issuer: 'nc-wild', extensions: server('subjectAltName=DNS:*.hard.test') },
  { name: 'nc-sub', subject: '/CN=Hard CA below the example.com CA', issuer: 'nc-dns', extensions: INTERMEDIATE },
  { name: 'leaf-nc-two-up', subject: '/CN=localhost', issuer: 'nc-sub', extensions: server() },
  { name: 'nc-email-case', subject: '/CN=Hard CA for Admin at example.com', issuer: 'root', extensions: nc('permitted;email:Admin@example.com') },
  { name: 'leaf-nc-email-case', subject: '/CN=localhost', issuer: 'nc-email-case', extensions: server('subjectAltName=DNS:localhost,email:admin@example.com') },
  { name: 'nc-dot', subject: '/CN=Hard CA for names below example.com', issuer: 'root', extensions: nc('permitted;DNS:.example.com') },
  { name: 'leaf-nc-dot-below', subject: '/CN=www.example.com', issuer: 'nc-dot', extensions: server('subjectAltName=DNS:www.example.com') },
  { name: 'leaf-nc-dot-apex', subject: '/CN=example.com', issuer: 'nc-dot', extensions: server('subjectAltName=DNS:example.com') },
  { name: 'nc-ip-only', subject: '/CN=Hard CA for 10.0.0.0-8 only', issuer: 'root', extensions: nc('permitted;IP:10.0.0.0/255.0.0.0') },
  { name: 'leaf-nc-ip-cn', subject: '/CN=127.0.0.1', issuer: 'nc-ip-only', extensions: server('subjectAltName=DNS:localhost') },
  { name: 'dir-sub', subject: '/CN=Hard CA outside TrustLens Hard', issuer: 'nc-dir', extensions: INTERMEDIATE },
  { name: 'leaf-dir-sub', subject: '/O=TrustLens Hard/CN=localhost', issuer: 'dir-sub', extensions: server() },
  // openssl's nameConstraints syntax has no minimum or maximum: these are the DER of
  // permitted [0] { base DNS:localhost, maximum 1 } and permitted [0] { base email:example.com, maximum 1 }.
  { name: 'nc-max-dns', subject: '/CN=Hard CA with a maximum on DNS', issuer: 'root', extensions: `${INTERMEDIATE}\nnameConstraints=critical,DER:30:12:A0:10:30:0E:82:09:6C:6F:63:61:6C:68:6F:73:74:81:01:01` },
  { name: 'leaf-nc-max-dns', subject: '/CN=localhost', issuer: 'nc-max-dns', extensions: server() },
  { name: 'nc-max-email', subject: '/CN=Hard CA with a maximum on email', issuer: 'root', extensions: `${INTERMEDIATE}\nnameConstraints=critical,DER:30:14:A0:12:30:10:81:0B:65:78:61:6D:70:6C:65:2E:63:6F:6D:81:01:01` },
  { name: 'leaf-nc-max-email', subject: '/CN=localhost', issuer: 'nc-max-email', extensions: server() },
  { name: 'int-nobc', subject: '/CN=Hard CA without Basic Constraints', issuer: 'root', extensions: 'keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid' },
  { name: 'leaf-int-nobc', subject: '/CN=localhost', issuer: 'int-nobc', extensions: server() },
  { name: 'leaf-root-nobc', subject: '/CN=localhost', issuer: 'root-nobc', extensions: server() },
  { name: 'not-ca', subject: '/CN=Hard Not A CA', issuer: 'root', extensions: 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyCertSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid' },
  { name: 'leaf-not-ca', subject: '/CN=localhost', issuer: 'not-ca', extensions: server() },
  { name: 'int-noku', subject: '/CN=Hard CA without keyCertSign', issuer: 'root', extensions: 'basicConstraints=critical,CA:true\nkeyUsage=critical,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid' },
  { name: 'leaf-int-noku', subject: '/CN=localhost', issuer: 'int-noku', extensions: server() },
  { name: 'int-v1', subject: '/CN=Hard Version 1 CA', issuer: 'root', extensions: '' },
  { name: 'leaf-int-v1', subject: '/CN=localhost', issuer: 'int-v1', extensions: serverUnderV1 },
  { name: 'int-eku', subject: '/CN=Hard CA for client authentication', issuer: 'root', extensions: `${INTERMEDIATE}\nextendedKeyUsage=clientAuth` },
  { name: 'leaf-int-eku', subject: '/CN=localhost', issuer: 'int-eku', extensions: server() },
  { name: 'pl0', subject: '/CN=Hard CA with pathlen 0', issuer: 'root', extensions: 'basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid' },
  { name: 'pl-sub', subject: '/CN=Hard CA below pathlen 0', issuer: 'pl0', extensions: INTERMEDIATE },
  { name: 'leaf-pl', subject: '/CN=localhost', issuer: 'pl-sub', extensions: server() },
];

const STORES = {
  roots: ['root', 'root-nc', 'root-nobc'],
  'not-a-ca': ['not-ca'],
  'no-keycertsign': ['int-noku'],
  'version-1': ['int-v1'],
} as const;
type StoreName = keyof typeof STORES;

type Verdict = 'trusted' | ProblemCode;

interface Scenario {
  /** Certificate names the server sends, leaf first. */
  readonly chain: readonly string[];
  readonly store: StoreName;
  /** Hosts the clients connect to and verify; default localhost. */
  readonly hosts?: readonly string[];
  /** SNI name other than the host (Java checks it, then the host; OpenSSL verifies it alone). */
  readonly servername?: string;
  /** The real cause, by construction: what each client says. */
  readonly java: Verdict;
  readonly openssl: Verdict;
}

const both = (verdict: Verdict) => ({ java: verdict, openssl: verdict });

const SCENARIOS: Record<string, Scenario> = {
  'name outside a permitted DNS subtree': { chain: ['leaf-nc-dns', 'nc-dns'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  'names inside permitted DNS and IP subtrees': { chain: ['leaf-nc-ok', 'nc-ok'], store: 'roots', hosts: ['localhost', '127.0.0.1'], ...both('trusted') },
  'IP address outside a permitted IP subtree': { chain: ['leaf-nc-ip', 'nc-ip'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  'name in an excluded DNS subtree': { chain: ['leaf-nc-ex-dns', 'nc-ex-dns'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  'IP address in an excluded IP subtree': { chain: ['leaf-nc-ex-ip', 'nc-ex-ip'], store: 'roots', hosts: ['127.0.0.1'], ...both('NAME_CONSTRAINTS') },
  // JSSE's anchors carry no name constraints; OpenSSL applies the anchor's.
  'name constraints on the trust anchor': { chain: ['leaf-under-root-nc', 'under-root-nc'], store: 'roots', java: 'trusted', openssl: 'NAME_CONSTRAINTS' },
  'subject outside a permitted directory name': { chain: ['leaf-nc-dir-out', 'nc-dir'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  'subject inside a permitted directory name': { chain: ['leaf-nc-dir-in', 'nc-dir'], store: 'roots', ...both('trusted') },
  'email SAN outside a permitted email subtree': { chain: ['leaf-nc-email-san', 'nc-email'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  // Java reads the subject's emailAddress only when there is no subjectAltName; OpenSSL always.
  'subject emailAddress outside, beside SANs': { chain: ['leaf-nc-email-subject', 'nc-email'], store: 'roots', java: 'trusted', openssl: 'NAME_CONSTRAINTS' },
  // Without SANs Java checks the CN as a DNS name; OpenSSL only a CN with two or more labels.
  'CN-only leaf, one-label CN outside': { chain: ['leaf-nc-cn', 'nc-dns'], store: 'roots', java: 'NAME_CONSTRAINTS', openssl: 'trusted' },
  'CN-only leaf, two-label CN outside': { chain: ['leaf-nc-cn-fqdn', 'nc-dns'], store: 'roots', hosts: ['www.example.org'], ...both('NAME_CONSTRAINTS') },
  // A wildcard SAN is compared as a string, not as the names it matches.
  'wildcard SAN over an excluded name': { chain: ['leaf-nc-wild', 'nc-wild'], store: 'roots', hosts: ['b.hard.test'], ...both('trusted') },
  'constraints two CAs up': { chain: ['leaf-nc-two-up', 'nc-sub', 'nc-dns'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  // Java compares an email's local part ignoring case, OpenSSL exactly.
  'email local part in another case': { chain: ['leaf-nc-email-case', 'nc-email-case'], store: 'roots', java: 'trusted', openssl: 'NAME_CONSTRAINTS' },
  'leading-dot DNS subtree, name below it': { chain: ['leaf-nc-dot-below', 'nc-dot'], store: 'roots', hosts: ['www.example.com'], ...both('trusted') },
  'leading-dot DNS subtree, the domain itself': { chain: ['leaf-nc-dot-apex', 'nc-dot'], store: 'roots', hosts: ['example.com'], ...both('NAME_CONSTRAINTS') },
  // Java checks a CN that is an IP literal as an IP address when the SANs hold none; OpenSSL never.
  'IP-literal CN outside a permitted IP subtree': { chain: ['leaf-nc-ip-cn', 'nc-ip-only'], store: 'roots', java: 'NAME_CONSTRAINTS', openssl: 'trusted' },
  'intermediate subject outside a permitted directory name': { chain: ['leaf-dir-sub', 'dir-sub', 'nc-dir'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  // A subtree with a minimum or maximum: Java refuses it outright, OpenSSL when a name of its type is checked.
  'DNS subtree with a maximum': { chain: ['leaf-nc-max-dns', 'nc-max-dns'], store: 'roots', ...both('NAME_CONSTRAINTS') },
  'email subtree with a maximum, no email names': { chain: ['leaf-nc-max-email', 'nc-max-email'], store: 'roots', java: 'NAME_CONSTRAINTS', openssl: 'trusted' },
  // OpenSSL: strict CA checks below the top; keyCertSign alone is enough only at the top.
  'intermediate without basicConstraints': { chain: ['leaf-int-nobc', 'int-nobc'], store: 'roots', ...both('NOT_A_CA') },
  'root without basicConstraints': { chain: ['leaf-root-nobc'], store: 'roots', java: 'NOT_A_CA', openssl: 'trusted' },
  // Java checks its anchor's own flags once the path is valid; OpenSSL wants a self-signed root anyway.
  'non-CA certificate as the anchor': { chain: ['leaf-not-ca'], store: 'not-a-ca', java: 'NOT_A_CA', openssl: 'INCOMPLETE_CHAIN' },
  'CA without keyCertSign as the anchor': { chain: ['leaf-int-noku'], store: 'no-keycertsign', java: 'KEY_USAGE', openssl: 'INCOMPLETE_CHAIN' },
  'CA without keyCertSign, sent': { chain: ['leaf-int-noku', 'int-noku'], store: 'roots', ...both('KEY_USAGE') },
  'version 1 CA as the anchor': { chain: ['leaf-int-v1'], store: 'version-1', java: 'trusted', openssl: 'INCOMPLETE_CHAIN' },
  'intermediate with clientAuth extendedKeyUsage': { chain: ['leaf-int-eku', 'int-eku'], store: 'roots', java: 'trusted', openssl: 'EXTENDED_KEY_USAGE' },
  'path longer than pathLenConstraint': { chain: ['leaf-pl', 'pl-sub', 'pl0'], store: 'roots', ...both('PATH_LENGTH') },
  // JSSE checks the SNI name, then the host it connected to; OpenSSL verifies the name it is given.
  'SNI names another host than localhost': { chain: ['leaf', 'int'], store: 'roots', servername: 'other.hard.test', java: 'trusted', openssl: 'HOSTNAME_MISMATCH' },
  'SNI names another host than the IP address': { chain: ['leaf', 'int'], store: 'roots', hosts: ['127.0.0.1'], servername: 'other.hard.test', java: 'trusted', openssl: 'HOSTNAME_MISMATCH' },
  'SNI names localhost, connected to the IP address': { chain: ['leaf', 'int'], store: 'roots', hosts: ['127.0.0.1'], servername: 'localhost', ...both('trusted') },
  'SNI and host both wrong': { chain: ['leaf', 'int'], store: 'roots', hosts: ['wrong.hard.test'], servername: 'other.hard.test', ...both('HOSTNAME_MISMATCH') },
};
type ScenarioName = keyof typeof SCENARIOS;
const FORMATS = ['JKS', 'PKCS12'] as const;
type Format = (typeof FORMATS)[number];

interface Case {
  readonly scenario: ScenarioName;
  readonly host: string;
}
const CASES: Case[] = Object.entries(SCENARIOS).flatMap(([scenario, s]) => (s.hosts ?? ['localhost']).map((host) => ({ scenario, host })));
const caseId = (c: Case, format?: Format) => `${c.scenario} | ${c.host}${format ? ` | ${format}` : ''}`;

let dir = '';
let classDir = '';
const stores = new Map<StoreName, TrustStoreFiles>();
const anchors = new Map<string, TrustAnchorEntry[]>();
const servers = new Map<ScenarioName, ChainServer>();
const sent = new Map<ScenarioName, Uint8Array[]>();
const javaVerdicts = new Map<string, string>();
const lenientVerdicts = new Map<string, string>();
/** Refused by JSSE for the anchor's own flags alone. */
const NON_CA_ANCHOR_CASES: readonly ScenarioName[] = ['root without basicConstraints', 'non-CA certificate as the anchor', 'CA without keyCertSign as the anchor'];
const opensslVerdicts = new Map<string, OpensslVerdict>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustlens-hard-chains-'));
  const compiled = compileJavaPeer('JavaTlsClient');
  makeCertificates(dir, CERTIFICATES);
  const pem = (name: string) => readFileSync(join(dir, `${name}.pem`), 'utf8');
  await mapLimit(Object.entries(SCENARIOS), 4, async ([name, s]) => {
    const running = await startPemServer(readFileSync(join(dir, `${s.chain[0]}.key`), 'utf8'), s.chain.map(pem).join(''));
    servers.set(name, running);
    sent.set(name, (await probeTls(`127.0.0.1:${running.port}`, { servername: 'localhost' })).sent);
  });
  await mapLimit(Object.entries(STORES) as [StoreName, readonly string[]][], 2, async ([name, certificates]) => {
    const files = await makeTrustStore(dir, name, certificates, PASSWORD);
    stores.set(name, files);
    for (const format of FORMATS) {
      const bytes = new Uint8Array(readFileSync(format === 'JKS' ? files.jks : files.pkcs12));
      const decoded = decodeStore(bytes, { password: PASSWORD, crypto: nodeCrypto });
      for (const client of ['java', 'openssl'] as const) anchors.set(`${name}/${format}/${client}`, trustAnchors(decoded, client));
    }
  });
  classDir = await compiled;
  const port = (c: Case) => servers.get(c.scenario)!.port;
  const javaCases: JavaCase[] = CASES.flatMap((c) =>
    FORMATS.map((format) => {
      const files = stores.get(SCENARIOS[c.scenario]!.store)!;
      const servername = SCENARIOS[c.scenario]!.servername;
      return {
        id: caseId(c, format),
        host: c.host,
        address: '127.0.0.1',
        port: port(c),
        trustStore: format === 'JKS' ? files.jks : files.pkcs12,
        storeType: format,
        storePassword: PASSWORD,
        ...(servername ? { servername } : {}),
      };
    }),
  );
  // A second JVM with jdk.security.allowNonCaAnchor=true, for the cases about the anchor's own flags.
  const lenientCases = javaCases.filter((c) => NON_CA_ANCHOR_CASES.some((name) => c.id.startsWith(`${name} |`)));
  const [java, openssl, lenient] = await Promise.all([
    runJavaClient(classDir, javaCases),
    // OpenSSL verifies the name it is told: the SNI name when there is one.
    mapLimit(CASES, 3, (c) => opensslVerify('127.0.0.1', port(c), SCENARIOS[c.scenario]!.servername ?? c.host, stores.get(SCENARIOS[c.scenario]!.store)!.pem)),
    runJavaClient(classDir, lenientCases, ['-Djdk.security.allowNonCaAnchor=true']),
  ]);
  for (const [id, verdict] of java) javaVerdicts.set(id, verdict);
  for (const [id, verdict] of lenient) lenientVerdicts.set(id, verdict);
  CASES.forEach((c, i) => opensslVerdicts.set(caseId(c), openssl[i]!));
}, 120_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((running) => running.close()));
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (classDir) rmSync(classDir, { recursive: true, force: true });
});

function ourVerdict(c: Case, client: ClientProfile, format: Format, javaAllowNonCaAnchor = false): Diagnosis {
  const scenario = SCENARIOS[c.scenario]!;
  return diagnose({
    javaAllowNonCaAnchor,
    target: `127.0.0.1:${servers.get(c.scenario)!.port}`,
    host: c.host,
    ...(scenario.servername ? { servername: scenario.servername } : {}),
    sent: sent.get(c.scenario)!,
    trustStore: anchors.get(`${scenario.store}/${format}/${client}`)!,
    client,
    crypto: nodeCrypto,
  });
}

function explain(d: Diagnosis, peer: string): string {
  return `peer: ${peer}\nours: trusted=${d.trusted}\n${d.problems.map((p) => `  ${p.code}: ${p.message}`).join('\n')}`;
}

const firstCode = (d: Diagnosis): Verdict => (d.trusted ? 'trusted' : d.problems[0]!.code);

describe('java profile == JSSE client (JDK 17), JKS and PKCS#12 stores made by keytool', () => {
  it.each(CASES.flatMap((c) => FORMATS.map((format) => [caseId(c, format), c, format] as const)))('%s', (id, c, format) => {
    const peer = javaVerdicts.get(id)!;
    const ours = ourVerdict(c, 'java', format);
    expect(peer === 'TRUSTED' ? 'trusted' : 'refused', `JSSE: ${peer}`).toBe(SCENARIOS[c.scenario]!.java === 'trusted' ? 'trusted' : 'refused');
    expect(ours.trusted, explain(ours, peer)).toBe(peer === 'TRUSTED');
    if (peer !== 'TRUSTED') expect(javaCauses(peer), explain(ours, peer)).toContain(firstCode(ours));
    expect(firstCode(ours), explain(ours, peer)).toBe(SCENARIOS[c.scenario]!.java);
  });
});

describe('openssl profile == openssl s_client -verify_return_error', () => {
  it.each(CASES.flatMap((c) => FORMATS.map((format) => [caseId(c, format), c, format] as const)))('%s', (id, c, format) => {
    const peer = opensslVerdicts.get(caseId(c))!;
    const peerText = peer.trusted ? 'Verify return code: 0 (ok)' : `verify error ${peer.verifyCode}: ${peer.verifyError}`;
    const ours = ourVerdict(c, 'openssl', format);
    expect(peer.trusted, peerText).toBe(SCENARIOS[c.scenario]!.openssl === 'trusted');
    expect(ours.trusted, explain(ours, peerText)).toBe(peer.trusted);
    if (!peer.trusted) expect(opensslCauses(peer.verifyCode!), explain(ours, peerText)).toContain(firstCode(ours));
    expect(firstCode(ours), explain(ours, peerText)).toBe(SCENARIOS[c.scenario]!.openssl);
  });
});

describe('java profile with jdk.security.allowNonCaAnchor=true == JSSE started with it', () => {
  const cases = CASES.filter((c) => NON_CA_ANCHOR_CASES.includes(c.scenario));
  it.each(cases.flatMap((c) => FORMATS.map((format) => [caseId(c, format), c, format] as const)))('%s', (id, c, format) => {
    const peer = lenientVerdicts.get(id)!;
    expect(peer, 'the property lets JSSE take the anchor').toBe('TRUSTED');
    const ours = ourVerdict(c, 'java', format, true);
    expect(ours.trusted, explain(ours, peer)).toBe(true);
  });
});
