// Where a missing issuer can be had: the diagnosis looks for it among this machine's other CA
// certificates (a JDK's cacerts, the OS bundle), accepts one only if its key verifies the signature, walks
// up to the root, and says where each one is. The verdict itself does not change: the store still lacks it.
// An intermediate that is nowhere here but whose URL the leaf names (AIA CA Issuers) is named with it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, type TrustAnchorEntry } from '../../shared/chain/diagnose';
import type { KnownCertificate } from '../../shared/chain/known-issuers';
import type { ClientProfile, FoundInStore } from '../../shared/model/probe';
import { chainDer, chainFile } from '../support/tls-servers';
import { nodeCrypto } from '../support/crypto';
import { run as runPeer } from '../support/peers';

const sha256 = (name: string) => nodeCrypto.digestHex('sha256', chainDer(name));
const known = (name: string, alias = name): KnownCertificate => ({
  der: chainDer(name),
  foundIn: { label: 'Java cacerts (system)', file: '/opt/jdk/lib/security/cacerts', alias, password: 'changeit' },
});

function run(sent: string[], store: TrustAnchorEntry[], others: KnownCertificate[], client: ClientProfile = 'java') {
  return diagnose({ target: 'localhost:8443', host: 'localhost', sent: sent.map(chainDer), trustStore: store, known: others, client, crypto: nodeCrypto });
}

