// Map a certificate's signature AlgorithmIdentifier to node:crypto.verify's hash and options.
import * as crypto from 'node:crypto';
import { AsnParser } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const SIMPLE: Record<string, string | null> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.2.840.10040.4.3': 'sha1',
  '2.16.840.1.101.3.4.3.2': 'sha256',
  '1.3.101.112': null, // Ed25519: no separate hash
  '1.3.101.113': null, // Ed448
};

export interface VerifyParams {
  readonly hash: string | null;
  readonly options: Partial<crypto.VerifyKeyObjectInput>;
}

export function signatureVerifyParams(algorithmDer: Uint8Array): VerifyParams | undefined {
  let alg: AlgorithmIdentifier;
  try {
    alg = AsnParser.parse(algorithmDer, AlgorithmIdentifier);
  } catch {
    return undefined;
  }
  if (alg.algorithm in SIMPLE) return { hash: SIMPLE[alg.algorithm]!, options: {} };
  if (alg.algorithm === '1.2.840.113549.1.1.10') {
    let params = new RsaSaPssParams();
    if (alg.parameters) {
      try {
        params = AsnParser.parse(alg.parameters, RsaSaPssParams);
      } catch {
        return undefined;
      }
    }
    const hash = HASHES[params.hashAlgorithm.algorithm];
    if (!hash) return undefined;
    return {
      hash,
      options: { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength },
    };
  }
  return undefined;
}
