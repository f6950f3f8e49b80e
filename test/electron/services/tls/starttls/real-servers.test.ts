// probe and diagnose of servers that upgrade to TLS, against real servers started here: PostgreSQL,
// OpenLDAP slapd, aiosmtpd and MariaDB (skipped, with the reason, only where the package is not
// installed; .ci/run installs them), plus scripted IMAP, POP3, FTP and XMPP servers. For each, what our probe
// recorded must be exactly what `openssl s_client -starttls PROTO -showcerts` saw, and diagnose's verdict
// (java profile) must be a real JSSE client's after the same exchange (JavaStartTlsClient).
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnoseRecord, probe } from '../../../../../electron/services/diagnosis/probe-service';
import type { ProbeRecord } from '../../../../../electron/services/tls/probe';
import { decodeStore } from '../../../../../shared/formats';
import type { DecodedStore } from '../../../../../shared/formats/codec';
import { fixtureDer, fixturePem, DIAGNOSE_DIR, jksStore, STORE_PASSWORD } from '../../../../chain/diagnose-fixtures';
import { compileJavaPeer, runJavaStartTlsClient, type JavaStartTlsCase } from '../../../../peers/java-client';
import { nodeCrypto } from '../../../../support/crypto';
import { startScriptedServer } from '../../../../support/starttls-scripted';
import { missing, startMariadb, startPostgres, startSlapd, startSmtp, type ServerIdentity } from '../../../../support/starttls-servers';
import { opensslShowcerts, type RunningServer } from '../../../../support/tls-servers';

const identity: ServerIdentity = { chainPem: fixturePem('leaf') + fixturePem('int'), keyPem: readFileSync(`${DIAGNOSE_DIR}/leaf.key`, 'utf8') };
const CHAIN = [fixtureDer('leaf'), fixtureDer('int')].map((der) => Buffer.from(der).toString('hex'));
const STORES = ['roots', 'unrelated'] as const;

interface Endpoint {
  readonly name: string;
  /** What a person types: the scheme says which upgrade. */
  readonly url: (server: RunningServer) => string;
  /** openssl s_client -starttls PROTO ('' for TLS from the first byte). */
  readonly openssl: string;
  /** JavaStartTlsClient's protocol. */
  readonly java: string;
  readonly server: RunningServer;
}

const endpoints: Endpoint[] = [];
const closers: (() => Promise<void>)[] = [];
const refusing = new Map<string, RunningServer>();
const recorded = new Map<string, ProbeRecord>();
const seenByOpenssl = new Map<string, string[]>();
const javaVerdicts = new Map<string, string>();
const stores = new Map<string, DecodedStore>();
let classDir = '';

const url = (scheme: string) => (server: RunningServer) => `${scheme}://127.0.0.1:${server.port}`;

beforeAll(async () => {
  const compiled = compileJavaPeer('JavaStartTlsClient').then((dir) => (classDir = dir));
  for (const name of STORES) stores.set(name, decodeStore(new Uint8Array(readFileSync(jksStore(name))), { password: STORE_PASSWORD, crypto: nodeCrypto }));
  // allSettled: a server that fails to start must not leave the others running unclosed.
  const started = await Promise.allSettled([
    !missing.postgres &&
      startPostgres(identity).then((pg) => {
        closers.push(() => pg.close());
        endpoints.push({ name: 'PostgreSQL', url: url('postgres'), openssl: 'postgres', java: 'postgres', server: pg.tls });
        refusing.set('postgres', pg.plain);
      }),
    !missing.slapd &&
      startSlapd(identity).then((slapd) => {
        closers.push(() => slapd.close());
        endpoints.push({ name: 'slapd StartTLS', url: url('ldap'), openssl: 'ldap', java: 'ldap', server: slapd.ldap });
        endpoints.push({ name: 'slapd ldaps', url: url('ldaps'), openssl: '', java: 'tls', server: slapd.ldaps });
        refusing.set('ldap', slapd.plain);
      }),
    !missing.smtp &&
      startSmtp(identity).then((smtp) => {
        closers.push(() => smtp.close());
        endpoints.push({ name: 'aiosmtpd', url: url('smtp'), openssl: 'smtp', java: 'smtp', server: smtp.starttls });
        refusing.set('smtp', smtp.plain);
      }),
    !missing.mariadb &&
      startMariadb(identity).then((db) => {
        closers.push(() => db.close());
        endpoints.push({ name: 'MariaDB', url: url('mysql'), openssl: 'mysql', java: 'mysql', server: db });
      }),
    ...(['imap', 'pop3', 'ftp', 'xmpp'] as const).map(async (protocol) => {
      const [offering, refusingServer] = await Promise.all([startScriptedServer(protocol, identity), startScriptedServer(protocol, identity, { offer: false })]);
      closers.push(() => offering.close(), () => refusingServer.close());
      endpoints.push({ name: `scripted ${protocol}`, url: url(protocol), openssl: protocol, java: protocol, server: offering });
      refusing.set(protocol, refusingServer);
    }),
    startScriptedServer('mysql-no-ssl', identity).then((server) => {
      closers.push(() => server.close());
      refusing.set('mysql', server);
    }),
  ]);
  const failure = started.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  const cases: JavaStartTlsCase[] = endpoints.flatMap((e) =>
    STORES.map((store) => ({ id: `${e.name}|${store}`, protocol: e.java, host: 'localhost', address: '127.0.0.1', port: e.server.port, trustStore: jksStore(store), storeType: 'JKS' as const, storePassword: STORE_PASSWORD })),
  );
  await Promise.all([
    compiled.then(async (dir) => {
      for (const [id, verdict] of await runJavaStartTlsClient(dir, cases)) javaVerdicts.set(id, verdict);
    }),
    ...endpoints.map(async (e) => {
      const [ours, peer] = await Promise.all([
        probe(e.url(e.server), { servername: 'localhost', timeoutMs: 10_000 }),
        opensslShowcerts(e.server, { servername: 'localhost', ...(e.openssl ? { starttls: e.openssl } : {}) }),
      ]);
      recorded.set(e.name, ours.record);
      seenByOpenssl.set(e.name, peer.certificates.map((der) => Buffer.from(der).toString('hex')));
    }),
  ]);
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  if (classDir) rmSync(classDir, { recursive: true, force: true });
});

