// The one-block MD5 of the JCEKS key chain against node:crypto's MD5, for every input length it takes and
// past it (where it hands over to the provider), seeded as the key protector seeds it.
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../../../electron/services/crypto/node-crypto';
import { md5Chain } from '../../../../shared/formats/jks/md5-chain';

function byProvider(seed: Uint8Array, password: Uint8Array, iterations: number): Uint8Array {
  let h = seed;
  for (let i = 0; i < iterations; i++) h = nodeCrypto.digest('md5', Uint8Array.from([...h, ...password]));
  return h;
}

describe('md5Chain', () => {
  it('equals MD5 through node:crypto for passwords of 0 to 60 bytes, one round and many', () => {
    for (let length = 0; length <= 60; length++) {
      const password = nodeCrypto.randomBytes(length);
      const seed = nodeCrypto.randomBytes(4);
      for (const rounds of [1, 2, 37]) {
        expect(Buffer.from(md5Chain(seed, password, rounds, nodeCrypto)).toString('hex'), `${length} bytes, ${rounds} rounds`).toBe(Buffer.from(byProvider(seed, password, rounds)).toString('hex'));
      }
    }
  });

  it("gives RFC 1321's digests", () => {
    const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(hex(md5Chain(new Uint8Array(0), ascii(''), 1, nodeCrypto))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex(md5Chain(ascii('a'), ascii('bc'), 1, nodeCrypto))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex(md5Chain(ascii('mess'), ascii('age digest'), 1, nodeCrypto))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });
});
