// `trustlens probe` and `trustlens diagnose` against real TLS servers on 127.0.0.1: JSON per the
// contract, exit codes 0 / 1 / 4, and one plain line on stderr for network failures.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustlens } from '../support/cli';
import { keytoolList, run } from '../support/peers';
import { runAsync } from '../peers/run-async';
import { makeClientKeystore } from '../support/client-keystores';
import { opensslFingerprint } from '../support/openssl';
import { fixtureDerFile, leafWithCaIssuers, startLeafOnlyServer, startPublicationServer } from '../support/ca-issuers';
import { chainFile, chainPem, opensslShowcerts, refusedPort, startConnectProxy, startNodeTlsServer, startPlainHttpServer, type RunningServer } from '../support/tls-servers';
import { nodeCrypto } from '../support/crypto';

let good: RunningServer;
let leafOnly: RunningServer;
let cluttered: RunningServer;
beforeAll(async () => {
  good = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'] });
  leafOnly = await startNodeTlsServer({ chain: ['leaf-rsa'] });
  // The whole path with its root, a copy of the intermediate and a root of another chain.
  cluttered = await startNodeTlsServer({ chain: ['leaf-rsa', 'int', 'root', 'int', 'other-root'] });
});
afterAll(async () => {
  await good.close();
  await leafOnly.close();
  await cluttered.close();
});

