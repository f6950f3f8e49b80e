// Shared pieces of the seeded mutation fuzzers: a reproducible random source, so a failing copy can be
// replayed from its seed and index. Each fuzzer keeps its own mutations, which follow its format's layout.

/** mulberry32: small, seedable, good enough to pick mutations. Returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0x00, 0x01, 0x02, 0x03, 0x04, 0x06, 0x1e, 0x30, 0x31, 0x7f, 0x80, 0x81, 0x82, 0x84, 0xa0, 0xff];

/**
 * One to three mutations of a DER (or BER) file: bit flips, bytes that mean something in DER (tags,
 * long-form length prefixes), a huge length, truncation, insertion, deletion, duplication.
 */
export function mutateDer(source: Uint8Array, next: () => number): Uint8Array {
  let bytes = source.slice();
  const at = (n = bytes.length) => Math.floor(next() * Math.max(1, n));
  for (let round = 1 + at(3); round > 0; round--) {
    const i = at();
    switch (at(8)) {
      case 0:
        bytes[i] = bytes[i]! ^ (1 << at(8));
        break;
      case 1:
        bytes[i] = INTERESTING[at(INTERESTING.length)]!;
        break;
      case 2:
        bytes.set([0x84, 0x7f, 0xff, 0xff, 0xff].slice(0, bytes.length - i), i);
        break;
      case 3:
        bytes = bytes.subarray(0, i);
        break;
      case 4: {
        const inserted = Uint8Array.from({ length: 1 + at(16) }, () => at(256));
        bytes = Uint8Array.from([...bytes.subarray(0, i), ...inserted, ...bytes.subarray(i)]);
        break;
      }
      case 5:
        bytes = Uint8Array.from([...bytes.subarray(0, i), ...bytes.subarray(i + 1 + at(32))]);
        break;
      case 6: {
        const end = Math.min(bytes.length, i + 1 + at(64));
        bytes = Uint8Array.from([...bytes.subarray(0, end), ...bytes.subarray(i, end), ...bytes.subarray(end)]);
        break;
      }
      default:
        bytes[i] = at(256);
    }
  }
  return bytes;
}
