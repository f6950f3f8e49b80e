// Which key entries a Java client would offer a server that asks for a client certificate, checked
// against JSSE's own key manager (JavaClientAliases): keystores made by openssl and keytool with one key
// under the test root and one under another root, asked for by each CA, by none, and by one neither
// chain names; PKCS#12 and JKS alike.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientKeysFor, keystoreAmong } from '../../shared/chain/client-keys';
import { handshakeVerdict } from '../../shared/chain/handshake';
import { decodeStore } from '../../shared/formats';
import { compileJavaPeer, runJavaClientAliases } from '../peers/java-client';
import { nodeCrypto } from '../support/crypto';
import { makeClientKeystore } from '../support/client-keystores';

const ROOT = 'CN=TrustLens Test Root CA,O=TrustLens Test';
const OTHER_ROOT = 'CN=Unrelated Root CA,O=Unrelated Test';
const INTERMEDIATE = 'CN=TrustLens Test Intermediate CA,O=TrustLens Test';

const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-client-keys-'));
let javaClasses: string;

const stores: Record<'PKCS12' | 'JKS', string> = { PKCS12: path.join(dir, 'client.p12'), JKS: path.join(dir, 'client.jks') };

beforeAll(async () => {
  const compiling = compileJavaPeer('JavaClientAliases');
  for (const [type, file] of Object.entries(stores) as ['PKCS12' | 'JKS', string][]) {
    makeClientKeystore(mkdtempSync(path.join(dir, 'keys-')), file, type, [
      { alias: 'client-a', cn: 'app-a.example.test', ca: 'root', keyType: 'RSA' },
      { alias: 'client-b', cn: 'app-b.example.test', ca: 'other-root', keyType: 'EC' },
    ]);
  }
  javaClasses = await compiling;
});
afterAll(() => {
  for (const d of [dir, javaClasses]) if (d) rmSync(d, { recursive: true, force: true });
});

const asked: [string, string[]][] = [
  ['the test root', [ROOT]],
  ['the other root', [OTHER_ROOT]],
  ['both roots', [OTHER_ROOT, ROOT]],
  ['no CA (any key)', []],
  ['a CA neither chain names', [INTERMEDIATE]],
];

describe.each(['PKCS12', 'JKS'] as const)('key entries of a %s keystore a Java client would offer', (type) => {
  it('are the ones JSSE’s key manager offers, for each list of CAs a server may send', async () => {
    const java = await runJavaClientAliases(
      javaClasses,
      asked.map(([id, issuers]) => ({ id, store: stores[type], storeType: type, password: 'changeit', issuers })),
    );
    // Read without the password where the format allows (a JKS lists its chains without it).
    const store = decodeStore(new Uint8Array(readFileSync(stores[type])), { crypto: nodeCrypto, ...(type === 'PKCS12' ? { password: 'changeit' } : {}) });
    for (const [id, issuers] of asked) {
      const ours = clientKeysFor(store, issuers);
      expect(ours.keyEntries, id).toBe(2);
      expect(ours.matches.map((m) => m.alias).sort(), id).toEqual(java.get(id));
    }
    expect(java.get('the test root')).toEqual(['client-a']);
    expect(clientKeysFor(store, [ROOT]).matches).toEqual([{ alias: 'client-a', subject: 'CN=app-a.example.test', via: ROOT }]);
  });
});

describe('the app judges a client certificate request with its open keystores', () => {
  const open = () => {
    const read = (type: 'PKCS12' | 'JKS') => decodeStore(new Uint8Array(readFileSync(stores[type])), { crypto: nodeCrypto, password: 'changeit' });
    const trustOnly = decodeStore(new Uint8Array(readFileSync(new URL('../fixtures/jks/trust-only.jks', import.meta.url))), { crypto: nodeCrypto, password: 'changeit' });
    return [
      { file: 'trust.jks', decoded: trustOnly },
      { file: 'client.jks', decoded: read('JKS') },
      { file: 'client.p12', decoded: read('PKCS12') },
    ];
  };

  it('takes the first keystore whose key entry Java would offer; else one that has keys, to say none fits', () => {
    expect(keystoreAmong(open(), [OTHER_ROOT])?.file).toBe('client.jks');
    expect(keystoreAmong(open(), [OTHER_ROOT])?.keys.matches.map((m) => m.alias)).toEqual(['client-b']);
    expect(keystoreAmong(open(), [INTERMEDIATE])?.keys.matches).toEqual([]);
    expect(keystoreAmong(open().slice(0, 1), [ROOT])).toBeUndefined();
  });

  it('a matching open keystore lifts CLIENT_CERT_REQUIRED; none says to open one, not --keystore', () => {
    const request = { required: true, acceptedIssuers: [ROOT] };
    const base = { client: 'java' as const, protocol: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', clientCertificate: request, keystoreFrom: 'app' as const };
    const keystore = keystoreAmong(open(), [ROOT]);
    expect(handshakeVerdict({ ...base, ...(keystore ? { keystore } : {}) }).after).toEqual([]);
    const [problem] = handshakeVerdict(base).after;
    expect(problem?.code).toBe('CLIENT_CERT_REQUIRED');
    expect(problem?.message).toContain('no open keystore holds a key entry');
    expect(problem?.fix).toContain('open it in a tab to check it');
    expect(problem?.fix).not.toContain('--keystore');
  });
});
