// A server that leaves out its intermediate, whose leaf names a CA Issuers URL: the diagnosis downloads
// what that URL serves (a DER certificate, a certs-only PKCS#7, through a redirect or an HTTP proxy),
// takes it only if its key verifies the leaf, and says where it is; nothing is fetched when told not to,
// and a URL that fails leaves the diagnosis as it was. Real TLS and HTTP servers on 127.0.0.1; the
// leaf and the PKCS#7 are made by openssl.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/services/dispatch';
import { createHandlers } from '../../../../electron/services/handlers';
import { StoreSessions } from '../../../../electron/services/stores/sessions';
import type { Channel, ChannelArgs, ChannelResult, Envelope } from '../../../../shared/ipc';
import { importOffer } from '../../../../renderer/src/probe/import-offer';
import { probe, diagnoseOnMachine } from '../../../../electron/services/diagnosis/probe-service';
import { decodeStore } from '../../../../shared/formats';
import type { FoundAtUrl } from '../../../../shared/model/probe';
import { fixtureDerFile, fixturePkcs7, leafWithCaIssuers, startLeafOnlyServer, startPublicationServer, type PublicationServer } from '../../../support/ca-issuers';
import { nodeCrypto } from '../../../support/crypto';
import { keytoolList, run } from '../../../support/peers';
import { chainFile, chainPem, startConnectProxy } from '../../../support/tls-servers';

const storeWithRoot = decodeStore(new TextEncoder().encode(chainPem('root')), { crypto: nodeCrypto });
const intSha = nodeCrypto.digestHex('sha256', fixtureDerFile('int'));

let publisher: PublicationServer;
const servers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  publisher = await startPublicationServer({
    '/int.cer': { body: fixtureDerFile('int') },
    '/int.p7c': { body: fixturePkcs7('int', 'root') },
    '/moved.cer': { status: 302, location: '/int.cer' },
    '/impostor.cer': { body: fixtureDerFile('int-impostor') },
    '/int.cer?via=proxy': { body: fixtureDerFile('int') },
  });
});
afterAll(async () => {
  await Promise.all([publisher.close(), ...servers.map((s) => s.close())]);
});

/** A server whose leaf names `path` on the publication server; the diagnosis of it against a store holding the root. */
async function diagnoseWith(at: string, options: { download?: boolean } = {}) {
  const server = await startLeafOnlyServer(leafWithCaIssuers(`${publisher.origin}${at}`));
  servers.push(server);
  const { record, result } = await probe(server.target, { servername: 'localhost' });
  expect(record.sent).toHaveLength(1);
  // The probe alone says where browsers get the missing issuer.
  expect(result.chainIssues.find((i) => i.code === 'INCOMPLETE_CHAIN')?.message).toContain(
    `(browsers download it from ${publisher.origin}${at}, the CA Issuers URL it names; Java and OpenSSL do not)`,
  );
  return diagnoseOnMachine(server.target, record, storeWithRoot, '/nowhere/store.pem', 'java', options);
}

