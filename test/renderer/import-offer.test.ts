// What the probe view offers to import: exactly what the verdict names as missing (a root the server
// sent, or CAs found elsewhere), and nothing when the missing issuer is nowhere to be had. Diagnoses
// are real ones, of the diagnose fixtures' chain.
import { describe, expect, test } from 'vitest';
import { diagnose, type TrustAnchorEntry } from '../../shared/chain/diagnose';
import type { KnownCertificate } from '../../shared/chain/known-issuers';
import type { ClientProfile } from '../../shared/model/probe';
import type { StoreListing } from '../../shared/model/keystore';
import { importOffer, unavailableRoles } from '../../renderer/src/probe/import-offer';
import { nodeCrypto } from '../support/crypto';
import { fixtureDer } from '../chain/diagnose-fixtures';

const store = (dirty = false): StoreListing => ({ file: '/srv/truststore.jks', format: 'JKS', integrity: 'verified', entries: [], properties: [], ...(dirty ? { dirty } : {}) });

function verdict(sent: string[], held: string[], client: ClientProfile = 'openssl', onMachine: string[] = []) {
  const trustStore: TrustAnchorEntry[] = held.map((name) => ({ alias: name, der: fixtureDer(name) }));
  const known: KnownCertificate[] = onMachine.map((name) => ({ der: fixtureDer(name), foundIn: { label: 'Java cacerts (system)', file: '/etc/ssl/certs/java/cacerts', alias: name } }));
  return diagnose({ target: 'localhost:443', host: 'localhost', sent: sent.map(fixtureDer), trustStore, known, client, crypto: nodeCrypto });
}

describe('the import offer of a diagnosis', () => {
  test('a root the server sends and the store lacks: the root alone is offered, as the verdict names it', () => {
    for (const client of ['openssl', 'java'] as const) {
      expect(importOffer(verdict(['leaf', 'int', 'root'], [], client), store())).toEqual({
        label: 'Import the missing root (sent by the server) into truststore.jks',
        leaf: false,
        certs: ['root'],
      });
    }
  });

  test('an issuer that is neither sent, held nor found: nothing for OpenSSL; for Java the sent intermediate, as its anchor', () => {
    expect(importOffer(verdict(['leaf', 'int'], []), store())).toBeNull();
    const java = verdict(['leaf', 'int'], [], 'java');
    expect(java.problems[0]!.fix).toMatch(/For Java alone, importing 'CN=.*' \(SHA-256 [0-9a-f]{64}, sent by the server\) is enough/);
    expect(importOffer(java, store())).toEqual({
      label: 'Import the intermediate the server sent into truststore.jks, as Java’s trust anchor',
      leaf: false,
      certs: ['intermediate'],
    });
    // The leaf alone, its issuer nowhere: nothing the server sent would help.
    expect(importOffer(verdict(['leaf'], [], 'java'), store())).toBeNull();
  });

  test('an intermediate found elsewhere that leads to a root the store holds: the intermediate alone, for both clients', () => {
    for (const client of ['openssl', 'java'] as const) {
      expect(importOffer(verdict(['leaf'], ['root'], client, ['int']), store())).toEqual({
        label: 'Import the missing intermediate from Java cacerts (system) into truststore.jks',
        leaf: false,
        withFound: true,
        certs: ['intermediate'],
      });
    }
  });

  test('the store already holds every CA certificate of the chain, but not the root (OpenSSL wants it): not offered', () => {
    const diagnosis = verdict(['leaf', 'int'], ['int']);
    expect(diagnosis.trusted).toBe(false);
    expect(importOffer(diagnosis, store())).toBeNull();
  });

  test('a root the server does not send but this machine has: offered from there, the root alone', () => {
    expect(importOffer(verdict(['leaf', 'int'], [], 'java', ['root']), store())).toEqual({
      label: 'Import the missing root from Java cacerts (system) into truststore.jks',
      leaf: false,
      withFound: true,
      certs: ['root'],
    });
    // The store holds the intermediate (OpenSSL wants the root too): now there is something to import.
    expect(importOffer(verdict(['leaf', 'int'], ['int'], 'openssl', ['root']), store())).toMatchObject({ withFound: true, certs: ['root'] });
    // The server sends only its leaf: the intermediate comes from there too.
    expect(importOffer(verdict(['leaf'], [], 'java', ['int', 'root']), store())).toMatchObject({
      label: 'Import the missing intermediate and root from Java cacerts (system) into truststore.jks',
      certs: ['intermediate', 'root'],
    });
  });

  test('trusted, or the store has unsaved changes: not offered', () => {
    expect(importOffer(verdict(['leaf', 'int'], ['root']), store())).toBeNull();
    expect(importOffer(verdict(['leaf', 'int', 'root'], []), store(true))).toBeNull();
  });

  test('the export of the chain: a role with nothing to export (no root sent, held or found) is named with why', () => {
    const probe = (sent: string[]) => ({ sent: verdict(sent, [], 'openssl').path.map((c) => ({ ...c })) }) as unknown as Parameters<typeof unavailableRoles>[0];
    // The store holds the root: the verdict's path has it, so it can be exported.
    expect(unavailableRoles(probe(['leaf', 'int']), verdict(['leaf', 'int'], ['root']))).toEqual({});
    // Nobody has it: the root box says why.
    expect(unavailableRoles(probe(['leaf', 'int']), verdict(['leaf', 'int'], []))).toEqual({ root: 'the server sent no root, and neither the store nor this machine has it' });
    // Found on this machine: exportable too.
    expect(unavailableRoles(probe(['leaf', 'int']), verdict(['leaf', 'int'], [], 'java', ['root']))).toEqual({});
  });
});