describe('trustlens probe', () => {
  it('prints the sent chain in wire order, as openssl s_client sees it', async () => {
    const r = await trustlens(['probe', good.target, '--servername', 'localhost', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ host: '127.0.0.1', port: good.port, address: '127.0.0.1', servername: 'localhost', protocol: 'TLSv1.3' });
    expect(typeof doc.cipher).toBe('string');
    const peer = await opensslShowcerts(good, { servername: 'localhost' });
    expect(doc.sent.map((c: { sha256: string }) => c.sha256)).toEqual(peer.certificates.map((der) => nodeCrypto.digestHex('sha256', der)));
    expect(doc.sent.map((c: { subject: string }) => c.subject)).toEqual([
      'CN=localhost,O=TrustLens Test',
      'CN=TrustLens Test Intermediate CA,O=TrustLens Test',
    ]);
    expect(doc.chainIssues).toEqual([]);
    expect(doc.sent.map((c: { role?: string }) => c.role)).toEqual(['leaf', 'intermediate']);
  });

  it('for people: says which name was sent as SNI, and that none is sent to an IP address', async () => {
    const named = await trustlens(['probe', good.target, '--servername', 'localhost']);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toMatch(/\(127\.0\.0\.1\), SNI localhost\n/);
    expect(named.stdout).toMatch(/The server sent 2 certificates:/);
    const bare = await trustlens(['probe', good.target]);
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toMatch(/\(127\.0\.0\.1\), no SNI \(an IP address is not sent as a name\)\n/);
  });

  it('gives each sent certificate its role on the leaf\'s path; a copy shares it, one off the path has none', async () => {
    const r = await trustlens(['probe', cluttered.target, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const peer = await opensslShowcerts(cluttered, {});
    expect(doc.sent.map((c: { sha256: string }) => c.sha256)).toEqual(peer.certificates.map((der) => nodeCrypto.digestHex('sha256', der)));
    expect(doc.sent.map((c: { role?: string }) => c.role ?? null)).toEqual(['leaf', 'intermediate', 'root', 'intermediate', null]);
    // The roles agree with the chain issues: the certificate without one is the one EXTRA_CERTS names.
    const extras = doc.chainIssues.filter((i: { code: string }) => i.code === 'EXTRA_CERTS').map((i: { message: string }) => i.message);
    expect(extras).toEqual([expect.stringMatching(/\(#5\) is not on the path/), expect.stringMatching(/sent 2 times \(#2, #4\)/)]);
  });

  it('exits 4 with one line when the port is closed, or is not TLS', async () => {
    const closed = await refusedPort();
    const refused = await trustlens(['probe', closed.target, '--timeout', '3000']);
    await closed.close();
    expect(refused.code).toBe(4);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain(closed.target);
    const http = await startPlainHttpServer();
    const plain = await trustlens(['probe', http.target, '--timeout', '3000']);
    await http.close();
    expect(plain.code).toBe(4);
    expect(plain.stderr).toMatch(/HTTP/);
  });

  it('says "not TLS" once for an http:// URL, and which URL was probably meant: exit 2', async () => {
    const r = await trustlens(['probe', `http://localhost:${good.port}/health`]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.match(/not (a )?TLS/g)).toHaveLength(1);
    expect(r.stderr).toContain(`did you mean https://localhost:${good.port}/health?`);
  });
});

describe('trustlens diagnose', () => {
  it('exits 0 when the store holds the root', async () => {
    const r = await trustlens(['diagnose', `https://localhost:${good.port}/`, '--truststore', chainFile('root.pem'), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ client: 'java', trusted: true, problems: [] });
    expect(doc.path.map((c: { source: string }) => c.source)).toEqual(['sent', 'sent', 'truststore']);
    expect(doc.path[2].trustStoreAlias).toBe('trustlens-test-root-ca');
  });

  it('exits 1 and names the missing intermediate when the server sends only its leaf', async () => {
    const r = await trustlens(['diagnose', `localhost:${leafOnly.port}`, '--truststore', chainFile('root.pem'), '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.trusted).toBe(false);
    expect(doc.problems[0].code).toBe('INCOMPLETE_CHAIN');
    expect(doc.problems[0].message).toContain('TrustLens Test Intermediate CA');
  });

  it('exits 1 with UNTRUSTED_ROOT for a store that holds another root, for both clients', async () => {
    for (const client of ['java', 'openssl']) {
      const r = await trustlens(['diagnose', `localhost:${good.port}`, '--truststore', chainFile('other-root.pem'), '--client', client]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/NOT TRUSTED/);
      expect(r.stdout).toMatch(/UNTRUSTED_ROOT/);
    }
  });

  it('exits 2 for an unreadable trust store before touching the network', async () => {
    const r = await trustlens(['diagnose', `localhost:${good.port}`, '--truststore', '/nonexistent/cacerts']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/nonexistent\/cacerts does not exist/);
  });
});

describe('through an HTTP proxy (--proxy, HTTPS_PROXY, NO_PROXY, --no-proxy)', () => {
  it('probes and diagnoses through the proxy given, and says so', async () => {
    const proxy = await startConnectProxy();
    try {
      const url = `http://127.0.0.1:${proxy.port}`;
      const json = await trustlens(['probe', good.target, '--servername', 'localhost', '--proxy', url, '--json']);
      expect(json.code, json.stderr).toBe(0);
      const doc = JSON.parse(json.stdout);
      expect(doc.proxy).toBe(url);
      const peer = await opensslShowcerts(good, { servername: 'localhost' });
      expect(doc.sent.map((c: { sha256: string }) => c.sha256)).toEqual(peer.certificates.map((der) => nodeCrypto.digestHex('sha256', der)));
      expect(proxy.requests).toEqual([good.target]);

      const human = await trustlens(['probe', good.target, '--proxy', url]);
      expect(human.stdout).toContain(`${good.target} through the proxy ${url}, no SNI`);

      const verdict = await trustlens(['diagnose', good.target, '--servername', 'localhost', '--truststore', chainFile('root.pem'), '--proxy', url]);
      expect(verdict.code, verdict.stderr).toBe(0);
      expect(verdict.stdout).toMatch(/^TRUSTED/);
      expect(verdict.stdout).toContain(`Reached ${good.target} through the proxy ${url}.`);
      expect(proxy.requests).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });

  it('takes HTTPS_PROXY from the environment, unless NO_PROXY names the host or --no-proxy is given', async () => {
    const proxy = await startConnectProxy();
    try {
      const env = { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}` };
      const viaEnv = await trustlens(['probe', good.target, '--json'], { env });
      expect(viaEnv.code, viaEnv.stderr).toBe(0);
      expect(JSON.parse(viaEnv.stdout).proxy).toBe(`http://127.0.0.1:${proxy.port} (from HTTPS_PROXY)`);
      expect(proxy.requests).toHaveLength(1);

      for (const [args, extra] of [
        [['--no-proxy'], {}],
        [[], { NO_PROXY: 'localhost,127.0.0.1' }],
      ] as const) {
        const direct = await trustlens(['probe', good.target, '--json', ...args], { env: { ...env, ...extra } });
        expect(direct.code, direct.stderr).toBe(0);
        expect(JSON.parse(direct.stdout).proxy).toBeUndefined();
      }
      expect(proxy.requests).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that asks for credentials, or a proxy URL that is not http://: one line, exit 4 or 2', async () => {
    const guarded = await startConnectProxy({ credentials: 'ops:pa55' });
    try {
      const r = await trustlens(['probe', good.target, '--proxy', `127.0.0.1:${guarded.port}`]);
      expect(r.code).toBe(4);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/asks for credentials \(407 Proxy Authentication Required\); give them in the proxy URL/);
      const ok = await trustlens(['probe', good.target, '--proxy', `http://ops:pa55@127.0.0.1:${guarded.port}`, '--json']);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).not.toContain('pa55');
    } finally {
      await guarded.close();
    }
    const socks = await trustlens(['probe', good.target, '--proxy', 'socks5://127.0.0.1:1080']);
    expect(socks.code).toBe(2);
    expect(socks.stderr).toMatch(/HTTP proxies only/);
  });
});

describe('diagnose says where this machine has what the store lacks, and the import that adds it', () => {
  it('finds the root in the JDK cacerts (JAVA_HOME), prints the command, and that command makes the verdict TRUSTED', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-known-'));
    try {
      // A JDK whose cacerts holds the test root, and an application store that holds another root: both by keytool.
      const cacerts = path.join(dir, 'jdk', 'lib', 'security', 'cacerts');
      mkdirSync(path.dirname(cacerts), { recursive: true });
      run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', cacerts, '-storepass', 'changeit', '-alias', 'testrootca', '-file', chainFile('root')]);
      const store = path.join(dir, 'app-truststore.jks');
      run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', store, '-storepass', 'storepass', '-alias', 'partner', '-file', chainFile('other-root')]);
      const env = { JAVA_HOME: path.join(dir, 'jdk'), STOREPASS: 'storepass' };
      const rootSha = opensslFingerprint(readFileSync(chainFile('root'), 'utf8'));

      const json = await trustlens(['diagnose', good.target, '--servername', 'localhost', '--truststore', store, '--json'], { env });
      expect(json.code, json.stderr).toBe(1);
      const doc = JSON.parse(json.stdout);
      expect(doc.missing).toEqual([expect.objectContaining({ sha256: rootSha, role: 'root', foundIn: { label: 'JDK cacerts (JAVA_HOME)', file: cacerts, alias: 'testrootca', password: 'changeit' } })]);

      const human = await trustlens(['diagnose', good.target, '--servername', 'localhost', '--truststore', store, '--password-env', 'STOREPASS'], { env });
      expect(human.code).toBe(1);
      expect(human.stdout).toContain(`Found elsewhere: 'CN=TrustLens Test Root CA,O=TrustLens Test' in JDK cacerts (JAVA_HOME) at ${cacerts}, alias 'testrootca'.`);
      const command = /To add it .*:\n {2}(trustlens .*)\n/.exec(human.stdout)?.[1];
      expect(command).toBe(
        `trustlens import ${store} --from ${good.target} --truststore ${cacerts} --truststore-password changeit --certs root --servername localhost --password-env STOREPASS`,
      );

      // Run it as printed (these paths need no quoting), then ask again.
      const added = await trustlens(command!.split(' ').slice(1), { env });
      expect(added.code, added.stderr).toBe(0);
      const listed = keytoolList(store, 'storepass');
      expect([...listed.values()].map((entry) => entry.sha256[0]!.replace(/:/g, '').toLowerCase())).toContain(rootSha);
      const again = await trustlens(['diagnose', good.target, '--servername', 'localhost', '--truststore', store], { env });
      expect(again.code, again.stdout).toBe(0);
      expect(again.stdout).not.toContain('To add it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('diagnose downloads an intermediate the server leaves out from its CA Issuers URL', () => {
  it('names the URL, prints curl and the import, and after them the verdict is TRUSTED', async () => {
    const publisher = await startPublicationServer({ '/ca/int.cer': { body: fixtureDerFile('int') } });
    const server = await startLeafOnlyServer(leafWithCaIssuers(`${publisher.origin}/ca/int.cer`));
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-aia-cli-'));
    try {
      const store = path.join(dir, 'app.jks');
      run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', store, '-storepass', 'changeit', '-alias', 'root', '-file', chainFile('root')]);
      const url = `${publisher.origin}/ca/int.cer`;

      const offline = await trustlens(['diagnose', server.target, '--truststore', store, '--no-download', '--json']);
      expect(offline.code).toBe(1);
      expect(JSON.parse(offline.stdout).missing).toEqual([]);
      expect(publisher.requests).toEqual([]);

      const human = await trustlens(['diagnose', server.target, '--truststore', store], { cwd: dir });
      expect(human.code).toBe(1);
      expect(publisher.requests).toEqual(['/ca/int.cer']);
      expect(human.stdout).toContain(`Found elsewhere: 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' at ${url} (the CA Issuers URL of the certificate it issued).`);
      expect(human.stdout).toContain(`at ${url} (its CA Issuers URL)`);
      const commands = /To add it .*:\n((?: {2}.*\n)+)/.exec(human.stdout)?.[1]?.trim().split(/\n\s*/);
      expect(commands).toEqual([`curl -fsSL -o trustlens-test-intermediate-ca.cer ${url}`, `trustlens import ${store} --from trustlens-test-intermediate-ca.cer`]);

      // curl downloads it as printed; the import adds it (the store's password on the terminal: here the flag).
      // (Not blocking: the CA's server is in this process.)
      const curl = await runAsync('curl', commands![0]!.split(' ').slice(1), '', 30_000, dir);
      expect(curl.status, curl.stderr).toBe(0);
      const added = await trustlens([...commands![1]!.split(' ').slice(1), '--password', 'changeit'], { cwd: dir });
      expect(added.code, added.stderr).toBe(0);
      expect([...keytoolList(store, 'changeit').values()].map((e) => e.sha256[0]!.replace(/:/g, '').toLowerCase())).toContain(opensslFingerprint(chainPem('int')));
      const again = await trustlens(['diagnose', server.target, '--truststore', store, '--no-download']);
      expect(again.code, again.stdout).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
      await publisher.close();
    }
  });
});

describe('a server that requires a client certificate', () => {
  it('probe says so and lists the CAs it accepts (JSON and for people)', async () => {
    const mutual = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', requireClientCertificate: true });
    try {
      const json = await trustlens(['probe', mutual.target, '--servername', 'localhost', '--json']);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout).clientCertificate).toEqual({ required: true, acceptedIssuers: ['CN=TrustLens Test Root CA,O=TrustLens Test'] });
      const human = await trustlens(['probe', mutual.target, '--servername', 'localhost']);
      expect(human.stdout).toContain('Client certificate required: the server ended the handshake when no client certificate was sent (mutual TLS).');
      expect(human.stdout).toContain('It accepts client certificates issued by:\n  CN=TrustLens Test Root CA,O=TrustLens Test\n');
      // The chain is trusted, but the call would not work without a client certificate: exit 1.
      const verdict = await trustlens(['diagnose', mutual.target, '--servername', 'localhost', '--truststore', chainFile('root')]);
      expect(verdict.code).toBe(1);
      expect(verdict.stdout).toMatch(/^TRUSTED.*\nDOES NOT CONNECT: the handshake would not complete \(CLIENT_CERT_REQUIRED\)/);
      expect(verdict.stdout).toContain('Client certificate required');
    } finally {
      await mutual.close();
    }
  });

  it('--keystore says which key entry a Java client would offer, and when none would be', async () => {
    const mutual = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], maxVersion: 'TLSv1.2', requireClientCertificate: true });
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-keystore-cli-'));
    try {
      const good = makeClientKeystore(dir, path.join(dir, 'app.p12'), 'PKCS12', [
        { alias: 'app-client', cn: 'app.example.test', ca: 'root', keyType: 'EC' },
        { alias: 'other', cn: 'other.example.test', ca: 'other-root', keyType: 'RSA' },
      ]);
      const json = await trustlens(['probe', mutual.target, '--keystore', good, '--keystore-password', 'changeit', '--json']);
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout).clientKeys).toEqual({
        file: good,
        keyEntries: 2,
        matches: [{ alias: 'app-client', subject: 'CN=app.example.test', via: 'CN=TrustLens Test Root CA,O=TrustLens Test' }],
      });
      const human = await trustlens(['diagnose', mutual.target, '--servername', 'localhost', '--truststore', chainFile('root'), '--keystore', good, '--keystore-password', 'changeit']);
      expect(human.stdout).toContain(`A Java client with ${good} would offer:\n  "app-client" (app.example.test), its chain issued by CN=TrustLens Test Root CA,O=TrustLens Test\n`);
      const diagnosed = await trustlens(['diagnose', mutual.target, '--servername', 'localhost', '--truststore', chainFile('root'), '--keystore', good, '--keystore-password', 'changeit', '--json']);
      expect(diagnosed.code, diagnosed.stderr).toBe(0);
      expect(JSON.parse(diagnosed.stdout)).toMatchObject({
        trusted: true,
        clientCertificate: { required: true, acceptedIssuers: ['CN=TrustLens Test Root CA,O=TrustLens Test'] },
        clientKeys: { keyEntries: 2, matches: [{ alias: 'app-client' }] },
      });

      const wrong = makeClientKeystore(dir, path.join(dir, 'wrong.jks'), 'JKS', [{ alias: 'other', cn: 'other.example.test', ca: 'other-root', keyType: 'RSA' }]);
      const none = await trustlens(['probe', mutual.target, '--keystore', wrong]);
      expect(none.code, none.stderr).toBe(0);
      expect(none.stdout).toContain(`${wrong} holds 1 key entry, none whose chain is issued by these CAs: a Java client would send no client certificate, and the server would end the handshake.`);

      // A PKCS#12 keystore needs its password; the error says which option gives it.
      const locked = await trustlens(['probe', mutual.target, '--keystore', good]);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain(`${good} needs a password to be read; pass it with --keystore-password.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await mutual.close();
    }
  });
});
