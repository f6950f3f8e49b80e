// Twofish (Schneier, Kelsey, Whiting, Wagner, Hall, Ferguson, "Twofish: A 128-Bit Block Cipher", 1998) in
// CBC mode with PKCS#7 padding: the cipher Bouncy Castle's UBER keystore is encrypted with
// (PBEWithSHAAndTwofish-CBC). OpenSSL 3, and so node:crypto, has no Twofish, so it is written here from the
// paper; the paper's test vectors and Bouncy Castle's own UBER files check it (test/shared/formats/bks).
//
// A block is four little-endian 32-bit words. The key schedule derives 40 round subkeys with h() over the even
// and odd key words, and the key-dependent S-boxes from the key bytes through the RS code; g() is h() with
// those S-box words, here precomputed into four tables of 256 words (q permutations, key XORs, MDS column).

/** The 4-bit permutations q0 and q1 are built from (section 4.3.5 of the paper). */
const Q_TABLES = [
  [
    [0x8, 0x1, 0x7, 0xd, 0x6, 0xf, 0x3, 0x2, 0x0, 0xb, 0x5, 0x9, 0xe, 0xc, 0xa, 0x4],
    [0xe, 0xc, 0xb, 0x8, 0x1, 0x2, 0x3, 0x5, 0xf, 0x4, 0xa, 0x6, 0x7, 0x0, 0x9, 0xd],
    [0xb, 0xa, 0x5, 0xe, 0x6, 0xd, 0x9, 0x0, 0xc, 0x8, 0xf, 0x3, 0x2, 0x4, 0x7, 0x1],
    [0xd, 0x7, 0xf, 0x4, 0x1, 0x2, 0x6, 0xe, 0x9, 0xb, 0x3, 0x0, 0x8, 0x5, 0xc, 0xa],
  ],
  [
    [0x2, 0x8, 0xb, 0xd, 0xf, 0x7, 0x6, 0xe, 0x3, 0x1, 0x9, 0x4, 0x0, 0xa, 0xc, 0x5],
    [0x1, 0xe, 0x2, 0xb, 0x4, 0xc, 0x3, 0x7, 0x6, 0xd, 0xa, 0x5, 0xf, 0x9, 0x0, 0x8],
    [0x4, 0xc, 0x7, 0x5, 0x1, 0x6, 0x9, 0xa, 0x0, 0xe, 0xd, 0x8, 0x2, 0xb, 0x3, 0xf],
    [0xb, 0x9, 0x5, 0x1, 0xc, 0x3, 0xd, 0xe, 0x6, 0x4, 0x7, 0xf, 0x2, 0x0, 0x8, 0xa],
  ],
];

const ror4 = (x: number): number => ((x >> 1) | (x << 3)) & 0xf;

function buildQ(t: readonly (readonly number[])[]): Uint8Array {
  const q = new Uint8Array(256);
  for (let x = 0; x < 256; x++) {
    const a0 = x >> 4;
    const b0 = x & 0xf;
    const a1 = a0 ^ b0;
    const b1 = a0 ^ ror4(b0) ^ ((8 * a0) & 0xf);
    const a2 = t[0]![a1]!;
    const b2 = t[1]![b1]!;
    const a3 = a2 ^ b2;
    const b3 = a2 ^ ror4(b2) ^ ((8 * a2) & 0xf);
    q[x] = (t[3]![b3]! << 4) | t[2]![a3]!;
  }
  return q;
}

const Q0 = buildQ(Q_TABLES[0]!);
const Q1 = buildQ(Q_TABLES[1]!);

/** Multiplication in GF(2^8) modulo the given primitive polynomial. */
function gfMul(a: number, b: number, poly: number): number {
  let out = 0;
  for (; b; b >>= 1) {
    if (b & 1) out ^= a;
    a <<= 1;
    if (a & 0x100) a ^= poly;
  }
  return out;
}

