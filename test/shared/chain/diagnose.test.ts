// diagnose() and the path builder on the fixtures of test/fixtures/diagnose, without servers: which path
// is reported and where each certificate came from, what the store is missing, the anchor-date rule per
// client, problem order, and bounded behaviour on loops and hostile input. Fingerprints, names and
// aliases are read from openssl and keytool, never typed in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagnose, type DiagnoseInput, type TrustAnchorEntry } from '../../../shared/chain/diagnose';
import { buildPaths, certificatePool, MAX_PATH_LENGTH, MAX_PATHS, SignatureChecks, type CertificatePool } from '../../../shared/chain/path-builder';
import { CorruptInputError } from '../../../shared/errors';
import type { ClientProfile } from '../../../shared/model/probe';
import { nodeCrypto } from '../../support/crypto';
import { opensslFingerprint } from '../../support/openssl';
import { run } from '../../support/peers';
import { DIAGNOSE_DIR, fixtureDer, fixturePem, pemStore, readTrustStore, STORES, type StoreName } from '../../chain/diagnose-fixtures';

const stores = new Map<StoreName, TrustAnchorEntry[]>();
beforeAll(async () => {
  await Promise.all(STORES.map(async (store) => stores.set(store, await readTrustStore(store))));
});

const sha256 = (name: string) => opensslFingerprint(fixturePem(name));
const subject = (name: string) => run('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], { input: fixturePem(name) }).stdout.replace(/^subject=/, '').trim();

function check(chain: readonly string[], store: StoreName, client: ClientProfile, extra: Partial<DiagnoseInput> = {}) {
  return diagnose({ target: 'test', host: 'localhost', sent: chain.map(fixtureDer), trustStore: stores.get(store)!, client, crypto: nodeCrypto, ...extra });
}

describe('the reported path', () => {
  it('runs leaf -> intermediate -> the store\'s root, with sources and aliases', () => {
    const d = check(['leaf', 'int'], 'roots', 'java');
    expect(d.trusted).toBe(true);
    expect(d.problems).toEqual([]);
    expect(d.path.map((c) => [c.sha256, c.role, c.source, c.trustStoreAlias])).toEqual([
      [sha256('leaf'), 'leaf', 'sent', null],
      [sha256('int'), 'intermediate', 'sent', null],
      [sha256('root'), 'root', 'truststore', 'root'],
    ]);
    expect(d.path[2]!.subject).toBe(subject('root'));
  });

  it('marks a sent certificate that the store also holds with its alias', () => {
    const d = check(['leaf', 'int', 'root'], 'roots', 'openssl');
    expect(d.trusted).toBe(true);
    expect(d.path[2]).toMatchObject({ sha256: sha256('root'), source: 'sent', trustStoreAlias: 'root' });
  });

  it('stops at a trusted intermediate for Java, but not for OpenSSL', () => {
    const java = check(['leaf'], 'intermediate', 'java');
    expect(java.trusted).toBe(true);
    expect(java.path.map((c) => [c.sha256, c.source, c.trustStoreAlias])).toEqual([
      [sha256('leaf'), 'sent', null],
      [sha256('int'), 'truststore', 'int'],
    ]);
    const openssl = check(['leaf'], 'intermediate', 'openssl');
    expect(openssl.trusted).toBe(false);
    expect(openssl.problems[0]).toMatchObject({ code: 'INCOMPLETE_CHAIN' });
    expect(openssl.problems[0]!.message).toContain(subject('int'));
    expect(openssl.problems[0]!.fix).toContain(subject('root'));
  });

  it('for OpenSSL, treats a server certificate in the store as the server\'s own copy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustlens-pinned-'));
    const caFile = join(dir, 'store.pem');
    writeFileSync(caFile, readFileSync(pemStore('pinned'), 'utf8') + readFileSync(pemStore('roots'), 'utf8'));
    const peer = run('openssl', ['verify', '-CAfile', caFile, '-untrusted', join(DIAGNOSE_DIR, 'int.pem'), join(DIAGNOSE_DIR, 'leaf.pem')], { allowFailure: true });
    rmSync(dir, { recursive: true });
    const ours = check(['leaf', 'int'], 'roots', 'openssl', { trustStore: [...stores.get('pinned')!, ...stores.get('roots')!] });
    expect(ours.trusted).toBe(peer.status === 0);
    expect(ours.path.map((c) => c.sha256)).toEqual([sha256('leaf'), sha256('int'), sha256('root')]);
  });

  it('follows issuers sent out of order and skips the unrelated extra', () => {
    const d = check(['leaf', 'root', 'int', 'unrelated-root'], 'roots', 'java');
    expect(d.path.map((c) => c.sha256)).toEqual([sha256('leaf'), sha256('int'), sha256('root')]);
    expect(d.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['WRONG_ORDER', 'EXTRA_CERTS', 'CONTAINS_ANCHOR']));
  });

  it('verifies Ed25519, ECDSA and RSA-PSS signatures', () => {
    expect(check(['ed-leaf'], 'roots', 'openssl').path.map((c) => c.sha256)).toEqual([sha256('ed-leaf'), sha256('ed-root')]);
    expect(check(['ec-leaf', 'ec-int'], 'roots', 'java').path).toHaveLength(3);
    expect(check(['leaf-pss', 'int'], 'roots', 'java').trusted).toBe(true);
  });
});

