// The fast SafeContents path (strict DER walk of certificate bags, asn1js per bag for the rest) against
// the asn1js-only reader it replaces: the same bags from every keytool / OpenSSL fixture, and the same
// bags or the same error from damaged bag layers.
import { describe, expect, it } from 'vitest';
import { OID } from '../../../../shared/formats/pkcs12/asn';
import type { Pkcs12Raw } from '../../../../shared/formats/pkcs12/pkcs12';
import { pkcs12Codec } from '../../../../shared/formats/pkcs12/pkcs12';
import { flattenBags, readSafeContents, readSafeContentsWithAsn1js } from '../../../../shared/formats/pkcs12/bags';
import type { Pkcs12Bag } from '../../../../shared/formats/pkcs12/bags';
import { sequence } from '../../../../shared/formats/pkcs12/der-builder';
import { readFastCertBag, safeBagSpans } from '../../../../shared/formats/pkcs12/fast-bags';
import { nodeCrypto } from '../../../support/crypto';
import { seededRandom } from '../../../support/mutations';
import { FIXTURES, fixtureBytes } from './pkcs12-fixtures';

/** Each fixture's content blocks as SafeContents (the bags' original bytes, in order). */
const layers = FIXTURES.flatMap((f) =>
  (pkcs12Codec.decode(fixtureBytes(f.name), { password: f.password, crypto: nodeCrypto }).raw as Pkcs12Raw).blocks
    .filter((block) => block.bags.length)
    .map((block) => ({ name: f.name, bytes: sequence(...block.bags.map((bag) => bag.raw)) })),
);

type Outcome = { bags: Pkcs12Bag[]; next: number } | { error: string };

function outcome(read: typeof readSafeContents, bytes: Uint8Array): Outcome {
  const ids = { next: 5 };
  try {
    return { bags: read(bytes, 'block', ids), next: ids.next };
  } catch (error) {
    return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
  }
}

describe('PKCS#12 fast bag reader', () => {
  it('reads every fixture exactly as asn1js does, certificate bags on the fast path', () => {
    let fastBags = 0;
    for (const { name, bytes } of layers) {
      expect(outcome(readSafeContents, bytes), name).toStrictEqual(outcome(readSafeContentsWithAsn1js, bytes));
      const bags = flattenBags(readSafeContentsWithAsn1js(bytes, 'block', { next: 0 }));
      const spans = safeBagSpans(bytes)!;
      spans.forEach((span, index) => {
        const fast = readFastCertBag(bytes, span);
        if (bags[index]!.certificate) expect(fast, name).not.toBeNull();
        if (fast) fastBags++;
      });
    }
    expect(fastBags).toBeGreaterThan(20);
    expect(layers.some(({ bytes }) => flattenBags(readSafeContents(bytes, 'block', { next: 0 })).some((bag) => bag.bagId !== OID.certBag))).toBe(true);
  });

  it('gives the same bags or the same error as asn1js for damaged bag layers', () => {
    const next = seededRandom(0xfa57ba9);
    const pick = (n: number) => Math.floor(next() * n);
    const interesting = [0x00, 0x01, 0x04, 0x06, 0x1e, 0x24, 0x30, 0x31, 0x80, 0x81, 0x84, 0xa0, 0xff];
    let differentOutcomes = 0;
    for (let n = 0; n < 500; n++) {
      const source = layers[n % layers.length]!.bytes;
      let bytes = source.slice();
      for (let round = 1 + pick(2); round > 0; round--) {
        const i = pick(bytes.length);
        const kind = pick(4);
        if (kind === 0) bytes[i] = bytes[i]! ^ (1 << pick(8));
        else if (kind === 1) bytes[i] = interesting[pick(interesting.length)]!;
        else if (kind === 2) bytes = bytes.slice(0, i);
        else bytes = Uint8Array.from([...bytes.subarray(0, i), ...bytes.subarray(i + 1 + pick(4))]);
      }
      const fast = outcome(readSafeContents, bytes);
      const reference = outcome(readSafeContentsWithAsn1js, bytes);
      expect(fast, `mutation #${n}`).toStrictEqual(reference);
      if ('error' in reference) differentOutcomes++;
    }
    expect(differentOutcomes).toBeGreaterThan(50); // the mutations reach the error paths too
  });
});
