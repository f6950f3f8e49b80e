// Our verdicts against real clients: for every scenario (a node:tls server on 127.0.0.1 sending a chain)
// and every trust store, diagnose() must trust exactly when a real JSSE client (java profile) and
// `openssl s_client -verify_return_error` (openssl profile) do, and must name the cause the peer reported.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose, type TrustAnchorEntry } from '../../shared/chain/diagnose';
import type { ClientProfile, Diagnosis, ProblemCode } from '../../shared/model/probe';
import { nodeCrypto } from '../support/crypto';
import { probeTls } from '../../electron/services/tls/probe';
import { trustAnchors } from '../../electron/services/diagnosis/probe-service';
import { decodeStore } from '../../shared/formats';
import { compileJavaPeer, runJavaClient, type JavaCase } from '../peers/java-client';
import { opensslSentChain, opensslVerify, type OpensslVerdict } from '../peers/openssl-client';
import { javaCauses, opensslCauses } from '../peers/peer-causes';
import { mapLimit } from '../peers/run-async';
import { fixtureDer, jksStore, pemStore, readTrustStore, startChainServer, STORE_PASSWORD, STORES, type ChainServer, type StoreName } from './diagnose-fixtures';

interface Scenario {
  readonly key: string;
  /** Fixture names the server sends, in this order. */
  readonly chain: readonly string[];
}

const SCENARIOS = {
  good: { key: 'leaf', chain: ['leaf', 'int'] },
  'missing intermediate': { key: 'leaf', chain: ['leaf'] },
  'root sent': { key: 'leaf', chain: ['leaf', 'int', 'root'] },
  'wrong order and an extra': { key: 'leaf', chain: ['leaf', 'root', 'int', 'unrelated-root'] },
  'expired leaf': { key: 'leaf-expired', chain: ['leaf-expired', 'int'] },
  'leaf not yet valid': { key: 'leaf-future', chain: ['leaf-future', 'int'] },
  'wrong host name': { key: 'leaf-wrong-host', chain: ['leaf-wrong-host', 'int'] },
  'self-signed leaf': { key: 'self-signed', chain: ['self-signed'] },
  'expired self-signed leaf': { key: 'self-signed-expired', chain: ['self-signed-expired'] },
  'unknown root sent': { key: 'unknown-leaf', chain: ['unknown-leaf', 'unknown-int', 'unknown-root'] },
  'unknown root not sent': { key: 'unknown-leaf', chain: ['unknown-leaf', 'unknown-int'] },
  'ECDSA chain': { key: 'ec-leaf', chain: ['ec-leaf', 'ec-int'] },
  'Ed25519 chain': { key: 'ed-leaf', chain: ['ed-leaf'] },
  'RSA-PSS signature': { key: 'leaf-pss', chain: ['leaf-pss', 'int'] },
  'expired root in the store': { key: 'xr-leaf', chain: ['xr-leaf', 'xr-int'] },
  'expired root sent': { key: 'xr-leaf', chain: ['xr-leaf', 'xr-int', 'expired-root'] },
  'SHA-1 signature': { key: 'leaf-sha1', chain: ['leaf-sha1', 'int'] },
  '1024-bit RSA key': { key: 'leaf-rsa1024', chain: ['leaf-rsa1024', 'int'] },
  'issuer is not a CA': { key: 'leaf-under-not-ca', chain: ['leaf-under-not-ca', 'not-ca'] },
  'common name only': { key: 'leaf-cn-only', chain: ['leaf-cn-only', 'int'] },
  'clientAuth-only leaf': { key: 'leaf-client', chain: ['leaf-client', 'int'] },
  'impostor intermediate': { key: 'leaf', chain: ['leaf', 'impostor-int'] },
  'issuer loop': { key: 'loop-leaf', chain: ['loop-leaf', 'loop-a', 'loop-b'] },
} satisfies Record<string, Scenario>;
type ScenarioName = keyof typeof SCENARIOS;

