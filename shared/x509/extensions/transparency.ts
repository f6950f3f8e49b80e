// Certificate Transparency: the embedded SCT list (RFC 6962 3.3) and the precertificate poison.
// The SCT list is a TLS-encoded structure inside an OCTET STRING, not DER, so it is read here with a
// bounds-checked reader; every length is checked against what is left before anything is sliced.
import { AsnParser, OctetString } from '@peculiar/asn1-schema';
import type { DetailRow } from '../../model/details';
import type { ExtensionDecoder } from './decoder';
import { bytesOf, colonHexOf, copyRow, row } from './decoder';

const HASHES: Record<number, string> = { 1: 'MD5', 2: 'SHA-1', 3: 'SHA-224', 4: 'SHA-256', 5: 'SHA-384', 6: 'SHA-512' };
const SIGNATURES: Record<number, string> = { 1: 'RSA', 2: 'DSA', 3: 'ECDSA' };

class TlsReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get remaining(): number {
    return this.bytes.length - this.offset;
  }
  take(length: number): Uint8Array {
    if (length > this.remaining) throw new Error(`an SCT field of ${length} bytes runs past the end of the list`);
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }
  uint(length: number): number {
    let n = 0;
    for (const b of this.take(length)) n = n * 256 + b;
    return n;
  }
  vector(lengthBytes: number): Uint8Array {
    return this.take(this.uint(lengthBytes));
  }
}

interface Sct {
  readonly version: number;
  readonly logId: Uint8Array;
  readonly timestamp: number;
  readonly hash: number;
  readonly signature: number;
}

function readScts(list: Uint8Array): Sct[] {
  const outer = new TlsReader(list);
  const body = new TlsReader(outer.vector(2));
  if (outer.remaining) throw new Error('bytes after the SCT list');
  const scts: Sct[] = [];
  while (body.remaining) {
    const sct = new TlsReader(body.vector(2));
    const version = sct.uint(1);
    if (version !== 0) {
      scts.push({ version, logId: new Uint8Array(0), timestamp: NaN, hash: 0, signature: 0 });
      continue; // a future version: count it, its layout is unknown
    }
    const logId = sct.take(32);
    const timestamp = sct.uint(8);
    sct.vector(2); // extensions
    const hash = sct.uint(1);
    const signature = sct.uint(1);
    sct.vector(2);
    scts.push({ version, logId, timestamp, hash, signature });
  }
  return scts;
}

function sctRow(sct: Sct, index: number): DetailRow {
  if (sct.version !== 0) return row(`SCT ${index + 1}`, `version ${sct.version + 1} (not decoded)`);
  const time = new Date(sct.timestamp);
  const when = Number.isNaN(time.getTime()) ? String(sct.timestamp) : time.toISOString();
  return row(`SCT ${index + 1}`, when, {
    children: [
      copyRow('Log ID', colonHexOf(sct.logId)),
      row('Timestamp', when),
      row('Signature', `${SIGNATURES[sct.signature] ?? `algorithm ${sct.signature}`} with ${HASHES[sct.hash] ?? `hash ${sct.hash}`}`),
    ],
  });
}

export const transparencyDecoders: readonly ExtensionDecoder[] = [
  {
    oid: '1.3.6.1.4.1.11129.2.4.2',
    name: 'Signed Certificate Timestamps',
    decode: (value) => {
      const scts = readScts(bytesOf(AsnParser.parse(value, OctetString).buffer));
      return { summary: `${scts.length} SCT${scts.length === 1 ? '' : 's'}`, rows: scts.map(sctRow) };
    },
  },
  {
    oid: '1.3.6.1.4.1.11129.2.4.3',
    name: 'CT Precertificate Poison',
    decode: (value) => {
      if (value.length !== 2 || value[0] !== 0x05 || value[1] !== 0x00) throw new Error('the value is not NULL');
      return { summary: 'present: this is a precertificate for a CT log, not for use in TLS', rows: [] };
    },
  },
];
