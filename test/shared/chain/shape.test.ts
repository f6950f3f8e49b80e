// chainIssues over certificates made by openssl (test/fixtures/chains/make.sh), one table row per shape a
// server can send; signatures are checked with the node:crypto provider.
import { describe, expect, it } from 'vitest';
import { certifies, chainIssues } from '../../../shared/chain/shape';
import { parseCertificate } from '../../../shared/x509/certificate';
import type { ParsedCertificate } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../../support/crypto';
import { chainDer } from '../../support/tls-servers';

const cert = (name: string): ParsedCertificate => parseCertificate(chainDer(name));
const issues = (names: string[]) => chainIssues(names.map(cert), nodeCrypto);
const codes = (names: string[]) => issues(names).map((issue) => issue.code);

describe('chainIssues', () => {
  it.each([
    { sent: ['leaf-rsa', 'int'], expected: [] },
    { sent: ['leaf-ec', 'int'], expected: [] },
    { sent: ['leaf-deep', 'sub', 'int'], expected: [] },
    // Ends at a CA whose issuer (int) is not sent: clients may hold it as an anchor, so not flagged here.
    { sent: ['leaf-deep', 'sub'], expected: [] },
    { sent: ['self-signed'], expected: [] },
    { sent: [], expected: [] },
    { sent: ['leaf-rsa'], expected: ['INCOMPLETE_CHAIN'] },
    { sent: ['leaf-rsa', 'int', 'root'], expected: ['CONTAINS_ANCHOR'] },
    { sent: ['leaf-deep', 'sub', 'int', 'root'], expected: ['CONTAINS_ANCHOR'] },
    { sent: ['leaf-rsa', 'root', 'int'], expected: ['WRONG_ORDER', 'CONTAINS_ANCHOR'] },
    { sent: ['leaf-deep', 'int', 'sub'], expected: ['WRONG_ORDER'] },
    { sent: ['leaf-deep', 'int', 'sub', 'other-int'], expected: ['WRONG_ORDER', 'EXTRA_CERTS'] },
    { sent: ['leaf-rsa', 'other-int', 'int'], expected: ['WRONG_ORDER', 'EXTRA_CERTS'] },
    { sent: ['leaf-rsa', 'int', 'other-int'], expected: ['EXTRA_CERTS'] },
    { sent: ['leaf-ec', 'int', 'int'], expected: ['EXTRA_CERTS'] },
    { sent: ['leaf-rsa', 'leaf-rsa', 'int'], expected: ['EXTRA_CERTS'] },
    { sent: ['leaf-rsa', 'other-root'], expected: ['INCOMPLETE_CHAIN', 'CONTAINS_ANCHOR', 'EXTRA_CERTS'] },
    // Same name as the intermediate, other key: only the signature check tells it apart.
    { sent: ['leaf-rsa', 'int-impostor'], expected: ['INCOMPLETE_CHAIN', 'EXTRA_CERTS'] },
    { sent: ['int', 'leaf-rsa'], expected: ['INCOMPLETE_CHAIN', 'WRONG_ORDER', 'EXTRA_CERTS'] },
  ])('$sent -> $expected', ({ sent, expected }) => {
    expect(codes(sent)).toEqual(expected);
  });

  it('names certificates by subject CN and position', () => {
    expect(issues(['leaf-rsa'])[0]!.message).toBe(
      'only localhost was sent on its path: its issuer TrustLens Test Intermediate CA was not sent, so clients that do not already have it cannot build the chain',
    );
    expect(issues(['leaf-rsa', 'int', 'root'])[0]!.message).toBe(
      'the self-signed root TrustLens Test Root CA (#3) was sent; clients use their own trusted copy, so it can be left out',
    );
    expect(issues(['leaf-deep', 'int', 'sub'])[0]!.message).toBe(
      'TrustLens Test Intermediate CA (#2) does not certify localhost deep before it; TrustLens Test Sub CA (#3) should come next',
    );
    expect(issues(['leaf-rsa', 'int', 'other-int'])[0]!.message).toBe(
      'Unrelated Intermediate CA (#3) is not on the path of localhost and can be removed',
    );
    expect(issues(['leaf-ec', 'int', 'int', 'int'])[0]!.message).toBe('TrustLens Test Intermediate CA was sent 3 times (#2, #3, #4); send it once');
    expect(issues(['int', 'leaf-rsa'])[1]!.message).toBe(
      "the server's own certificate must come first, but CA certificate TrustLens Test Intermediate CA was sent before localhost (#2)",
    );
  });
});

describe('certifies', () => {
  it('needs the issuer name, agreeing key identifiers and a valid signature', () => {
    expect(certifies(cert('int'), cert('leaf-rsa'), nodeCrypto)).toBe(true);
    expect(certifies(cert('root'), cert('root'), nodeCrypto)).toBe(true);
    expect(certifies(cert('root'), cert('leaf-rsa'), nodeCrypto)).toBe(false); // name differs
    expect(certifies(cert('int-impostor'), cert('leaf-rsa'), nodeCrypto)).toBe(false); // name matches, signature does not
    expect(certifies(cert('leaf-rsa'), cert('int'), nodeCrypto)).toBe(false);
  });
});
