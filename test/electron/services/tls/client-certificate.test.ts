// Servers that ask for a client certificate (mutual TLS): the probe says whether the server requires one
// or goes on without, and lists the CAs it accepts client certificates from exactly as
// `openssl s_client` prints them ("Acceptable client certificate CA names"), under TLS 1.2 and TLS 1.3
// (where the list is in the encrypted CertificateRequest), from node:tls and `openssl s_server`.
import { describe, expect, it } from 'vitest';
import { probe } from '../../../../electron/services/diagnosis/probe-service';
import { runAsync } from '../../../peers/run-async';
import { serverPerTest, type RunningServer } from '../../../support/tls-servers';

const serve = serverPerTest();

/** The CA names `openssl s_client` prints for the server, in RFC 2253 form (as ours are). */
async function opensslAcceptable(server: RunningServer, tls13: boolean): Promise<string[]> {
  const args = ['s_client', '-connect', server.target, '-servername', 'localhost', '-nameopt', 'RFC2253', tls13 ? '-tls1_3' : '-tls1_2'];
  const out = (await runAsync('openssl', args, '', 15_000)).stdout;
  // The names, one per line, up to the next heading ("Requested Signature Algorithms: …").
  const section = out.split(/^Acceptable client certificate CA names\n/m)[1] ?? '';
  const lines = section.split('\n');
  const end = lines.findIndex((line) => /^[A-Z][\w ]+: /.test(line) || line === '---' || line === '');
  return lines.slice(0, end);
}

describe('a server that asks for a client certificate', () => {
  it.each([
    ['node', 'TLSv1.2', true],
    ['node', 'TLSv1.3', true],
    ['openssl', 'TLSv1.3', true],
    ['node', 'TLSv1.2', false],
    ['node', 'TLSv1.3', false],
  ] as const)('%s %s, required: %s — the CAs it accepts, as openssl s_client lists them', async (kind, version, required) => {
    const server = await serve(kind, {
      chain: ['leaf-rsa', 'int'],
      ...(version === 'TLSv1.2' ? { maxVersion: version } : { minVersion: version }),
      ...(required ? { requireClientCertificate: true } : { requestClientCertificate: true }),
    });
    const { result } = await probe(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(result.protocol).toBe(version);
    const peer = await opensslAcceptable(server, version === 'TLSv1.3');
    expect(peer).toEqual(['CN=TrustLens Test Root CA,O=TrustLens Test']);
    expect(result.clientCertificate).toEqual({ required, acceptedIssuers: peer });
  });

  it('is not mentioned for a server that does not ask', async () => {
    const server = await serve('node', { chain: ['leaf-rsa', 'int'] });
    const { result } = await probe(server.target, { servername: 'localhost', timeoutMs: 5000 });
    expect(result.clientCertificate).toBeUndefined();
  });
});
