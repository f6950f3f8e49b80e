// The revocation check against real publishers: OCSP answered by `openssl ocsp` as a responder and CRLs
// made by `openssl ca` (test/support/revocation-pki.ts), each result compared with what OpenSSL's own
// client says of the same inputs: `openssl ocsp -url` for OCSP, `openssl verify -crl_check` for CRLs.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkChainRevocation, checkRevocation as checkWithin, clearRevocationCache, MAX_CRL_BYTES } from '../../../../electron/services/revocation/check';
import { run } from '../../../support/peers';
import { startRevocationPublisher, type RevocationPublisher, type Signer } from '../../../support/revocation-publisher';
import { runAsync } from '../../../peers/run-async';
import { pemCertificates } from '../../../support/tls-servers';

/**
 * The checks with 20 s for each fetch instead of the app's 5 s: the responder and the CRL server run in this
 * test's process beside openssl, and on a loaded 2-core machine a fetch once ran past 5 s (then "unchecked").
 */
const checkRevocation = (cert: Uint8Array, issuer: Uint8Array | undefined, options: Parameters<typeof checkWithin>[2] = {}) =>
  checkWithin(cert, issuer, { timeoutMs: 20_000, ...options });

let pki: RevocationPublisher;
beforeAll(async () => {
  pki = await startRevocationPublisher();
}, 60_000);
afterAll(() => pki?.close());
beforeEach(() => {
  clearRevocationCache();
  pki.signer = 'issuer';
  pki.replay = false;
  pki.crlOverride = null;
  pki.crlDelayMs = 0;
});

/**
 * What `openssl ocsp` says of a certificate, asking the URL it names: status, reason, and whether the
 * response verified. Run without blocking: the responder it asks lives in this process.
 */
async function opensslOcsp(certFile: string, issuerFile: string, url: string, extra: string[] = []): Promise<{ status: string | null; reason: string | null; verified: boolean }> {
  const out = await runAsync('openssl', ['ocsp', '-issuer', issuerFile, '-cert', certFile, '-url', url, '-CAfile', pki.root.pem, ...extra]);
  const text = `${out.stdout}\n${out.stderr}`;
  return {
    status: new RegExp(`${certFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (good|revoked|unknown)`).exec(text)?.[1] ?? null,
    reason: /Reason: (\w+)/.exec(text)?.[1] ?? null,
    verified: /Response verify OK/.test(text),
  };
}

/** `openssl verify -crl_check` with this CRL (DER) at this time: OK, or its error. */
function opensslCrlVerify(certFile: string, crl: Uint8Array, attime?: Date): string {
  const crlFile = path.join(pki.dir, `check-${Date.now()}.crl`);
  run('openssl', ['crl', '-inform', 'DER', '-out', crlFile], { input: crl });
  const out = run('openssl', ['verify', '-crl_check', '-CRLfile', crlFile, '-CAfile', pki.root.pem, '-untrusted', pki.int.pem, ...(attime ? ['-attime', String(Math.floor(attime.getTime() / 1000))] : []), certFile], { allowFailure: true });
  return /: OK$/m.test(out.stdout) ? 'OK' : (/error \d+ at \d+ depth lookup: (.+)/.exec(`${out.stdout}${out.stderr}`)?.[1] ?? out.stderr.trim());
}

const ocspUrl = () => `${pki.origin}/ocsp/int`;

