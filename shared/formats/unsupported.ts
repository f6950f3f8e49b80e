// Files TrustLens recognises but does not read: the sentence that says which format it is and what to run
// instead, in place of a parser's complaint about the bytes.

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

interface Signature {
  readonly offset: number;
  readonly bytes: readonly number[];
  readonly message: string;
}

const SIGNATURES: readonly Signature[] = [
  {
    // IBM GSKit CMS key database: "X509KEY" after an 8-byte header (the published .kdb file signature;
    // the format is IBM's own and encrypted, with no public description to read it from).
    offset: 8,
    bytes: ascii('X509KEY'),
    message:
      'an IBM CMS key database (.kdb): not supported (its format is IBM\'s own); list it with IBM GSKit: gskcapicmd -cert -list -db FILE.kdb -stashed (the .sth stash file beside it holds the password)',
  },
  { offset: 0, bytes: ascii('SQLite format 3'), message: 'an SQLite database (an NSS cert9.db?), not a keystore; list NSS stores with certutil -L -d sql:DIR' },
  { offset: 0, bytes: ascii('PK\x03\x04'), message: 'a ZIP archive (a .jar, .apk or .zip?), not a keystore; extract the store from it first' },
];

/** A sentence naming a recognised but unreadable format, or null when the bytes are not recognised at all. */
export function identifyUnsupported(bytes: Uint8Array): string | null {
  for (const signature of SIGNATURES) {
    if (signature.bytes.every((b, i) => bytes[signature.offset + i] === b)) return signature.message;
  }
  return null;
}
