// The window's "Check endpoints" through the IPC contract (dispatch, as ipcMain and browser mode call it):
// a pasted list judged with an open store, its progress by request id, the all-addresses default of a
// diagnosis, and a bad line refused before any connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../electron/services/dispatch';
import { createHandlers } from '../../../../electron/services/handlers';
import { NetworkSettingsStore } from '../../../../electron/services/network/settings';
import { parseResolveRule } from '../../../../electron/services/network/resolve';
import { StoreSessions } from '../../../../electron/services/stores/sessions';
import type { Channel, ChannelArgs, ChannelResult, Envelope } from '../../../../shared/ipc';
import { chainFile, refusedPort, startNodeTlsServer, type RunningServer } from '../../../support/tls-servers';

let good: RunningServer;
let second: RunningServer;
let selfSigned: RunningServer;
let refused: RunningServer;
let rules: ReturnType<typeof parseResolveRule>[] = [];
const handlers = () => createHandlers({ mode: 'web', sessions: new StoreSessions(), network: new NetworkSettingsStore(undefined, { mode: 'none' }, {}, rules) });

beforeAll(async () => {
  good = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'] });
  [second, selfSigned, refused] = await Promise.all([startNodeTlsServer({ chain: ['leaf-rsa'], host: '127.0.0.2', port: good.port }), startNodeTlsServer({ chain: ['self-signed'] }), refusedPort()]);
  rules = [parseResolveRule(`probe.test:${good.port}:127.0.0.1,127.0.0.2`)];
});
afterAll(async () => {
  await Promise.all([good.close(), second.close(), selfSigned.close()]);
});

function caller(h: ReturnType<typeof createHandlers>) {
  return async <C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<ChannelResult<C>> => {
    const envelope = (await dispatch(h, channel, args)) as Envelope<ChannelResult<C>>;
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.value;
  };
}

describe('checkEndpoints and endpointProgress', () => {
  it('judges a pasted list with an open store and reports how far it got', async () => {
    const call = caller(handlers());
    const opened = await call('openPath', { path: chainFile('root') });
    if (opened.kind !== 'opened') throw new Error('not opened');
    const targets = `# services\nhttps://localhost:${good.port}\nhttps://localhost:${selfSigned.port}  # old one\nlocalhost:${refused.port}\n`;
    const answer = await call('checkEndpoints', { requestId: 'endpoints-1', targets, storeId: opened.storeId, client: 'openssl', timeoutMs: 3000 });
    expect(answer.results.map((r) => [r.target, r.trusted, r.problems[0]?.code, r.error?.code])).toEqual([
      [`https://localhost:${good.port}`, true, undefined, undefined],
      [`https://localhost:${selfSigned.port}`, false, 'SELF_SIGNED', undefined],
      [`localhost:${refused.port}`, false, undefined, 'NETWORK'],
    ]);
    expect(answer.summary).toEqual({ total: 3, trusted: 1, untrusted: 1, failed: 1 });
    expect(await call('endpointProgress', { requestId: 'endpoints-1' })).toEqual({ done: 3, total: 3, untrusted: 1, failed: 1 });
    expect(await call('endpointProgress', { requestId: 'never-started' })).toBeNull();
    await expect(call('checkEndpoints', { requestId: 'endpoints-2', targets: 'http://localhost\n', storeId: opened.storeId, client: 'java' })).rejects.toThrow(/the list line 1: .*not a TLS scheme/);
  });

  it('diagnose probes every address of a name that has several (trustlens web --resolve), unless told not to', async () => {
    const call = caller(handlers());
    const opened = await call('openPath', { path: chainFile('root') });
    if (opened.kind !== 'opened') throw new Error('not opened');
    const both = await call('diagnose', { requestId: 'd-1', target: `https://probe.test:${good.port}`, storeId: opened.storeId, client: 'openssl' });
    expect(both.probe.addresses?.map((a) => [a.address, a.trusted])).toEqual([['127.0.0.1', true], ['127.0.0.2', false]]);
    expect(both.probe.addressVerdict).toBe('1 of 2 addresses serve a chain this store trusts; 127.0.0.2 sends no intermediate');
    expect(both.diagnosis.problems[0]?.fix).toMatch(/^On 127\.0\.0\.2: /);
    const one = await call('diagnose', { requestId: 'd-2', target: `https://probe.test:${good.port}`, storeId: opened.storeId, client: 'openssl', allAddresses: false });
    expect(one.probe.addresses).toBeUndefined();
    expect([one.probe.address, one.diagnosis.trusted]).toEqual(['127.0.0.1', true]);
  });
});