const MDS_POLY = 0x169; // x^8 + x^6 + x^5 + x^3 + 1
const RS_POLY = 0x14d; // x^8 + x^6 + x^3 + x^2 + 1
const MDS = [
  [0x01, 0xef, 0x5b, 0x5b],
  [0x5b, 0xef, 0xef, 0x01],
  [0xef, 0x5b, 0x01, 0xef],
  [0xef, 0x01, 0xef, 0x5b],
];
const RS = [
  [0x01, 0xa4, 0x55, 0x87, 0x5a, 0x58, 0xdb, 0x9e],
  [0xa4, 0x56, 0x82, 0xf3, 0x1e, 0xc6, 0x68, 0xe5],
  [0x02, 0xa1, 0xfc, 0xc1, 0x47, 0xae, 0x3d, 0x19],
  [0xa4, 0x55, 0x87, 0x5a, 0x58, 0xdb, 0x9e, 0x03],
];

/** MDS column j times byte y, as a little-endian word. */
function mdsColumn(j: number, y: number): number {
  return (gfMul(MDS[0]![j]!, y, MDS_POLY) | (gfMul(MDS[1]![j]!, y, MDS_POLY) << 8) | (gfMul(MDS[2]![j]!, y, MDS_POLY) << 16) | (gfMul(MDS[3]![j]!, y, MDS_POLY) << 24)) >>> 0;
}

const byteOf = (word: number, j: number): number => (word >>> (8 * j)) & 0xff;

/** The q/XOR chain of h() for byte position j of input byte x, with key words L (L[0] applied last). */
function chain(j: number, x: number, l: readonly number[]): number {
  let y = x;
  const k = l.length;
  if (k === 4) y = [Q1, Q0, Q0, Q1][j]![y]! ^ byteOf(l[3]!, j);
  if (k >= 3) y = [Q1, Q1, Q0, Q0][j]![y]! ^ byteOf(l[2]!, j);
  y = [Q0, Q1, Q0, Q1][j]![y]! ^ byteOf(l[1]!, j);
  y = [Q0, Q0, Q1, Q1][j]![y]! ^ byteOf(l[0]!, j);
  return [Q1, Q0, Q1, Q0][j]![y]!;
}

function h(x: number, l: readonly number[]): number {
  let z = 0;
  for (let j = 0; j < 4; j++) z ^= mdsColumn(j, chain(j, byteOf(x, j), l));
  return z >>> 0;
}

const rol = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const ror = (x: number, n: number): number => ((x >>> n) | (x << (32 - n))) >>> 0;

const word = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

interface Schedule {
  readonly subkeys: Uint32Array; // 40
  readonly sbox: readonly Uint32Array[]; // 4 x 256: g() by byte position
}

function schedule(key: Uint8Array): Schedule {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) throw new RangeError('Twofish keys are 16, 24 or 32 bytes');
  const k = key.length / 8;
  const even: number[] = [];
  const odd: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < k; i++) {
    even.push(word(key, 8 * i));
    odd.push(word(key, 8 * i + 4));
    let si = 0;
    for (let r = 0; r < 4; r++) {
      let v = 0;
      for (let c = 0; c < 8; c++) v ^= gfMul(RS[r]![c]!, key[8 * i + c]!, RS_POLY);
      si |= v << (8 * r);
    }
    s.unshift(si >>> 0); // S = (S_{k-1}, …, S_0)
  }
  const subkeys = new Uint32Array(40);
  for (let i = 0; i < 20; i++) {
    const a = h(Math.imul(2 * i, 0x01010101) >>> 0, even);
    const b = rol(h(Math.imul(2 * i + 1, 0x01010101) >>> 0, odd), 8);
    subkeys[2 * i] = (a + b) >>> 0;
    subkeys[2 * i + 1] = rol((a + 2 * b) >>> 0, 9);
  }
  const sbox = [0, 1, 2, 3].map((j) => {
    const table = new Uint32Array(256);
    for (let x = 0; x < 256; x++) table[x] = mdsColumn(j, chain(j, x, s));
    return table;
  });
  return { subkeys, sbox };
}

function g(sbox: readonly Uint32Array[], x: number): number {
  return (sbox[0]![x & 0xff]! ^ sbox[1]![(x >>> 8) & 0xff]! ^ sbox[2]![(x >>> 16) & 0xff]! ^ sbox[3]![x >>> 24]!) >>> 0;
}

function putWord(out: Uint8Array, o: number, w: number): void {
  out[o] = w & 0xff;
  out[o + 1] = (w >>> 8) & 0xff;
  out[o + 2] = (w >>> 16) & 0xff;
  out[o + 3] = w >>> 24;
}

