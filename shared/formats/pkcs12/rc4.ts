// RC4 (the ARCFOUR stream cipher) for the PKCS#12 schemes pbeWithSHAAnd128BitRC4 and pbeWithSHAAnd40BitRC4,
// which old Windows and JDK files use. OpenSSL 3's default provider, and so node:crypto, refuses RC4; it is
// a key schedule and a byte generator, written here. Only ever used to read such files: the writer encrypts
// new content with 3DES or AES instead (pbe.ts freshScheme).

/** Encrypt or decrypt (the same operation) `data` with `key`. */
export function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  if (key.length === 0 || key.length > 256) throw new RangeError('an RC4 key is 1 to 256 bytes');
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    const t = s[i]!;
    s[i] = s[j]!;
    s[j] = t;
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}
