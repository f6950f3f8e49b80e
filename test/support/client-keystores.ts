// Keystores for the client-certificate tests, made as an administrator would: openssl makes a key and a
// certificate a fixture CA signs (for client authentication) and exports them as a PKCS#12 with the CA in
// the chain; keytool gathers those into one PKCS#12 or JKS keystore (password "changeit").
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { run } from './peers';
import { chainFile } from './tls-servers';

export interface ClientKeySpec {
  readonly alias: string;
  readonly cn: string;
  /** The fixture CA (test/fixtures/chains) that signs it. */
  readonly ca: string;
  readonly keyType: 'RSA' | 'EC';
}

/** One PKCS#12 per key (openssl), then all of them in `file` of `type` (keytool -importkeystore). */
export function makeClientKeystore(dir: string, file: string, type: 'PKCS12' | 'JKS', keys: readonly ClientKeySpec[]): string {
  for (const { alias, cn, ca, keyType } of keys) {
    const key = path.join(dir, `${alias}.key`);
    const csr = path.join(dir, `${alias}.csr`);
    const cert = path.join(dir, `${alias}.pem`);
    const ext = path.join(dir, `${alias}.ext`);
    const p12 = path.join(dir, `${alias}.p12`);
    const newKey = keyType === 'EC' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
    run('openssl', ['req', '-new', ...newKey, '-nodes', '-keyout', key, '-subj', `/CN=${cn}`, '-out', csr]);
    writeFileSync(ext, 'extendedKeyUsage=clientAuth\n');
    run('openssl', ['x509', '-req', '-in', csr, '-CA', chainFile(ca), '-CAkey', chainFile(`${ca}.key`), '-set_serial', String(Date.now()), '-days', '30', '-extfile', ext, '-out', cert]);
    run('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-certfile', chainFile(ca), '-name', alias, '-passout', 'pass:changeit', '-out', p12]);
    run('keytool', ['-importkeystore', '-noprompt', '-srckeystore', p12, '-srcstoretype', 'PKCS12', '-srcstorepass', 'changeit', '-destkeystore', file, '-deststoretype', type, '-deststorepass', 'changeit', '-destkeypass', 'changeit']);
  }
  return file;
}