describe('an intermediate the server leaves out, from its CA Issuers URL', () => {
  it.each([
    ['a DER certificate', '/int.cer'],
    ['a certs-only PKCS#7', '/int.p7c'],
    ['a redirect to it', '/moved.cer'],
  ])('is downloaded (%s), named with its URL, and listed as what the store needs', async (_kind, path) => {
    const before = publisher.requests.length;
    const { diagnosis, found } = await diagnoseWith(path);
    expect(publisher.requests.slice(before)[0]).toBe(path);
    expect(diagnosis.trusted).toBe(false);
    expect(diagnosis.problems[0]!.code).toBe('INCOMPLETE_CHAIN');
    // Where it ends: the intermediate was fetched from wherever the redirect went.
    const url = (diagnosis.missing[0]!.foundIn as FoundAtUrl).url;
    expect(diagnosis.problems[0]!.message).toContain(
      `Found elsewhere: 'CN=TrustLens Test Intermediate CA,O=TrustLens Test' at ${url} (the CA Issuers URL of the certificate it issued).`,
    );
    expect(diagnosis.problems[0]!.message).not.toContain('was not found');
    expect(diagnosis.missing.map((c) => [c.sha256, c.role, c.foundIn?.label])).toEqual([[intSha, 'intermediate', 'its CA Issuers URL']]);
    expect(found.map((k) => nodeCrypto.digestHex('sha256', k.der))).toEqual([intSha]);
  });

  it('a CA of the same name with another key is not taken; a URL that fails changes nothing', async () => {
    for (const path of ['/impostor.cer', '/gone.cer']) {
      const { diagnosis, found } = await diagnoseWith(path);
      expect(found).toEqual([]);
      expect(diagnosis.missing).toEqual([]);
      expect(diagnosis.problems[0]!.message).toContain(`Its certificate says where to download it: ${publisher.origin}${path}.`);
    }
  });

  it('nothing is fetched with download: false', async () => {
    const before = publisher.requests.length;
    const { diagnosis } = await diagnoseWith('/int.cer', { download: false });
    expect(publisher.requests.length).toBe(before);
    expect(diagnosis.missing).toEqual([]);
  });

  it('goes through HTTP_PROXY when the environment names one', async () => {
    const proxy = await startConnectProxy();
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxy.port}`;
    try {
      // A path not downloaded before in this process (downloads are cached).
      const { diagnosis } = await diagnoseWith('/int.cer?via=proxy');
      expect(proxy.forwarded).toEqual([`${publisher.origin}/int.cer?via=proxy`]);
      expect(diagnosis.missing.map((c) => c.sha256)).toEqual([intSha]);
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
      await proxy.close();
    }
  });
});

describe("the window's one-click import of what was downloaded", () => {
  it('diagnoses, offers the intermediate, plans it from the download, saves it, and the verdict turns', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-aia-window-'));
    const handlers = createHandlers({ mode: 'web', sessions: new StoreSessions() });
    const call = async <C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> => {
      const envelope = (await dispatch(handlers, channel, args)) as Envelope<ChannelResult<C>>;
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value;
    };
    const server = await startLeafOnlyServer(leafWithCaIssuers(`${publisher.origin}/int.cer`));
    servers.push(server);
    try {
      const file = path.join(dir, 'app.jks');
      run('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', file, '-storepass', 'changeit', '-alias', 'root', '-file', chainFile('root')]);
      const opened = await call('openPath', { path: file, password: 'changeit' });
      if (opened.kind !== 'opened') throw new Error('not opened');
      const { storeId } = opened;

      // With downloads turned off in the connection settings, nothing is fetched.
      await call('setNetworkSettings', { proxy: { mode: 'environment' }, downloadIssuers: false });
      const before = publisher.requests.length;
      const offline = await call('diagnose', { requestId: 'aia-0', target: server.target, storeId, client: 'java', servername: 'localhost' });
      expect(offline.diagnosis.missing).toEqual([]);
      expect(publisher.requests.length).toBe(before);
      await call('setNetworkSettings', { proxy: { mode: 'environment' }, downloadIssuers: true });

      const first = await call('diagnose', { requestId: 'aia-1', target: server.target, storeId, client: 'java', servername: 'localhost' });
      expect(first.diagnosis.trusted).toBe(false);
      const offer = importOffer(first.diagnosis, opened.store);
      expect(offer).toEqual({ label: 'Import the missing intermediate from its CA Issuers URL into app.jks', leaf: false, withFound: true, certs: ['intermediate'] });

      const plan = await call('planImport', { storeId, source: { probeId: 'aia-1', trustStoreId: storeId, withFound: true }, certs: [...offer!.certs!] });
      expect(plan.add.map((a) => [a.sha256, a.certificate.role])).toEqual([[intSha, 'intermediate']]);
      await call('applyImport', { storeId, items: plan.add.map((a) => ({ sha256: a.sha256, alias: 'issuing-ca' })) });
      const saved = await call('saveStore', { storeId });
      expect(saved.kind).toBe('saved');
      expect(keytoolList(file, 'changeit').get('issuing-ca')?.sha256[0]?.replace(/:/g, '').toLowerCase()).toBe(intSha);

      const again = await call('diagnose', { requestId: 'aia-2', target: server.target, storeId, client: 'java', servername: 'localhost' });
      expect(again.diagnosis.trusted).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
