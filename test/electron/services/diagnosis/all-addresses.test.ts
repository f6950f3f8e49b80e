// Every address behind a name: three node:tls servers on 127.0.0.1, 127.0.0.2 and 127.0.0.3, the same
// port, named by one host through --resolve rules; 127.0.0.2 leaves out the intermediate. The probe must
// record each address's own chain, group them, and the verdict must name the address that fails.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressDifferences, addressProbes, addressVerdict, diagnoseAddresses, probeAddresses, targetAddresses } from '../../../../electron/services/diagnosis/all-addresses';
import { parseResolveRule, resolveAll } from '../../../../electron/services/network/resolve';
import { probeTls } from '../../../../electron/services/tls/probe';
import { decodeStore } from '../../../../shared/formats';
import { nodeCrypto } from '../../../support/crypto';
import { chainDer, chainFile, opensslShowcerts, refusedPort, startNodeTlsServer, type RunningServer } from '../../../support/tls-servers';

let servers: RunningServer[] = [];
let port = 0;
const hex = (ders: readonly Uint8Array[]) => ders.map((d) => Buffer.from(d).toString('hex'));

beforeAll(async () => {
  const first = await startNodeTlsServer({ chain: ['leaf-rsa', 'int'], host: '127.0.0.1' });
  port = first.port;
  servers = [first, ...(await Promise.all([startNodeTlsServer({ chain: ['leaf-rsa'], host: '127.0.0.2', port }), startNodeTlsServer({ chain: ['leaf-rsa', 'int'], host: '127.0.0.3', port })]))];
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('--resolve', () => {
  it('reads curl\'s forms, with and without a port, IPv6 in brackets', () => {
    expect(parseResolveRule('Multi.Test:127.0.0.1,127.0.0.2')).toEqual({ host: 'multi.test', addresses: ['127.0.0.1', '127.0.0.2'] });
    expect(parseResolveRule('multi.test:8443:[::1],127.0.0.1')).toEqual({ host: 'multi.test', port: 8443, addresses: ['::1', '127.0.0.1'] });
    expect(() => parseResolveRule('multi.test:db.internal')).toThrow(/"db.internal" is not an IP address/);
    expect(() => parseResolveRule('multi.test')).toThrow(/is not HOST:ADDRESS/);
  });

  it('gives the rule\'s addresses for that host (and port), the resolver\'s otherwise', async () => {
    const rules = [parseResolveRule('multi.test:443:127.0.0.9'), parseResolveRule('multi.test:127.0.0.1,127.0.0.2')];
    expect(await resolveAll('multi.test', 8443, 'multi.test:8443', rules)).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(await resolveAll('MULTI.test', 443, 'multi.test:443', rules.slice(0, 1))).toEqual(['127.0.0.9']);
    expect(await resolveAll('localhost', 443, 'localhost:443')).toContain('127.0.0.1');
    expect(await resolveAll('127.0.0.5', 443, '127.0.0.5:443', rules)).toEqual(['127.0.0.5']);
  });

  it('sends a one-address probe to the rule\'s first address, SNI still the name', async () => {
    const record = await probeTls(`https://multi.test:${port}`, { resolve: [parseResolveRule('multi.test:127.0.0.2')], timeoutMs: 5000 });
    expect(record.address).toBe('127.0.0.2');
    expect(record.servername).toBe('multi.test');
    expect(hex(record.sent)).toEqual(hex([chainDer('leaf-rsa')]));
  });
});

describe('every address behind a name', () => {
  const target = () => `https://localhost:${port}`;
  const options = () => ({ resolve: [parseResolveRule('localhost:127.0.0.1,127.0.0.2,127.0.0.3')], timeoutMs: 5000 });

  it('records each address\'s own chain, as openssl s_client saw it at that address', async () => {
    const addresses = await targetAddresses(target(), options());
    expect(addresses).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    const outcomes = await probeAddresses(target(), addresses, options());
    for (const [i, outcome] of outcomes.entries()) {
      const peer = await opensslShowcerts(servers[i]!);
      expect(hex(outcome.record!.sent), outcome.address).toEqual(hex(peer.certificates));
      expect(outcome.record!.address).toBe(outcome.address);
    }
    const probes = addressProbes(outcomes);
    const differs = addressDifferences(probes);
    expect(differs.chain).toBe(true);
    expect(differs.groups.map((g) => g.addresses)).toEqual([['127.0.0.1', '127.0.0.3'], ['127.0.0.2']]);
    expect(differs.summary).toBe('2 different chains: 127.0.0.1 and 127.0.0.3; 127.0.0.2');
  });

  it('says which addresses serve a chain the store trusts, naming the one that does not', async () => {
    const store = decodeStore(new Uint8Array(readFileSync(chainFile('root'))), { crypto: nodeCrypto });
    const outcomes = await probeAddresses(target(), ['127.0.0.1', '127.0.0.2', '127.0.0.3'], options());
    const diagnoses = diagnoseAddresses(target(), outcomes, store, 'openssl');
    const probes = addressProbes(outcomes, diagnoses);
    expect(probes.map((p) => [p.address, p.trusted, p.problems?.[0]?.code])).toEqual([
      ['127.0.0.1', true, undefined],
      ['127.0.0.2', false, 'INCOMPLETE_CHAIN'],
      ['127.0.0.3', true, undefined],
    ]);
    expect(addressVerdict(probes)).toBe('2 of 3 addresses serve a chain this store trusts; 127.0.0.2 sends no intermediate');
  });

  it('keeps an address that fails beside those that answer', async () => {
    const refused = await refusedPort('127.0.0.4');
    const outcomes = await probeAddresses(`https://localhost:${refused.port}`, ['127.0.0.4'], { timeoutMs: 3000 });
    expect(outcomes[0]!.error!.message).toMatch(/at 127\.0\.0\.4 refused the connection/);
    const probes = addressProbes(outcomes);
    expect(addressDifferences(probes).failed).toEqual(['127.0.0.4']);
  });

  it('refuses to go through a proxy, which resolves the name itself', async () => {
    await expect(targetAddresses(target(), { proxy: 'http://127.0.0.1:9' })).rejects.toThrow(/needs a direct connection/);
  });
});
