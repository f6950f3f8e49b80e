// What the key may be used for and whether the certificate is a CA: Key Usage, Extended Key Usage,
// Basic Constraints. These decide "certificate not allowed for this purpose" and "not a CA" failures.
import { AsnParser } from '@peculiar/asn1-schema';
import {
  BasicConstraints,
  ExtendedKeyUsage,
  KeyUsage,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
} from '@peculiar/asn1-x509';
import { EXTENDED_KEY_USAGE_DESCRIPTIONS } from '../oids';
import type { ExtensionDecoder } from './decoder';
import { bitSet, bytesOf, listSummary, row } from './decoder';

/** RFC 5280 KeyUsage bits, in bit order, as OpenSSL words them. */
const KEY_USAGE_BITS = [
  'Digital Signature',
  'Non Repudiation',
  'Key Encipherment',
  'Data Encipherment',
  'Key Agreement',
  'Certificate Sign',
  'CRL Sign',
  'Encipher Only',
  'Decipher Only',
];

/** "TLS Web Server Authentication (serverAuth)"; unknown purposes as their OID. */
export function extendedKeyUsageText(oid: string): string {
  const known = EXTENDED_KEY_USAGE_DESCRIPTIONS[oid];
  return known ? `${known.description} (${known.name})` : oid;
}

export const usageDecoders: readonly ExtensionDecoder[] = [
  {
    oid: id_ce_keyUsage,
    name: 'Key Usage',
    decode: (value) => {
      const bits = bytesOf(AsnParser.parse(value, KeyUsage).value);
      const names = KEY_USAGE_BITS.filter((_, i) => bitSet(bits, i));
      // The summary names every bit set: sub-rows would only say it again.
      return { summary: names.join(', ') || 'none', rows: [] };
    },
  },
  {
    oid: id_ce_extKeyUsage,
    name: 'Extended Key Usage',
    decode: (value) => {
      const oids = Array.from(AsnParser.parse(value, ExtendedKeyUsage), (oid: unknown) => {
        if (typeof oid !== 'string' || !/^\d+(\.\d+)+$/.test(oid)) throw new Error('a purpose that is not an OBJECT IDENTIFIER');
        return oid;
      });
      if (oids.length === 0) throw new Error('an empty list of purposes');
      const summary = listSummary(oids.map((oid) => EXTENDED_KEY_USAGE_DESCRIPTIONS[oid]?.name ?? oid), 6);
      return { summary, rows: oids.map((oid) => row('Purpose', extendedKeyUsageText(oid))) };
    },
  },
  {
    oid: id_ce_basicConstraints,
    name: 'Basic Constraints',
    decode: (value) => {
      // One line says it all ("CA: true, path length 0"); no sub-rows repeating "CA true".
      const bc = AsnParser.parse(value, BasicConstraints);
      const length = bc.pathLenConstraint !== undefined ? `, path length ${bc.pathLenConstraint}` : bc.cA ? ', path length unlimited' : '';
      return { summary: `CA: ${bc.cA ? 'true' : 'false'}${length}`, rows: [] };
    },
  },
];