describe('a missing root this machine has', () => {
  it('is named with its store and alias, and listed as missing with where it is', () => {
    const d = run(['leaf-rsa', 'int'], [{ alias: 'other', der: chainDer('other-root') }], [known('other-root'), known('root', 'testroot')]);
    expect(d.trusted).toBe(false);
    expect(d.problems[0]!.code).toBe('UNTRUSTED_ROOT');
    expect(d.problems[0]!.message).toContain("issued by the root CA 'CN=TrustLens Test Root CA,O=TrustLens Test', which this trust store does not hold.");
    expect(d.problems[0]!.message).toMatch(/which this trust store does not hold\. Found elsewhere: 'CN=TrustLens Test Root CA,O=TrustLens Test' in Java cacerts \(system\) at \/opt\/jdk\/lib\/security\/cacerts, alias 'testroot'\.$/);
    expect(d.problems[0]!.fix).toBe(
      `If you trust this CA, import 'CN=TrustLens Test Root CA,O=TrustLens Test' (SHA-256 ${sha256('root')}) from /opt/jdk/lib/security/cacerts into this trust store.`,
    );
    expect(d.missing.map((c) => [c.sha256, c.role, (c.foundIn as FoundInStore | undefined)?.alias])).toEqual([[sha256('root'), 'root', 'testroot']]);
  });

  it('without it, the diagnosis says what it always said, and lists nothing as missing', () => {
    const d = run(['leaf-rsa', 'int'], [{ alias: 'other', der: chainDer('other-root') }], [known('other-root')]);
    expect(d.problems[0]!.message).toContain("the certificate that issued it, 'CN=TrustLens Test Root CA,O=TrustLens Test', is missing");
    expect(d.problems[0]!.message).toMatch(/is most likely the root CA\.$/);
    expect(d.problems[0]!.fix).toMatch(/is a root CA you trust, import it into this trust store .*; if it is an intermediate CA, configure the server to send it/);
    expect(d.missing).toEqual([]);
  });

  it('an intermediate the server leaves out is found too, and the walk goes on to its root', () => {
    const d = run(['leaf-rsa'], [], [known('root', 'r'), known('int', 'i')]);
    expect(d.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(d.problems[0]!.message).toContain(
      "Found elsewhere: 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' in Java cacerts (system) at /opt/jdk/lib/security/cacerts, alias 'i'; 'CN=TrustLens Test Root CA,O=TrustLens Test' in Java cacerts (system) at /opt/jdk/lib/security/cacerts, alias 'r'.",
    );
    expect(d.problems[0]!.fix).toMatch(/^Configure the server to send its full chain .*, or import 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' and 'CN=TrustLens Test Root CA,O=TrustLens Test'/);
    expect(d.missing.map((c) => [c.sha256, c.role])).toEqual([
      [sha256('int'), 'intermediate'],
      [sha256('root'), 'root'],
    ]);
  });

  it('a CA of the same name with another key is not offered (found by signature, not by name)', () => {
    const d = run(['leaf-rsa'], [], [known('int-impostor'), known('root')]);
    expect(d.missing).toEqual([]);
    expect(d.problems[0]!.message).not.toContain('Found elsewhere');
  });

  it('an intermediate found without its root says the root is still needed', () => {
    const d = run(['leaf-rsa'], [], [known('int', 'i')]);
    expect(d.missing.map((c) => c.role)).toEqual(['intermediate']);
    expect(d.problems[0]!.message).toMatch(/The root above 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' was not found; it is needed too\.$/);
  });

  it('for OpenSSL, a store that holds only the intermediate is told where the root is', () => {
    const d = run(['leaf-rsa'], [{ alias: 'int', der: chainDer('int') }], [known('root', 'r')], 'openssl');
    expect(d.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(d.problems[0]!.message).toMatch(/^This trust store holds 'CN=TrustLens Test Intermediate CA.*Found elsewhere: 'CN=TrustLens Test Root CA/);
    expect(d.missing.map((c) => (c.foundIn as FoundInStore | undefined)?.alias)).toEqual(['r']);
  });

  it('an intermediate found elsewhere leads into the store: the path goes on through it to the store root, and only it is missing', () => {
    for (const client of ['java', 'openssl'] as const) {
      const d = run(['leaf-rsa'], [{ alias: 'root', der: chainDer('root') }], [known('int', 'i')], client);
      expect(d.trusted).toBe(false);
      expect(d.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
      expect(d.problems[0]!.message).not.toContain('The root above');
      expect(d.path.map((c) => [c.role, c.source, c.trustStoreAlias])).toEqual([
        ['leaf', 'sent', null],
        ['intermediate', 'found', null],
        ['root', 'truststore', 'root'],
      ]);
      expect(d.path[1]!.foundIn).toMatchObject({ alias: 'i' });
      expect(d.missing.map((c) => [c.sha256, c.role])).toEqual([[sha256('int'), 'intermediate']]);
      // Once imported, the verdict is what this path said it would be (Java stops at the imported intermediate: any trusted certificate is an anchor).
      const after = run(['leaf-rsa'], [{ alias: 'root', der: chainDer('root') }, { alias: 'i', der: chainDer('int') }], [], client);
      expect(after.trusted).toBe(true);
      expect(after.path.map((c) => c.sha256)).toEqual(d.path.map((c) => c.sha256).slice(0, client === 'java' ? 2 : 3));
    }
  });

  it('the path through a found intermediate is checked too: a problem of the store root shows before the import', () => {
    // OpenSSL checks the anchor's dates; the found intermediate is issued by the test root, held here.
    const d = run(['leaf-rsa'], [{ alias: 'root', der: chainDer('root') }], [known('int', 'i')], 'openssl');
    const later = diagnose({
      target: 'localhost:8443', host: 'localhost', sent: [chainDer('leaf-rsa')], trustStore: [{ alias: 'root', der: chainDer('root') }],
      known: [known('int', 'i')], client: 'openssl', crypto: nodeCrypto, now: new Date(Date.UTC(2200, 0, 1)),
    });
    expect(d.problems.map((p) => p.code)).toEqual(['INCOMPLETE_CHAIN']);
    expect(later.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(later.problems.slice(1).map((p) => p.code)).toContain('EXPIRED');
  });

  it('a trusted server needs nothing, and the other stores are not consulted', () => {
    const d = run(['leaf-rsa', 'int'], [{ alias: 'root', der: chainDer('root') }], [known('root')]);
    expect(d.trusted).toBe(true);
    expect(d.missing).toEqual([]);
  });
});

describe('an intermediate the server leaves out, whose certificate says where to download it (AIA)', () => {
  // A leaf the test intermediate signs, with a CA Issuers URL, made by openssl as a CA would.
  const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-aia-'));
  const ext = path.join(dir, 'leaf.ext');
  writeFileSync(ext, 'subjectAltName=DNS:localhost\nauthorityInfoAccess=caIssuers;URI:http://pki.example.test/int.cer,OCSP;URI:http://ocsp.example.test\n');
  runPeer('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', path.join(dir, 'leaf.key'), '-subj', '/CN=localhost', '-out', path.join(dir, 'leaf.csr')]);
  runPeer('openssl', ['x509', '-req', '-in', path.join(dir, 'leaf.csr'), '-CA', chainFile('int'), '-CAkey', chainFile('int').replace(/\.pem$/, '.key'), '-set_serial', '7', '-days', '30', '-extfile', ext, '-out', path.join(dir, 'leaf.pem')]);
  const leaf = new Uint8Array(Buffer.from(readFileSync(path.join(dir, 'leaf.pem'), 'utf8').replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
  rmSync(dir, { recursive: true, force: true });

  it('names the URL, and why a browser may trust the server when Java does not', () => {
    const d = diagnose({ target: 'localhost:8443', host: 'localhost', sent: [leaf], trustStore: [{ alias: 'root', der: chainDer('root') }], client: 'java', crypto: nodeCrypto });
    expect(d.trusted).toBe(false);
    expect(d.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(d.problems[0]!.message).toContain('Its certificate says where to download it: http://pki.example.test/int.cer. Most browsers do, which is why a browser may trust this server');
    expect(d.problems[0]!.message).toContain('-Dcom.sun.security.enableAIAcaIssuers=true');
    expect(d.problems[0]!.fix).toContain("or download 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' from http://pki.example.test/int.cer and import it into this trust store.");
  });
});