describe('OCSP, as openssl ocsp says', () => {
  it.each(['good', 'revoked', 'unknown'] as const)('a %s leaf', async (name) => {
    const ours = await checkRevocation(pki[name].der, pki.int.der);
    const openssl = await opensslOcsp(pki[name].pem, pki.int.pem, ocspUrl());
    expect(openssl.verified).toBe(true);
    expect(ours.status).toBe(openssl.status);
    expect(ours.source).toBe('ocsp');
    expect(ours.url).toBe(ocspUrl());
    if (name === 'revoked') {
      expect(ours.reason).toBe(openssl.reason);
      expect(ours.reason).toBe('keyCompromise');
      expect(Date.parse(ours.revokedAt!)).toBeLessThanOrEqual(Date.now());
    }
    expect(Date.parse(ours.nextUpdate!)).toBeGreaterThan(Date.now());
  });

  it('the intermediate, asking the root’s responder', async () => {
    const ours = await checkRevocation(pki.int.der, pki.root.der);
    expect(ours).toMatchObject({ status: 'good', source: 'ocsp', url: `${pki.origin}/ocsp/root` });
  });

  it.each([
    ['delegated', true],
    ['delegated-no-eku', false],
    ['wrong-key', false],
  ] as [Signer, boolean][])('a response signed by %s: taken only where openssl verifies it', async (signer, verifies) => {
    pki.signer = signer;
    const openssl = await opensslOcsp(pki.revoked.pem, pki.int.pem, ocspUrl());
    expect(openssl.verified).toBe(verifies);
    const ours = await checkRevocation(pki.revoked.der, pki.int.der);
    const [ocsp] = ours.attempts ?? [];
    expect(ocsp?.source).toBe('ocsp');
    if (verifies) {
      expect(ours).toMatchObject({ status: 'revoked', source: 'ocsp' });
    } else {
      expect(ocsp?.why).toMatch(/^the response does not verify: /);
      // The CRL still says it: the check goes on to it rather than believe an unverified answer.
      expect(ours).toMatchObject({ status: 'revoked', source: 'crl', reason: 'keyCompromise' });
    }
  });

  it('a replayed response (another request’s nonce) is not taken; openssl ocsp says the nonce does not verify', async () => {
    await checkRevocation(pki.revoked.der, pki.int.der); // the response to be replayed
    clearRevocationCache();
    pki.replay = true;
    const openssl = await runAsync('openssl', ['ocsp', '-issuer', pki.int.pem, '-cert', pki.revoked.pem, '-url', ocspUrl(), '-CAfile', pki.root.pem]);
    expect(`${openssl.stdout}${openssl.stderr}`).toMatch(/nonce verify error/i);
    const ours = await checkRevocation(pki.revoked.der, pki.int.der);
    expect(ours.attempts?.[0]).toMatchObject({ source: 'ocsp', status: 'unchecked', why: 'its nonce is not the one sent (a replayed response?)' });
    expect(ours.source).toBe('crl');
  });

  it('a stale response is not taken: openssl says its times are invalid', async () => {
    const dir = new URL('../../../fixtures/revocation/', import.meta.url).pathname;
    const staple = new Uint8Array(readFileSync(path.join(dir, 'stale-good.ocsp')));
    const out = run('openssl', ['ocsp', '-respin', path.join(dir, 'stale-good.ocsp'), '-issuer', path.join(dir, 'stale-int.pem'), '-cert', path.join(dir, 'stale-leaf.pem'), '-CAfile', path.join(dir, 'stale-root.pem')], { allowFailure: true });
    expect(`${out.stdout}${out.stderr}`).toMatch(/Status times invalid/);
    const [leaf, int] = [path.join(dir, 'stale-leaf.pem'), path.join(dir, 'stale-int.pem')].map((f) => pemCertificates(readFileSync(f, 'utf8'))[0]!);
    const ours = await checkRevocation(leaf!, int!, { staple, download: false });
    expect(ours.status).toBe('unchecked');
    expect(ours.why).toMatch(/stale: its nextUpdate \(.+\) has passed/);
  });

  it('a staple is read first and, verified, answers without asking anyone', async () => {
    const respFile = path.join(pki.dir, 'staple.der');
    await opensslOcsp(pki.revoked.pem, pki.int.pem, ocspUrl(), ['-no_nonce', '-respout', respFile]);
    const asked = pki.requests.length;
    const ours = await checkRevocation(pki.revoked.der, pki.int.der, { staple: new Uint8Array(readFileSync(respFile)) });
    expect(ours).toMatchObject({ status: 'revoked', source: 'staple', reason: 'keyCompromise' });
    expect(ours.url).toBeUndefined();
    expect(pki.requests.length).toBe(asked);
  });
});

