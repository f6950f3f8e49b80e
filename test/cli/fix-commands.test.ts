// The commands `trustlens diagnose` prints to add what a trust store lacks, for each way it can be had:
// the root the server sent, a self-signed server certificate, another store of this machine, a CA Issuers
// URL (curl first); none when it is not all in one such place. Diagnoses are real ones, of the test chains.
import { describe, expect, it } from 'vitest';
import { fixCommands, type DiagnoseFlags } from '../../cli/commands/probe-action';
import { diagnose } from '../../shared/chain/diagnose';
import type { KnownCertificate } from '../../shared/chain/known-issuers';
import { nodeCrypto } from '../support/crypto';
import { chainDer } from '../support/tls-servers';

const flags = (more: Partial<DiagnoseFlags> = {}): DiagnoseFlags => ({ truststore: '/srv/app/truststore.jks', client: 'java', timeout: 10_000, ...more });
const inStore = (name: string): KnownCertificate => ({ der: chainDer(name), foundIn: { label: 'Java cacerts (system)', file: '/etc/ssl/certs/java/cacerts', alias: name, password: 'changeit' } });
const atUrl = (name: string, url: string): KnownCertificate => ({ der: chainDer(name), foundIn: { label: 'its CA Issuers URL', url } });

function run(sent: string[], held: string[], known: KnownCertificate[] = []) {
  return diagnose({
    target: 'https://api.example.test',
    host: 'localhost',
    sent: sent.map(chainDer),
    trustStore: held.map((name) => ({ alias: name, der: chainDer(name) })),
    known,
    client: 'java',
    crypto: nodeCrypto,
  });
}

describe('the commands diagnose prints', () => {
  it('imports the root the server sent, repeating how the server and the store were reached', () => {
    const commands = fixCommands(run(['leaf-rsa', 'int', 'root'], ['other-root']), 'https://api.example.test', flags({ servername: 'api', proxy: 'http://proxy:3128', passwordEnv: 'STOREPASS' }));
    expect(commands).toEqual([
      'trustlens import /srv/app/truststore.jks --from https://api.example.test --certs root --servername api --proxy http://proxy:3128 --password-env STOREPASS',
    ]);
  });

  it('imports a self-signed server certificate as the leaf', () => {
    expect(fixCommands(run(['self-signed'], []), 'https://api.example.test', flags())).toEqual(['trustlens import /srv/app/truststore.jks --from https://api.example.test --certs leaf']);
  });

  it('takes the root from the store of this machine that has it, with that store’s default password', () => {
    expect(fixCommands(run(['leaf-rsa', 'int'], [], [inStore('root')]), 'https://api.example.test', flags({ passwordFile: '/run/secrets/store pass' }))).toEqual([
      "trustlens import /srv/app/truststore.jks --from https://api.example.test --truststore /etc/ssl/certs/java/cacerts --truststore-password changeit --certs root --password-file '/run/secrets/store pass'",
    ]);
    expect(fixCommands(run(['leaf-rsa'], [], [inStore('int'), inStore('root')]), 'https://api.example.test', flags())[0]).toContain('--certs root,intermediates');
  });

  it('downloads from the CA Issuers URL with curl, then imports the file (no server flags there)', () => {
    const url = 'http://pki.example.test/int.cer';
    expect(fixCommands(run(['leaf-rsa'], ['root'], [atUrl('int', url)]), 'https://api.example.test', flags({ servername: 'api', passwordEnv: 'P' }))).toEqual([
      `curl -fsSL -o trustlens-test-intermediate-ca.cer ${url}`,
      'trustlens import /srv/app/truststore.jks --from trustlens-test-intermediate-ca.cer --password-env P',
    ]);
  });

  it('prints nothing it cannot stand behind: found in two kinds of place, or not found at all', () => {
    expect(fixCommands(run(['leaf-rsa'], [], [atUrl('int', 'http://pki.example.test/int.cer'), inStore('root')]), 'https://api.example.test', flags())).toEqual([]);
    expect(fixCommands(run(['leaf-rsa'], ['root']), 'https://api.example.test', flags())).toEqual([]);
    expect(fixCommands(run(['leaf-rsa', 'int'], ['root']), 'https://api.example.test', flags())).toEqual([]);
  });
});
