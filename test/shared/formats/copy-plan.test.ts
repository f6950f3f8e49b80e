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
  it('refuses to move a key across formats, naming the keytool command that asks for its password', () => {
    expect(copyVerdict('privateKey', 'JKS', 'PKCS12')).toEqual({
      mode: 'unsupported',
      reason: expect.stringMatching(/^A private key goes from JKS into PKCS#12 only decrypted and re-encrypted.*keytool -importkeystore -srcstoretype JKS -deststoretype PKCS12/),
    });
    expect(copyVerdict('secretKey', 'PKCS12', 'JCEKS').mode).toBe('unsupported');
    expect(copyVerdict('privateKey', 'BKS', 'BKS').reason).toContain('-srcstoretype BKS -deststoretype BKS');
  });
  it('says where a key cannot go at all', () => {
    expect(copyVerdict('secretKey', 'JCEKS', 'JKS')).toMatchObject({ mode: 'unsupported', reason: expect.stringContaining('JKS cannot hold a secret key') });
    expect(copyVerdict('privateKey', 'PKCS12', 'PEM').reason).toContain('A PEM bundle here holds certificates only, not a private key');
  });
});
