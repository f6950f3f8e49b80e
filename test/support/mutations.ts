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