/** The real cause, by construction of the fixtures: 'trusted' or the code that must come first. */
type Expected = Partial<Record<ClientProfile, 'trusted' | ProblemCode>>;
const both = (e: 'trusted' | ProblemCode): Expected => ({ java: e, openssl: e });
const CAUSES: Partial<Record<`${ScenarioName}/${StoreName}`, Expected>> = {
  'good/roots': both('trusted'),
  'good/intermediate': { java: 'trusted', openssl: 'INCOMPLETE_CHAIN' },
  // Leaf and intermediate sent, root unknown to the store: servers usually leave their root out.
  'good/unrelated': both('UNTRUSTED_ROOT'),
  // The server certificate itself in the store: an anchor for JSSE, just another certificate for OpenSSL.
  'good/pinned': { java: 'trusted', openssl: 'UNTRUSTED_ROOT' },
  'missing intermediate/pinned': { java: 'trusted', openssl: 'INCOMPLETE_CHAIN' },
  'missing intermediate/roots': both('INCOMPLETE_CHAIN'),
  'missing intermediate/intermediate': { java: 'trusted', openssl: 'INCOMPLETE_CHAIN' },
  'root sent/roots': both('trusted'),
  'root sent/intermediate': { java: 'trusted', openssl: 'UNTRUSTED_ROOT' },
  'root sent/unrelated': both('UNTRUSTED_ROOT'),
  'wrong order and an extra/roots': both('trusted'),
  'expired leaf/roots': both('EXPIRED'),
  'expired leaf/intermediate': { java: 'EXPIRED' },
  'leaf not yet valid/roots': both('NOT_YET_VALID'),
  'wrong host name/roots': both('HOSTNAME_MISMATCH'),
  'self-signed leaf/roots': both('SELF_SIGNED'),
  'self-signed leaf/pinned': both('trusted'),
  // JSSE trusts a server certificate found in the store as it is, without looking at its dates.
  'expired self-signed leaf/pinned': { java: 'trusted', openssl: 'EXPIRED' },
  'expired self-signed leaf/roots': both('SELF_SIGNED'),
  'unknown root sent/roots': both('UNTRUSTED_ROOT'),
  'unknown root not sent/roots': both('UNTRUSTED_ROOT'),
  'ECDSA chain/roots': both('trusted'),
  'Ed25519 chain/roots': both('trusted'),
  'RSA-PSS signature/roots': both('trusted'),
  'expired root in the store/roots': { java: 'trusted', openssl: 'EXPIRED' },
  'expired root sent/roots': { java: 'trusted', openssl: 'EXPIRED' },
  'SHA-1 signature/roots': { java: 'trusted', openssl: 'WEAK_SIGNATURE' },
  '1024-bit RSA key/roots': { java: 'trusted', openssl: 'WEAK_KEY' },
  'issuer is not a CA/roots': both('NOT_A_CA'),
  'common name only/roots': both('trusted'),
  'clientAuth-only leaf/roots': both('EXTENDED_KEY_USAGE'),
  'impostor intermediate/roots': both('BAD_SIGNATURE'),
  'issuer loop/roots': both('INCOMPLETE_CHAIN'),
};

/** Host names the clients verify: the name, and the IP address for a few scenarios. */
const HOSTS: Partial<Record<ScenarioName, readonly string[]>> = {
  good: ['localhost', '127.0.0.1'],
  'wrong host name': ['localhost', '127.0.0.1'],
  'common name only': ['localhost', '127.0.0.1'],
};

interface Case {
  readonly id: string;
  readonly scenario: ScenarioName;
  readonly store: StoreName;
  readonly host: string;
}

const CASES: Case[] = (Object.keys(SCENARIOS) as ScenarioName[]).flatMap((scenario) =>
  STORES.flatMap((store) => (HOSTS[scenario] ?? ['localhost']).map((host) => ({ id: `${scenario} | ${store} | ${host}`, scenario, store, host }))),
);

let classDir = '';
const servers = new Map<ScenarioName, ChainServer>();
const sentChains = new Map<ScenarioName, Uint8Array[]>();
const peerChains = new Map<ScenarioName, Uint8Array[]>();
const keytoolStores = new Map<StoreName, TrustAnchorEntry[]>();
const trustStores = new Map<StoreName, TrustAnchorEntry[]>();
const javaVerdicts = new Map<string, string>();
const opensslVerdicts = new Map<string, OpensslVerdict>();

