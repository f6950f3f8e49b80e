// Seeded, bounded mutation fuzzing of the PKCS#12 reader and writer over the keytool / OpenSSL fixtures:
// damaged whole files, damaged SafeContents (the bag layer, after decryption) and damaged encryption
// parameters. The only acceptable outcomes are success or a typed TrustLensError with a one-line
// message; whatever decodes must also survive being written back and read again.
import { describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { TrustLensError } from '../../../../shared/errors';
import { pkcs12Codec } from '../../../../shared/formats/pkcs12/pkcs12';
import type { Pkcs12Raw } from '../../../../shared/formats/pkcs12/pkcs12';
import { flattenBags, readSafeContents } from '../../../../shared/formats/pkcs12/bags';
import { sequence } from '../../../../shared/formats/pkcs12/der-builder';
import { groupEntries } from '../../../../shared/formats/pkcs12/entries';
import { describeScheme, pbeDecrypt, readPbeScheme, schemeAlgorithm } from '../../../../shared/formats/pkcs12/pbe';
import { encodePkcs12 } from '../../../../shared/formats/pkcs12/writer';
import { nodeCrypto } from '../../../support/crypto';
import { mutateDer as mutate, seededRandom } from '../../../support/mutations';
import { FIXTURES, fixtureBytes } from './pkcs12-fixtures';

const crypto = nodeCrypto;

/** Run `action`; record anything but success or a typed error with a one-line message. */
function outcome(failures: string[], label: string, action: () => void): boolean {
  try {
    action();
    return true;
  } catch (error) {
    if (!(error instanceof TrustLensError) || !error.message || error.message.includes('\n')) {
      failures.push(`${label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    return false;
  }
}

describe('mutation fuzzing', () => {
  // Whole files. Stores without a MAC reach every layer cheaply; MAC'd ones mostly stop at the MAC, so
  // they get fewer cases (each costs a key derivation). keytool-legacy's 100,000 MAC iterations are left out.
  const budget: Record<string, number> = {
    'keytool-passwordless.p12': 400,
    'openssl-passwordless.p12': 400,
    'openssl-nomac-unencrypted.p12': 500,
    'openssl-default.p12': 40,
    'openssl-legacy.p12': 40,
    'openssl-certs-only.p12': 25,
    'openssl-empty-password.p12': 25,
    'keytool-default.p12': 10,
  };

  it('whole files: success or a typed error, and what decodes is written back readable', () => {
    const failures: string[] = [];
    const added = pkcs12Codec.decode(fixtureBytes('openssl-passwordless.p12'), { crypto }).entries[0]!.certificates[0]!;
    let decoded = 0;
    for (const fixture of FIXTURES.filter((f) => budget[f.name])) {
      const source = fixtureBytes(fixture.name);
      const next = seededRandom(0x5eed ^ source.length);
      for (let n = 0; n < budget[fixture.name]!; n++) {
        const bytes = mutate(source, next);
        const label = `${fixture.name} #${n}`;
        let store: ReturnType<typeof pkcs12Codec.decode> | undefined;
        if (!outcome(failures, label, () => (store = pkcs12Codec.decode(bytes, { password: fixture.password, crypto })))) continue;
        decoded++;
        const password = fixture.password ?? (store!.integrity === 'verified' ? '' : undefined);
        let written: Uint8Array | undefined;
        const edits = { add: [{ alias: 'fuzz-added', der: added }], remove: store!.entries.slice(0, 1).map((e) => e.alias) };
        if (!outcome(failures, `${label} (write)`, () => (written = encodePkcs12(store!, edits, password, crypto)))) continue;
        try {
          const reread = pkcs12Codec.decode(written!, { password: fixture.password, crypto });
          expect(reread.entries.some((e) => e.alias === 'fuzz-added')).toBe(true);
        } catch (error) {
          failures.push(`${label} (re-read): ${String(error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(decoded).toBeGreaterThan(100); // the fuzzer also reaches the layers past the outer structure
  });

  it('SafeContents after decryption: bags and entries from damaged bag layers', () => {
    const failures: string[] = [];
    const layers = FIXTURES.filter((f) => f.name !== 'keytool-legacy.p12').flatMap((f) =>
      (pkcs12Codec.decode(fixtureBytes(f.name), { password: f.password, crypto }).raw as Pkcs12Raw).blocks.map((block) => sequence(...block.bags.map((bag) => bag.raw))),
    );
    const next = seededRandom(0xbad5afe);
    for (let n = 0; n < 1500; n++) {
      const bytes = mutate(layers[n % layers.length]!, next);
      outcome(failures, `SafeContents #${n}`, () => {
        const bags = readSafeContents(bytes, 'fuzzed block', { next: 0 });
        groupEntries(flattenBags(bags).filter((bag) => !bag.nested));
      });
    }
    expect(failures).toEqual([]);
  });

  it('encryption parameters: damaged AlgorithmIdentifiers are read, described and used, or refused', () => {
    const failures: string[] = [];
    const schemes = FIXTURES.filter((f) => f.name !== 'keytool-legacy.p12').flatMap((f) => {
      const raw = pkcs12Codec.decode(fixtureBytes(f.name), { password: f.password, crypto }).raw as Pkcs12Raw;
      return raw.blocks.flatMap((block) => [
        ...(block.scheme ? [new Uint8Array(AsnConvert.serialize(schemeAlgorithm(block.scheme)))] : []),
        ...flattenBags(block.bags).flatMap((bag) => (bag.keyEncryption ? [new Uint8Array(AsnConvert.serialize(bag.keyEncryption))] : [])),
      ]);
    });
    expect(schemes.length).toBeGreaterThan(5);
    const next = seededRandom(0xc1fe7);
    for (let n = 0; n < 800; n++) {
      const bytes = mutate(schemes[n % schemes.length]!, next);
      outcome(failures, `AlgorithmIdentifier #${n}`, () => {
        let algorithm: AlgorithmIdentifier;
        try {
          algorithm = AsnConvert.parse(bytes, AlgorithmIdentifier);
        } catch {
          return; // not even an AlgorithmIdentifier: the PFX parser refuses it before this point
        }
        const scheme = readPbeScheme(algorithm);
        describeScheme(scheme);
        if (scheme.iterations <= 5000) pbeDecrypt(crypto, scheme, 'changeit', new Uint8Array(32));
      });
    }
    expect(failures).toEqual([]);
  });
});
