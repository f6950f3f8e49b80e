// PkiPath files written by Java (CertPath.getEncoded("PkiPath")) and bare base64 certificates: read with the
// certificates the peers see, in the order Java's CertPath lists them; files TrustLens recognises but does
// not read (IBM's .kdb) say which format they are instead of a parser's complaint.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorruptInputError, TruncatedInputError, UnsupportedFormatError } from '../../../shared/errors';
import { decodeStore, detectFormat } from '../../../shared/formats';
import { summarizeDer } from '../../../shared/x509/certificate';
import { nodeCrypto } from '../../support/crypto';
import { opensslFingerprint } from '../../support/openssl';
import { run } from '../../support/peers';

const dir = path.resolve(__dirname, '../../fixtures/pkipath');
const file = (name: string) => path.join(dir, name);
const bytes = (name: string) => new Uint8Array(readFileSync(name.includes('/') ? name : file(name)));
const fingerprints = (name: string) =>
  decodeStore(bytes(name), { crypto: nodeCrypto }).entries.flatMap((e) => e.certificates.map((der) => summarizeDer(der, nodeCrypto).sha256));
/** What OpenSSL makes of the base64 text (`openssl base64 -d`, then x509). */
const opensslBase64 = (name: string) =>
  opensslFingerprint(run('bash', ['-c', `tr -d '\\n' < '${file(name)}' | openssl base64 -d -A | openssl x509 -inform DER`]).stdout);

describe('PkiPath', () => {
  it('is detected by its bytes and lists the certificates in Java’s CertPath order (leaf first)', () => {
    expect(detectFormat(bytes('chain.pkipath'))).toBe('PKIPATH');
    const java = readFileSync(file('chain.expected'), 'utf8').trim().split('\n');
    expect(java).toHaveLength(3);
    expect(fingerprints('chain.pkipath')).toEqual(java);
    const store = decodeStore(bytes('chain.pkipath'), { crypto: nodeCrypto });
    expect(store.entries.every((e) => e.type === 'trustedCertificate')).toBe(true);
  });

  it('a truncated or damaged one is a typed error', () => {
    const good = bytes('chain.pkipath');
    expect(() => decodeStore(good.subarray(0, good.length - 10), { crypto: nodeCrypto })).toThrow(TruncatedInputError);
    const damaged = good.slice();
    damaged[4 + 2 + 0x1d0 + 4] = 0x04; // the second certificate's tag
    expect(() => decodeStore(damaged, { crypto: nodeCrypto })).toThrow(CorruptInputError);
  });
});

describe('base64 without PEM armour', () => {
  it.each(['root.b64', 'leaf.b64'])('%s is read as the certificate OpenSSL decodes from it', (name) => {
    const store = decodeStore(bytes(name), { crypto: nodeCrypto });
    expect(store.format).toBe('DER');
    expect(store.properties[0]).toEqual({ label: 'Encoding', value: 'base64 text without PEM armour' });
    expect(fingerprints(name)).toEqual([opensslBase64(name)]);
  });

  it('other text is still not a certificate file', () => {
    const text = new TextEncoder().encode('MIIBnotbase64!!\n');
    expect(() => decodeStore(text, { crypto: nodeCrypto })).toThrow(UnsupportedFormatError);
  });
});

describe('recognised but not read: the message names the format', () => {
  it('an IBM CMS .kdb header (no IBM tool here makes one: its published file signature) names gskcapicmd', () => {
    const kdb = new Uint8Array(256);
    kdb.set([0x37, 0x48, 0x03, 0x02, 0, 0, 0, 0, ...new TextEncoder().encode('X509KEY')]);
    expect(() => decodeStore(kdb, { crypto: nodeCrypto })).toThrow(/IBM CMS key database \(\.kdb\).*gskcapicmd -cert -list/);
  });
});
