// Netscape Cert Type and Netscape Comment: legacy extensions still found in old private CAs
// (OpenSSL's default configs used to add them). Some clients still honour Cert Type.
import { AsnParser, BitString } from '@peculiar/asn1-schema';
import { DisplayText } from '@peculiar/asn1-x509';
import type { ExtensionDecoder } from './decoder';
import { bitSet, bytesOf, row } from './decoder';

const CERT_TYPE_BITS = ['SSL Client', 'SSL Server', 'S/MIME', 'Object Signing', 'Reserved', 'SSL CA', 'S/MIME CA', 'Object Signing CA'];

export const netscapeDecoders: readonly ExtensionDecoder[] = [
  {
    oid: '2.16.840.1.113730.1.1',
    name: 'Netscape Cert Type',
    decode: (value) => {
      const bits = bytesOf(AsnParser.parse(value, BitString).value);
      const names = CERT_TYPE_BITS.filter((_, i) => bitSet(bits, i));
      return { summary: names.join(', ') || 'none', rows: names.map((name) => row('Type', name)) };
    },
  },
  {
    oid: '2.16.840.1.113730.1.13',
    name: 'Netscape Comment',
    decode: (value) => {
      // IA5String by the spec; DisplayText also accepts the UTF8/Visible/BMP strings some CAs wrote.
      const text = AsnParser.parse(value, DisplayText).toString();
      return { summary: text, rows: [row('Comment', text)] };
    },
  },
];
