// CA Issuers URLs followed more than one level up: a server that sends only its leaf, issued by a
// sub-CA whose certificate is at the leaf's CA Issuers URL, itself issued by the test intermediate at the
// sub-CA's CA Issuers URL, with a store that holds only the root. For both clients the diagnosis downloads
// both, builds the path through them into the store, and names exactly those two; with them imported, the
// real JSSE client and `openssl s_client -verify_return_error` trust the server, as they did not before.
// Certificates made by openssl; TLS and HTTP servers on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseOnMachine, probe } from '../../../../electron/services/diagnosis/probe-service';
import { decodeStore } from '../../../../shared/formats';
import { compileJavaPeer, runJavaClient } from '../../../peers/java-client';
import { opensslVerify } from '../../../peers/openssl-client';
import { fixtureDerFile, startLeafOnlyServer, startPublicationServer, type PublicationServer } from '../../../support/ca-issuers';
import { nodeCrypto } from '../../../support/crypto';
import { run } from '../../../support/peers';
import { chainFile, chainPem, pemCertificates } from '../../../support/tls-servers';

let work: string;
let publisher: PublicationServer;
let server: Awaited<ReturnType<typeof startLeafOnlyServer>>;
let javaClasses: string;
let subPem: string;

/** `openssl x509 -req` of a new P-256 key, signed by `caCert`/`caKey`, with these extensions. */
function issue(name: string, subject: string, caCert: string, caKey: string, extensions: string): { cert: string; key: string } {
  const key = path.join(work, `${name}.key`);
  const csr = path.join(work, `${name}.csr`);
  const cert = path.join(work, `${name}.pem`);
  const ext = path.join(work, `${name}.ext`);
  writeFileSync(ext, extensions);
  run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-subj', subject, '-out', csr]);
  run('openssl', ['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-set_serial', `0x${name.length}5b`, '-days', '30', '-extfile', ext, '-out', cert]);
  return { cert, key };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'trustlens-aia-levels-'));
  // Paths are known before the server's port: the publication server answers from this table, filled below.
  const paths: Record<string, { body: Uint8Array }> = { '/pki/int.cer': { body: fixtureDerFile('int') } };
  publisher = await startPublicationServer(paths);
  const sub = issue(
    'sub',
    '/CN=TrustLens Test Sub CA/O=TrustLens Test',
    chainFile('int'),
    chainFile('int.key'),
    `basicConstraints=critical,CA:true,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\nauthorityInfoAccess=caIssuers;URI:${publisher.origin}/pki/int.cer\n`,
  );
  subPem = readFileSync(sub.cert, 'utf8');
  paths['/pki/sub.cer'] = { body: pemCertificates(subPem)[0]! };
  const leaf = issue(
    'leaf',
    '/CN=localhost/O=TrustLens Test',
    sub.cert,
    sub.key,
    `subjectAltName=DNS:localhost,IP:127.0.0.1\nauthorityKeyIdentifier=keyid\nauthorityInfoAccess=caIssuers;URI:${publisher.origin}/pki/sub.cer\n`,
  );
  server = await startLeafOnlyServer({ cert: readFileSync(leaf.cert, 'utf8'), key: readFileSync(leaf.key, 'utf8') });
  javaClasses = await compileJavaPeer('JavaTlsClient');
});

afterAll(async () => {
  await Promise.all([server?.close(), publisher?.close()]);
  for (const dir of [work, javaClasses]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A JKS (keytool) and a PEM CA file holding these PEM certificates. */
function stores(name: string, pems: readonly string[]): { jks: string; pem: string } {
  const pem = path.join(work, `${name}.pem`);
  writeFileSync(pem, pems.join(''));
  const jks = path.join(work, `${name}.jks`);
  pems.forEach((text, i) => {
    const file = path.join(work, `${name}-${i}.pem`);
    writeFileSync(file, text);
    run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', jks, '-storepass', 'changeit', '-alias', `ca${i}`, '-file', file]);
  });
  return { jks, pem };
}

describe('CA Issuers followed up two levels into a store that holds the root', () => {
  it.each(['java', 'openssl'] as const)('%s: the path goes leaf → sub-CA → intermediate → store root, and only the two CAs are missing', async (client) => {
    const rootOnly = stores(`root-only-${client}`, [chainPem('root')]);
    const store = decodeStore(readFileSync(rootOnly.pem), { crypto: nodeCrypto });
    const { record } = await probe(server.target, { servername: 'localhost' });
    const { diagnosis, found } = await diagnoseOnMachine(server.target, record, store, rootOnly.pem, client, {});
    // Each level once, from the leaf up (downloads are cached, so the second client fetches nothing).
    expect(publisher.requests).toEqual(['/pki/sub.cer', '/pki/int.cer']);
    expect(diagnosis.trusted).toBe(false);
    expect(diagnosis.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    expect(diagnosis.problems[0]!.message).not.toContain('was not found');
    expect(diagnosis.path.map((c) => [c.subject, c.source])).toEqual([
      ['O=TrustLens Test,CN=localhost', 'sent'],
      ['O=TrustLens Test,CN=TrustLens Test Sub CA', 'found'],
      ['CN=TrustLens Test Intermediate CA,O=TrustLens Test', 'found'],
      ['CN=TrustLens Test Root CA,O=TrustLens Test', 'truststore'],
    ]);
    expect(diagnosis.missing.map((c) => [c.subject, c.role, c.foundIn && 'url' in c.foundIn ? c.foundIn.url : null])).toEqual([
      ['O=TrustLens Test,CN=TrustLens Test Sub CA', 'intermediate', `${publisher.origin}/pki/sub.cer`],
      ['CN=TrustLens Test Intermediate CA,O=TrustLens Test', 'intermediate', `${publisher.origin}/pki/int.cer`],
    ]);
    expect(found).toHaveLength(2);

    // The real clients: not trusted with the root alone; trusted with what the diagnosis named imported.
    const withFound = stores(`with-found-${client}`, [chainPem('root'), subPem, chainPem('int')]);
    if (client === 'java') {
      const verdicts = await runJavaClient(javaClasses, [
        { id: 'before', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: rootOnly.jks, storeType: 'JKS', storePassword: 'changeit' },
        { id: 'after', host: 'localhost', address: '127.0.0.1', port: server.port, trustStore: withFound.jks, storeType: 'JKS', storePassword: 'changeit' },
      ]);
      expect(verdicts.get('before')).toMatch(/PKIX path building failed/);
      expect(verdicts.get('after')).toBe('TRUSTED');
    } else {
      expect((await opensslVerify('127.0.0.1', server.port, 'localhost', rootOnly.pem)).verifyCode).toBe(20);
      expect((await opensslVerify('127.0.0.1', server.port, 'localhost', withFound.pem)).trusted).toBe(true);
    }
    const after = await diagnoseOnMachine(server.target, record, decodeStore(readFileSync(withFound.pem), { crypto: nodeCrypto }), withFound.pem, client, {});
    expect(after.diagnosis.trusted).toBe(true);
  });
});
