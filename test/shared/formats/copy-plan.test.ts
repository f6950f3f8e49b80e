import { describe, expect, it } from 'vitest';
import { copyVerdict } from '../../../shared/formats/copy-plan';

describe('copyVerdict', () => {
  it('copies trusted certificates into any store as is', () => {
    expect(copyVerdict('trustedCertificate', 'PKCS12', 'PEM').mode).toBe('as-is');
    expect(copyVerdict('trustedCertificate', 'JKS', 'BCFKS').mode).toBe('as-is');
  });
  it('carries key entries unchanged between stores of the same format', () => {
    expect(copyVerdict('privateKey', 'JKS', 'JKS').mode).toBe('as-is');
    expect(copyVerdict('privateKey', 'PKCS12', 'PKCS12').mode).toBe('as-is');
    expect(copyVerdict('secretKey', 'JCEKS', 'JCEKS').mode).toBe('as-is');
  });
  it('moves private keys between JKS, JCEKS and PKCS#12, decrypted and protected again', () => {
    for (const [from, to] of [['JKS', 'PKCS12'], ['PKCS12', 'JKS'], ['JCEKS', 'JKS'], ['PKCS12', 'JCEKS']] as const) {
      expect(copyVerdict('privateKey', from, to), `${from} -> ${to}`).toEqual({ mode: 're-encrypt' });
    }
  });
  it('refuses other keys across formats, naming the keytool command that asks for their password', () => {
    expect(copyVerdict('secretKey', 'PKCS12', 'JCEKS')).toEqual({
      mode: 'unsupported',
      reason: expect.stringMatching(/^TrustLens does not move a secret key from PKCS#12 into JCEKS.*keytool -importkeystore -srcstoretype PKCS12 -deststoretype JCEKS/),
    });
    expect(copyVerdict('privateKey', 'BKS', 'BKS').reason).toContain('-srcstoretype BKS -deststoretype BKS');
    expect(copyVerdict('privateKey', 'JKS', 'BCFKS').mode).toBe('unsupported');
  });
  it('says where a key cannot go at all', () => {
    expect(copyVerdict('secretKey', 'JCEKS', 'JKS')).toMatchObject({ mode: 'unsupported', reason: expect.stringContaining('JKS cannot hold a secret key') });
    expect(copyVerdict('privateKey', 'PKCS12', 'PEM').reason).toContain('A PEM bundle here holds certificates only, not a private key');
  });
});
