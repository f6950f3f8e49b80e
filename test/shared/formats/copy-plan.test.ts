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
  it('needs the password to move a key across formats', () => {
    expect(copyVerdict('privateKey', 'JKS', 'PKCS12').mode).toBe('needs-password');
    expect(copyVerdict('secretKey', 'PKCS12', 'JCEKS').mode).toBe('needs-password');
  });
  it('says where a secret key cannot go', () => {
    expect(copyVerdict('secretKey', 'JCEKS', 'JKS')).toMatchObject({ mode: 'unsupported', reason: expect.stringContaining('JKS cannot hold a secret key') });
    expect(copyVerdict('secretKey', 'PKCS12', 'PEM').reason).toContain('A PEM bundle cannot hold a secret key');
  });
});