describe('CRLs, as openssl verify -crl_check says', () => {
  const crl = () => new Uint8Array(readFileSync(path.join(pki.dir, 'int-current.crl')));
  beforeAll(async () => {
    // The CRL the server serves, kept to hand to openssl verify.
    const response = await fetch(`${pki.origin}/crl/int.crl`);
    const body = new Uint8Array(await response.arrayBuffer());
    run('sh', ['-c', `cat > '${path.join(pki.dir, 'int-current.crl')}'`], { input: body });
  });

  it('a certificate the CRL lists: revoked, with its reason and date', async () => {
    expect(opensslCrlVerify(pki.crlOnly.pem, crl())).toBe('certificate revoked');
    const ours = await checkRevocation(pki.crlOnly.der, pki.int.der);
    expect(ours, JSON.stringify(ours)).toMatchObject({ status: 'revoked', source: 'crl', url: `${pki.origin}/crl/int.crl`, reason: 'superseded' });
    expect(Math.abs(Date.parse(ours.revokedAt!) - Date.now())).toBeLessThan(3_600_000);
  });

  it('a CRL made while the request was on its way is judged when it arrives, as openssl verify judges it', async () => {
    // The answer comes 1.1 s late with a CRL made then: its thisUpdate is after the request left.
    pki.crlDelayMs = 1_100;
    const ours = await checkRevocation(pki.crlOnly.der, pki.int.der);
    expect(ours, JSON.stringify(ours)).toMatchObject({ status: 'revoked', source: 'crl', reason: 'superseded' });
  });

  it('one it does not list, from a PEM CRL: good', async () => {
    expect(opensslCrlVerify(pki.crlPem.pem, crl())).toBe('OK');
    expect(await checkRevocation(pki.crlPem.der, pki.int.der)).toMatchObject({ status: 'good', source: 'crl', url: `${pki.origin}/crl/int.pem` });
  });

  it('a stale CRL is not taken', async () => {
    const stale = pki.crlWithTimes('20260101000000Z', '20260102000000Z');
    expect(opensslCrlVerify(pki.crlOnly.pem, stale)).toBe('CRL has expired');
    pki.crlOverride = stale;
    const ours = await checkRevocation(pki.crlOnly.der, pki.int.der);
    expect(ours.status).toBe('unchecked');
    expect(ours.why).toMatch(/stale: its nextUpdate \(2026-01-02T00:00:00.000Z\) has passed/);
  });

  it('a CRL checked at a later time (openssl verify -attime) is stale for both', async () => {
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect(opensslCrlVerify(pki.crlPem.pem, crl(), later)).toBe('CRL has expired');
    expect((await checkRevocation(pki.crlPem.der, pki.int.der, { now: later })).status).toBe('unchecked');
  });

  it('a body larger than the cap is refused, not read', async () => {
    pki.crlOverride = new Uint8Array(MAX_CRL_BYTES + 1024);
    const ours = await checkRevocation(pki.crlOnly.der, pki.int.der);
    expect(ours.status).toBe('unchecked');
    expect(ours.why).toMatch(/larger than 10240 KiB/);
  });
});

describe('what is not checked, and why', () => {
  it('nothing named: says so', async () => {
    expect(await checkRevocation(pki.bare.der, pki.int.der)).toEqual({ status: 'unchecked', why: 'it names no OCSP responder and no CRL distribution point, and no OCSP response was stapled' });
  });

  it('--no-download: nothing is asked', async () => {
    const asked = pki.requests.length;
    const ours = await checkRevocation(pki.revoked.der, pki.int.der, { download: false });
    expect(ours).toEqual({ status: 'unchecked', why: 'downloads are off (--no-download) and the server stapled no OCSP response' });
    expect(pki.requests.length).toBe(asked);
  });

  it('an issuer nobody knows: nothing can be verified', async () => {
    const ours = await checkRevocation(pki.bare.der, undefined);
    expect(ours.status).toBe('unchecked');
    expect(ours.why).toMatch(/its issuer is not known/);
  });

  it('a whole path: each certificate against the next, the anchor left out', async () => {
    const checks = await checkChainRevocation([pki.revoked.der, pki.int.der, pki.root.der], { timeoutMs: 20_000 });
    expect(checks.map((c) => c.status)).toEqual(['revoked', 'good']);
  });
});