beforeAll(async () => {
  const compiled = compileJavaPeer('JavaTlsClient').then((dir) => (classDir = dir));
  // The anchors as our JKS codec reads them (what `diagnose --truststore` uses), and as keytool lists them.
  const stores = Promise.all(
    STORES.map(async (store) => {
      const decoded = decodeStore(new Uint8Array(readFileSync(jksStore(store))), { password: STORE_PASSWORD, crypto: nodeCrypto });
      trustStores.set(store, trustAnchors(decoded));
      keytoolStores.set(store, await readTrustStore(store));
    }),
  );
  for (const [name, scenario] of Object.entries(SCENARIOS) as [ScenarioName, Scenario][]) {
    servers.set(name, await startChainServer(scenario.key, scenario.chain));
  }
  const port = (c: Case) => servers.get(c.scenario)!.port;
  const javaCases: JavaCase[] = CASES.map((c) => ({
    id: c.id,
    host: c.host,
    address: '127.0.0.1',
    port: port(c),
    trustStore: jksStore(c.store),
    storeType: 'JKS',
    storePassword: STORE_PASSWORD,
  }));
  const [java, openssl] = await Promise.all([
    compiled.then((dir) => runJavaClient(dir, javaCases)),
    mapLimit(CASES, 3, (c) => opensslVerify('127.0.0.1', port(c), c.host, pemStore(c.store))),
    // What each server sent, as our probe recorded it (the pipeline the CLI and the app use) and as a peer saw it.
    mapLimit([...servers], 2, async ([name, server]) => {
      const [ours, peer] = await Promise.all([
        probeTls(`127.0.0.1:${server.port}`, { servername: 'localhost' }),
        opensslSentChain('127.0.0.1', server.port, 'localhost'),
      ]);
      sentChains.set(name, ours.sent);
      peerChains.set(name, peer);
    }),
    stores,
  ]);
  for (const [id, verdict] of java) javaVerdicts.set(id, verdict);
  CASES.forEach((c, i) => opensslVerdicts.set(c.id, openssl[i]!));
});

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.close()));
  if (classDir) rmSync(classDir, { recursive: true, force: true });
});

function ourVerdict(c: Case, client: ClientProfile): Diagnosis {
  return diagnose({
    target: `127.0.0.1:${servers.get(c.scenario)!.port}`,
    host: c.host,
    sent: sentChains.get(c.scenario)!,
    trustStore: trustStores.get(c.store)!,
    client,
    crypto: nodeCrypto,
  });
}

describe('inputs of the verdicts', () => {
  const hex = (ders: readonly Uint8Array[]) => ders.map((d) => Buffer.from(d).toString('hex'));
  it('our probe recorded exactly what openssl s_client saw, for every server', () => {
    for (const name of servers.keys()) expect(hex(sentChains.get(name)!), name).toEqual(hex(peerChains.get(name)!));
  });
  it('our JKS codec reads the same anchors keytool lists, for every store', () => {
    for (const store of STORES) {
      const ours = trustStores.get(store)!.map((a) => [a.alias, Buffer.from(a.der).toString('hex')]);
      const peer = keytoolStores.get(store)!.map((a) => [a.alias, Buffer.from(a.der).toString('hex')]);
      expect(ours.sort(), store).toEqual(peer.sort());
    }
  });
});

function explain(d: Diagnosis, peer: string): string {
  return `peer: ${peer}\nours: trusted=${d.trusted}\n${d.problems.map((p) => `  ${p.code}: ${p.message}`).join('\n')}`;
}

describe('the server sends exactly the configured chain', () => {
  it.each(Object.keys(SCENARIOS) as ScenarioName[])('%s', (name) => {
    const configured = SCENARIOS[name].chain.map(fixtureDer);
    expect(sentChains.get(name)!.map((d) => Buffer.from(d).toString('hex'))).toEqual(configured.map((d) => Buffer.from(d).toString('hex')));
  });
});

describe('java profile == JSSE client', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const peer = javaVerdicts.get(c.id)!;
    const ours = ourVerdict(c, 'java');
    const peerTrusted = peer === 'TRUSTED';
    expect(ours.trusted, explain(ours, peer)).toBe(peerTrusted);
    if (!peerTrusted) {
      const causes = javaCauses(peer);
      expect(ours.problems.some((p) => causes.includes(p.code)), explain(ours, peer)).toBe(true);
    }
    const expected = c.host === 'localhost' ? CAUSES[`${c.scenario}/${c.store}`]?.java : undefined;
    if (expected) expect(ours.trusted ? 'trusted' : ours.problems[0]!.code, explain(ours, peer)).toBe(expected);
  });
});

describe('openssl profile == openssl s_client', () => {
  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const peer = opensslVerdicts.get(c.id)!;
    const ours = ourVerdict(c, 'openssl');
    const peerText = peer.trusted ? 'Verify return code: 0 (ok)' : `verify error ${peer.verifyCode}: ${peer.verifyError}`;
    expect(ours.trusted, explain(ours, peerText)).toBe(peer.trusted);
    if (!peer.trusted) {
      const causes = opensslCauses(peer.verifyCode!);
      expect(ours.problems.some((p) => causes.includes(p.code)), explain(ours, peerText)).toBe(true);
    }
    const expected = c.host === 'localhost' ? CAUSES[`${c.scenario}/${c.store}`]?.openssl : undefined;
    if (expected) expect(ours.trusted ? 'trusted' : ours.problems[0]!.code, explain(ours, peerText)).toBe(expected);
  });
});