describe('what the store is missing, and the fix', () => {
  it('names the unknown root the server sent, with its fingerprint', () => {
    const d = check(['unknown-leaf', 'unknown-int', 'unknown-root'], 'roots', 'java');
    expect(d.trusted).toBe(false);
    expect(d.problems[0]!.code).toBe('UNTRUSTED_ROOT');
    expect(d.problems[0]!.message).toContain(subject('unknown-root'));
    expect(d.problems[0]!.fix).toContain(sha256('unknown-root'));
    expect(d.missing.map((c) => [c.sha256, c.role])).toEqual([[sha256('unknown-root'), 'root']]);
  });

  it('names an intermediate the server did not send, without inventing its certificate', () => {
    const d = check(['leaf'], 'roots', 'java');
    expect(d.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(d.problems[0]!.message).toContain(subject('int'));
    expect(d.problems[0]!.message).toContain(`The certificate that issued the server's certificate, '${subject('int')}'`);
    expect(d.problems[0]!.fix).toMatch(/is an intermediate CA, configure the server to send it .*; if it is a root CA you trust, import it/);
    expect(d.missing).toEqual([]);
  });

  it('offers the self-signed leaf itself', () => {
    const d = check(['self-signed'], 'roots', 'openssl');
    expect(d.problems[0]!.code).toBe('SELF_SIGNED');
    expect(d.missing.map((c) => c.sha256)).toEqual([sha256('self-signed')]);
    expect(check(['self-signed'], 'pinned', 'openssl').trusted).toBe(true);
  });

  it('reports a same-named issuer with another key as a bad signature', () => {
    const d = check(['leaf', 'impostor-int'], 'roots', 'java');
    expect(d.problems[0]!.code).toBe('BAD_SIGNATURE');
    expect(d.problems[0]!.message).toContain(sha256('impostor-int'));
  });

  it('ends a loop of CAs that certify each other', () => {
    const d = check(['loop-leaf', 'loop-a', 'loop-b'], 'roots', 'openssl');
    expect(d.trusted).toBe(false);
    expect(d.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(d.problems[0]!.message).toMatch(/loops/);
    expect(d.path.map((c) => c.sha256)).toEqual([sha256('loop-leaf'), sha256('loop-a'), sha256('loop-b')]);
  });
});

describe('dates, strength and order', () => {
  const future = new Date('2100-01-01T00:00:00Z');

  it('checks the anchor\'s dates for OpenSSL only', () => {
    const expiredAt = (client: ClientProfile) =>
      check(['leaf', 'int'], 'roots', client, { now: future })
        .problems.filter((p) => p.code === 'EXPIRED')
        .map((p) => p.message);
    expect(expiredAt('java')).toHaveLength(2);
    expect(expiredAt('openssl')).toHaveLength(3);
    expect(expiredAt('openssl')[2]).toContain(subject('root'));
  });

  it('puts the trust problem first, then dates, then the host name', () => {
    const d = check(['leaf-wrong-host', 'int'], 'unrelated', 'java', { now: future });
    expect(d.problems.map((p) => p.code).slice(0, 4)).toEqual(['UNTRUSTED_ROOT', 'EXPIRED', 'EXPIRED', 'HOSTNAME_MISMATCH']);
    expect(d.problems[3]!.message).toContain('DNS:wrong.example.test');
  });

  it('warns about SHA-1 without blocking Java, and blocks OpenSSL', () => {
    const java = check(['leaf-sha1', 'int'], 'roots', 'java');
    expect(java.trusted).toBe(true);
    expect(java.problems.map((p) => p.code)).toEqual(['WEAK_SIGNATURE']);
    expect(check(['leaf-sha1', 'int'], 'roots', 'openssl').problems[0]!.code).toBe('WEAK_SIGNATURE');
    expect(check(['leaf-rsa1024', 'int'], 'roots', 'java').problems.map((p) => p.code)).toEqual(['WEAK_KEY']);
  });
});

describe('hostile input', () => {
  it('refuses an empty or unreadable server chain with a clear error', () => {
    expect(() => check([], 'roots', 'java')).toThrow(CorruptInputError);
    const garbage = { target: 't', host: 'localhost', trustStore: [], client: 'java' as const, crypto: nodeCrypto };
    expect(() => diagnose({ ...garbage, sent: [new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff])] })).toThrow(/cannot be read/);
  });

  it('ignores unreadable extra certificates and trust-store entries', () => {
    const junk = new Uint8Array(64).fill(0x30);
    const d = diagnose({
      target: 't',
      host: 'localhost',
      sent: [fixtureDer('leaf'), junk, fixtureDer('int')],
      trustStore: [{ alias: 'junk', der: junk }, ...stores.get('roots')!],
      client: 'java',
      crypto: nodeCrypto,
    });
    expect(d.trusted).toBe(true);
  });

  it('bounds the search when many certificates carry the issuer\'s name', () => {
    // loop-a and loop-b certify each other; 50 "different" copies of each make every step branch widely.
    const pool = certificatePool(['loop-leaf', 'loop-a', 'loop-b'].map(fixtureDer), [], nodeCrypto);
    const copies = pool.certificates.slice(1).flatMap((cert) => Array.from({ length: 50 }, (_, i) => ({ ...cert, sha256: `${cert.sha256}-${i}` })));
    const crowded: CertificatePool = { ...pool, certificates: [pool.leaf, ...copies] };
    const started = Date.now();
    const paths = buildPaths(crowded, 'java', new SignatureChecks(nodeCrypto));
    expect(paths).toHaveLength(MAX_PATHS);
    expect(paths.every((p) => p.certificates.length <= MAX_PATH_LENGTH)).toBe(true);
    expect(paths.some((p) => p.end.kind === 'too-long')).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