function encryptBlock(ks: Schedule, input: Uint8Array, o: number, out: Uint8Array, p: number): void {
  const { subkeys: K, sbox } = ks;
  let r0 = word(input, o) ^ K[0]!;
  let r1 = word(input, o + 4) ^ K[1]!;
  let r2 = word(input, o + 8) ^ K[2]!;
  let r3 = word(input, o + 12) ^ K[3]!;
  for (let r = 0; r < 16; r++) {
    const t0 = g(sbox, r0);
    const t1 = g(sbox, rol(r1, 8));
    const f0 = (t0 + t1 + K[2 * r + 8]!) >>> 0;
    const f1 = (t0 + 2 * t1 + K[2 * r + 9]!) >>> 0;
    const n0 = ror((r2 ^ f0) >>> 0, 1);
    const n1 = (rol(r3, 1) ^ f1) >>> 0;
    r2 = r0;
    r3 = r1;
    r0 = n0;
    r1 = n1;
  }
  putWord(out, p, (r2 ^ K[4]!) >>> 0);
  putWord(out, p + 4, (r3 ^ K[5]!) >>> 0);
  putWord(out, p + 8, (r0 ^ K[6]!) >>> 0);
  putWord(out, p + 12, (r1 ^ K[7]!) >>> 0);
}

function decryptBlock(ks: Schedule, input: Uint8Array, o: number, out: Uint8Array, p: number): void {
  const { subkeys: K, sbox } = ks;
  // The state after round 16, before the output swap and whitening.
  let r2 = word(input, o) ^ K[4]!;
  let r3 = word(input, o + 4) ^ K[5]!;
  let r0 = word(input, o + 8) ^ K[6]!;
  let r1 = word(input, o + 12) ^ K[7]!;
  for (let r = 15; r >= 0; r--) {
    // (r0, r1) came from the previous (r2, r3); the previous (r0, r1) are the current (r2, r3).
    const p0 = r2;
    const p1 = r3;
    const t0 = g(sbox, p0);
    const t1 = g(sbox, rol(p1, 8));
    const f0 = (t0 + t1 + K[2 * r + 8]!) >>> 0;
    const f1 = (t0 + 2 * t1 + K[2 * r + 9]!) >>> 0;
    const q2 = (rol(r0, 1) ^ f0) >>> 0;
    const q3 = ror((r1 ^ f1) >>> 0, 1);
    r0 = p0;
    r1 = p1;
    r2 = q2;
    r3 = q3;
  }
  putWord(out, p, (r0 ^ K[0]!) >>> 0);
  putWord(out, p + 4, (r1 ^ K[1]!) >>> 0);
  putWord(out, p + 8, (r2 ^ K[2]!) >>> 0);
  putWord(out, p + 12, (r3 ^ K[3]!) >>> 0);
}

/** One block in ECB mode: for the paper's test vectors. */
export function twofishEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  encryptBlock(schedule(key), block, 0, out, 0);
  return out;
}

export function twofishDecryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  decryptBlock(schedule(key), block, 0, out, 0);
  return out;
}

/** CBC with PKCS#7 padding (what Bouncy Castle's PBE ciphers use). */
export function twofishCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const ks = schedule(key);
  const pad = 16 - (data.length % 16);
  const out = new Uint8Array(data.length + pad);
  out.set(data);
  out.fill(pad, data.length);
  let previous = iv;
  for (let o = 0; o < out.length; o += 16) {
    for (let i = 0; i < 16; i++) out[o + i] = out[o + i]! ^ previous[i]!;
    encryptBlock(ks, out, o, out, o);
    previous = out.subarray(o, o + 16);
  }
  return out;
}

/** The plaintext, or null when the data is not whole blocks or its padding is wrong (a wrong key, mostly). */
export function twofishCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  if (data.length === 0 || data.length % 16 !== 0) return null;
  const ks = schedule(key);
  const out = new Uint8Array(data.length);
  for (let o = 0; o < data.length; o += 16) {
    decryptBlock(ks, data, o, out, o);
    const previous = o === 0 ? iv : data.subarray(o - 16, o);
    for (let i = 0; i < 16; i++) out[o + i] = out[o + i]! ^ previous[i]!;
  }
  const pad = out[out.length - 1]!;
  if (pad < 1 || pad > 16) return null;
  for (let i = out.length - pad; i < out.length; i++) if (out[i] !== pad) return null;
  return out.subarray(0, out.length - pad);
}