const hex = (record: ProbeRecord) => record.sent.map((der) => Buffer.from(der).toString('hex'));

describe('servers that upgrade to TLS', () => {
  for (const [server, reason] of Object.entries(missing)) {
    if (reason) it.skip(`${server}: ${reason}`, () => undefined);
  }

  it('every server was reached', () => {
    const expected = ['scripted imap', 'scripted pop3', 'scripted ftp', 'scripted xmpp', ...(missing.postgres ? [] : ['PostgreSQL']), ...(missing.slapd ? [] : ['slapd StartTLS', 'slapd ldaps']), ...(missing.smtp ? [] : ['aiosmtpd']), ...(missing.mariadb ? [] : ['MariaDB'])];
    expect(endpoints.map((e) => e.name).sort()).toEqual(expected.sort());
  });

  it('records exactly the chain openssl s_client -starttls saw, and the one configured', () => {
    for (const e of endpoints) {
      expect(hex(recorded.get(e.name)!), e.name).toEqual(seenByOpenssl.get(e.name));
      expect(hex(recorded.get(e.name)!), e.name).toEqual(CHAIN);
      expect(recorded.get(e.name)!.starttls, e.name).toBe(e.java === 'tls' ? undefined : e.java);
    }
  });

  it('trusts the server exactly when a JSSE client does after the same exchange', () => {
    for (const e of endpoints) {
      for (const store of STORES) {
        const ours = diagnoseRecord(e.url(e.server), recorded.get(e.name)!, stores.get(store)!, 'java');
        const java = javaVerdicts.get(`${e.name}|${store}`)!;
        expect({ trusted: ours.trusted, code: ours.problems[0]?.code }, `${e.name} with ${store}: Java said ${java}`).toEqual(
          java === 'TRUSTED' ? { trusted: true, code: undefined } : { trusted: false, code: 'UNTRUSTED_ROOT' },
        );
        // The cases differ: one store trusts the chain, the other does not.
        expect(java === 'TRUSTED', `${e.name} with ${store}`).toBe(store === 'roots');
      }
    }
  });
});

describe('a server that will not upgrade', () => {
  const failure = async (target: string) => {
    const error = await probe(target, { timeoutMs: 5000 }).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(error, target).toBeDefined();
    expect(error!.code).toBe('NETWORK');
    return error!.message;
  };
  const cases: [string, string, RegExp][] = [
    ['postgres', 'postgres', /PostgreSQL answered N: SSL off/],
    ['ldap', 'ldap', /the server does not offer STARTTLS \(the StartTLS extended operation answered protocolError "unsupported extended operation"\)/],
    ['smtp', 'smtp', /the server does not offer STARTTLS \(its EHLO answer lists/],
    ['imap', 'imap', /the server does not offer STARTTLS \("\* CAPABILITY IMAP4rev1 LOGINDISABLED"\)/],
    ['pop3', 'pop3', /the server does not offer STARTTLS \(STLS is not among its capabilities: TOP, UIDL\)/],
    ['ftp', 'ftp', /AUTH TLS answered "530 Please login with USER and PASS\."/],
    ['xmpp', 'xmpp', /the server does not offer STARTTLS \(its stream features:/],
    ['mysql', 'mysql', /the server does not offer TLS: the greeting of MySQL 10\.11\.0-TrustLens-test lacks the SSL capability/],
  ];
  it.each(cases)('%s says so, quoting the server', async (key, scheme, message) => {
    const server = refusing.get(key);
    if (!server) return; // its real server is not installed: reported as skipped above
    expect(await failure(`${scheme}://127.0.0.1:${server.port}`)).toMatch(message);
  });
});
