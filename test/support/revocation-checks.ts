// The inputs of the revocation verdict in the tests, from openssl itself: what `openssl ocsp` gets from a
// certificate's responder, what `openssl verify -crl_check` says with the CRL its distribution point serves
// (fetched from that URL), together as a RevocationCheck with every attempt, and what the certificate names.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { revocationEndpoints } from '../../shared/chain/revocation';
import type { RevocationAttempt, RevocationCheck } from '../../shared/model/revocation';
import { parseCertificate } from '../../shared/x509/certificate';
import { runAsync } from '../peers/run-async';
import { run } from './peers';
import type { CaName, LeafName, RevocationPki } from './revocation-pki';
import { pemCertificates } from './tls-servers';

/** What `openssl ocsp` gets from the certificate's responder: good / revoked (with when and why) / unknown, or why it got nothing. */
export async function opensslOcsp(pki: RevocationPki, name: CaName | LeafName, respout?: string): Promise<RevocationAttempt & Pick<RevocationCheck, 'revokedAt' | 'reason'>> {
  const issuer = pki.file(pki.issuerOf(name));
  const url = pki.ocspUrl(name);
  const result = await runAsync('openssl', ['ocsp', '-issuer', issuer, '-cert', pki.file(name), '-url', url, '-VAfile', issuer, '-no_nonce', '-timeout', '10', ...(respout ? ['-respout', respout] : [])]);
  const status = new RegExp(`^${pki.file(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (good|revoked|unknown)$`, 'm').exec(result.stdout)?.[1] as RevocationAttempt['status'] | undefined;
  if (!status) return { source: 'ocsp', url, status: 'unchecked', why: (result.stderr.trim().split('\n')[0] ?? '') || `openssl ocsp exited ${result.status}` };
  const time = /Revocation Time: (.+)$/m.exec(result.stdout)?.[1];
  const reason = /Reason: (\S+)$/m.exec(result.stdout)?.[1];
  return { source: 'ocsp', url, status, ...(time ? { revokedAt: new Date(time).toISOString() } : {}), ...(reason ? { reason } : {}) };
}

/** What `openssl verify -crl_check` says with the CRL the certificate names, fetched from its URL. */
export async function opensslCrl(pki: RevocationPki, name: CaName | LeafName): Promise<RevocationAttempt> {
  const url = revocationEndpoints(parseCertificate(pemCertificates(readPem(pki, name))[0]!)).crl[0]!;
  let der: Buffer;
  try {
    der = Buffer.from(await (await fetch(url)).arrayBuffer());
  } catch (error) {
    return { source: 'crl', url, status: 'unchecked', why: `${url}: ${(error as Error).cause ? String((error as Error & { cause: Error }).cause.message) : (error as Error).message}` };
  }
  const crlFile = path.join(pki.dir, `${name}-fetched.crl`);
  writeFileSync(crlFile, der);
  const pem = path.join(pki.dir, `${name}-fetched.crl.pem`);
  run('openssl', ['crl', '-inform', 'DER', '-in', crlFile, '-out', pem]);
  const issuer = pki.issuerOf(name);
  const untrusted = issuer === 'root' ? [] : ['-untrusted', pki.file(issuer)];
  // The issuer's own CRL check is not asked here (-crl_check: the certificate given only).
  const result = run('openssl', ['verify', '-crl_check', '-CRLfile', pem, '-CAfile', pki.file('root'), ...untrusted, pki.file(name)], { allowFailure: true });
  if (result.status === 0) return { source: 'crl', url, status: 'good' };
  if (/certificate revoked/.test(result.stdout + result.stderr)) return { source: 'crl', url, status: 'revoked' };
  return { source: 'crl', url, status: 'unchecked', why: (result.stdout + result.stderr).trim().split('\n').pop() ?? '' };
}

const readPem = (pki: RevocationPki, name: CaName | LeafName) => readFileSync(pki.file(name), 'utf8');

export async function checkOf(pki: RevocationPki, name: CaName | LeafName, staple?: string): Promise<RevocationCheck> {
  const ocsp = await opensslOcsp(pki, name, staple);
  const attempts: RevocationAttempt[] = [...(staple ? [{ ...ocsp, source: 'staple' as const, url: undefined }] : []), ocsp, await opensslCrl(pki, name)].map(({ source, url, status, why }) => ({ source, status, ...(url ? { url } : {}), ...(why ? { why } : {}) }));
  const definitive = attempts.find((a) => a.status === 'good' || a.status === 'revoked');
  return {
    status: definitive?.status ?? (attempts.some((a) => a.status === 'unknown') ? 'unknown' : 'unchecked'),
    ...(definitive ? { source: definitive.source } : {}),
    ...(ocsp.revokedAt ? { revokedAt: ocsp.revokedAt } : {}),
    ...(ocsp.reason ? { reason: ocsp.reason } : {}),
    attempts,
  };
}

export function offers(pki: RevocationPki, name: CaName | LeafName): { ocsp: boolean; crl: boolean } {
  const endpoints = revocationEndpoints(parseCertificate(pemCertificates(readPem(pki, name))[0]!));
  return { ocsp: endpoints.ocsp.length > 0, crl: endpoints.crl.length > 0 };
}
