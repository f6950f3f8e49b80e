// TLS Feature (RFC 7633): features the server promises to use in every handshake. status_request (5)
// is "OCSP Must-Staple": clients that honour it reject the server when it does not staple an OCSP response.
import { AsnArray, AsnPropTypes, AsnParser, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import type { ExtensionDecoder } from './decoder';
import { row } from './decoder';

/** Features ::= SEQUENCE OF INTEGER (asn1-x509 has no class for it; this declares the schema). */
class TlsFeatures extends AsnArray<number> {}
AsnType({ type: AsnTypeTypes.Sequence, itemType: AsnPropTypes.Integer })(TlsFeatures);

const FEATURES: Record<number, string> = {
  5: 'status_request (OCSP Must-Staple)',
  17: 'status_request_v2 (OCSP Multi-Stapling)',
};

export const tlsFeatureDecoders: readonly ExtensionDecoder[] = [
  {
    oid: '1.3.6.1.5.5.7.1.24',
    name: 'TLS Feature',
    decode: (value) => {
      const features = Array.from(AsnParser.parse(value, TlsFeatures), (n: unknown) => {
        if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error('a feature that is not a small INTEGER');
        return n;
      });
      if (features.length === 0) throw new Error('an empty list of features');
      const names = features.map((n) => FEATURES[n] ?? `TLS extension ${n}`);
      const summary = features.map((n) => (n === 5 ? 'OCSP Must-Staple' : (FEATURES[n] ?? `TLS extension ${n}`))).join(', ');
      return { summary, rows: names.map((name) => row('Feature', name)) };
    },
  },
];
