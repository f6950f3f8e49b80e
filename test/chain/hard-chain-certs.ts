// Certificates and trust stores for the hard-chain verdict tests, made in a temporary folder by the
// peers themselves: every certificate by `openssl req` / `openssl x509 -req` from an extension text
// (as a CA's openssl.cnf section would hold it), every store by keytool (PKCS#12 with -importcert, then
// JKS with -importkeystore) and as a PEM bundle for `openssl s_client -CAfile`.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../support/peers';
import { QUICK_JVM } from '../peers/java-client';
import { runAsync } from '../peers/run-async';

export interface CertificateSpec {
  readonly name: string;
  readonly subject: string;
  /** The name of the certificate that signs it, or 'self'. */
  readonly issuer: string;
  /** openssl x509v3 extension lines; '' makes a version 1 certificate (issued ones only). */
  readonly extensions: string;
}

/** Directory names that nameConstraints lines can refer to as dirName:dir_trustlens. */
const SECTIONS = '[dir_trustlens]\nO=TrustLens Hard\n';

export const CA = 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash';
export const INTERMEDIATE = `${CA}\nauthorityKeyIdentifier=keyid`;
export const SERVER = 'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid';
export const LOCALHOST = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

/** Make every certificate (issuers before what they issue) in `dir`: NAME.key (P-256) and NAME.pem. */
export function makeCertificates(dir: string, specs: readonly CertificateSpec[]): void {
  for (const spec of specs) {
    const key = join(dir, `${spec.name}.key`);
    const pem = join(dir, `${spec.name}.pem`);
    const ext = join(dir, `${spec.name}.ext`);
    writeFileSync(ext, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${spec.extensions}\n${SECTIONS}`);
    run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
    const serial = `0x${randomBytes(8).toString('hex')}`;
    if (spec.issuer === 'self') {
      run('openssl', ['req', '-new', '-x509', '-key', key, '-subj', spec.subject, '-days', '30', '-set_serial', serial, '-config', ext, '-extensions', 'v3', '-out', pem]);
      continue;
    }
    const csr = join(dir, `${spec.name}.csr`);
    run('openssl', ['req', '-new', '-key', key, '-subj', spec.subject, '-config', ext, '-out', csr]);
    const extArgs = spec.extensions ? ['-extfile', ext, '-extensions', 'v3'] : [];
    const issuer = join(dir, spec.issuer);
    run('openssl', ['x509', '-req', '-in', csr, '-CA', `${issuer}.pem`, '-CAkey', `${issuer}.key`, '-set_serial', serial, '-days', '30', ...extArgs, '-out', pem]);
  }
}

export interface TrustStoreFiles {
  readonly jks: string;
  readonly pkcs12: string;
  readonly pem: string;
}

async function keytool(args: readonly string[]): Promise<void> {
  const result = await runAsync('keytool', [...QUICK_JVM.map((flag) => `-J${flag}`), ...args]);
  if (result.status !== 0) throw new Error(`keytool ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

/** A trust store of these certificates (aliases = names), as keytool writes it in both formats, and as PEM. */
export async function makeTrustStore(dir: string, store: string, certificates: readonly string[], password: string): Promise<TrustStoreFiles> {
  const files = { jks: join(dir, `${store}.jks`), pkcs12: join(dir, `${store}.p12`), pem: join(dir, `${store}.pem`) };
  writeFileSync(files.pem, certificates.map((name) => readFileSync(join(dir, `${name}.pem`), 'utf8')).join(''));
  for (const name of certificates) {
    await keytool(['-importcert', '-noprompt', '-alias', name, '-file', join(dir, `${name}.pem`), '-keystore', files.pkcs12, '-storetype', 'PKCS12', '-storepass', password]);
  }
  await keytool(['-importkeystore', '-noprompt', '-srckeystore', files.pkcs12, '-srcstoretype', 'PKCS12', '-srcstorepass', password, '-destkeystore', files.jks, '-deststoretype', 'JKS', '-deststorepass', password]);
  return files;
}
