// The ASN.1 view's tree, checked against `openssl asn1parse` on real certificates (RSA, RSA-PSS, EC,
// Ed25519, rich extensions, a malformed extension): the same elements at the same offsets, depths, header
// and content lengths, primitive or constructed, with the same tags; values where openssl prints them.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CorruptInputError } from '../../../shared/errors';
import { asn1Tree, flattenAsn1 } from '../../../shared/x509/asn1-tree';
import { run } from '../../support/peers';
import { opensslDer } from './openssl-text';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');
const certificates = [
  ...readdirSync(path.join(FIXTURES, 'x509')).filter((f) => f.endsWith('.pem')).map((f) => path.join(FIXTURES, 'x509', f)),
  ...['leaf-rsa', 'leaf-ec', 'root', 'int'].map((name) => path.join(FIXTURES, 'chains', `${name}.pem`)),
];

/** openssl's names for the tags, as asn1parse prints them. */
const OPENSSL_TAGS: Record<string, string> = {
  'OBJECT IDENTIFIER': 'OBJECT',
  UTF8String: 'UTF8STRING',
  PrintableString: 'PRINTABLESTRING',
  IA5String: 'IA5STRING',
  UTCTime: 'UTCTIME',
  GeneralizedTime: 'GENERALIZEDTIME',
  BMPString: 'BMPSTRING',
  T61String: 'T61STRING',
  NumericString: 'NUMERICSTRING',
  VisibleString: 'VISIBLESTRING',
};
const opensslTag = (tag: string) => {
  const context = /^\[(\d+)\]$/.exec(tag);
  return context ? `cont [ ${context[1]} ]` : (OPENSSL_TAGS[tag] ?? tag);
};

interface Line {
  offset: number;
  depth: number;
  headerLength: number;
  length: number;
  constructed: boolean;
  tag: string;
  value: string | null;
}

function asn1parse(der: Uint8Array): Line[] {
  const out = run('openssl', ['asn1parse', '-inform', 'DER'], { input: der }).stdout;
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)\s+(prim|cons):\s+(.+?)\s*(?::(.*))?$/.exec(line);
      if (!m) throw new Error(`unexpected asn1parse line: ${line}`);
      return { offset: +m[1]!, depth: +m[2]!, headerLength: +m[3]!, length: +m[4]!, constructed: m[5] === 'cons', tag: m[6]!.replace(/\s+$/, ''), value: m[7] ?? null };
    });
}

describe('the ASN.1 tree', () => {
  test.each(certificates.map((file) => [path.basename(file), file]))('%s: the elements openssl asn1parse lists', (_name, file) => {
    const der = opensslDer(['x509', '-in', file, '-outform', 'DER']);
    const ours = flattenAsn1(asn1Tree(der)).filter((e) => !e.encapsulated);
    const theirs = asn1parse(der);
    expect(ours.map((e) => [e.offset, e.depth, e.headerLength, e.length, e.constructed, opensslTag(e.tag)])).toEqual(
      theirs.map((l) => [l.offset, l.depth, l.headerLength, l.length, l.constructed, l.tag.replace(/\s+\[HEX DUMP\]$/, '')]),
    );
    // Strings and times read the same (openssl prints them raw after the colon).
    theirs.forEach((line, i) => {
      if (/STRING$|TIME$/.test(line.tag) && !/BIT STRING|OCTET STRING/.test(line.tag) && line.value !== null) expect(ours[i]!.value).toBe(line.value);
    });
  });

  test('names OIDs, decodes small integers and opens the DER inside extension values', () => {
    const der = opensslDer(['x509', '-in', path.join(FIXTURES, 'x509', 'leaf-rich.pem'), '-outform', 'DER']);
    const all = flattenAsn1(asn1Tree(der));
    expect(all.some((e) => e.value === '2.5.29.19 (Basic Constraints)' || /^2\.5\.29\.19 \(/.test(e.value ?? ''))).toBe(true);
    expect(all.find((e) => e.tag === 'INTEGER')?.value).toBe('2'); // the version, v3
    const inside = all.filter((e) => e.encapsulated);
    expect(inside.length).toBeGreaterThan(0);
    // What `openssl asn1parse -strparse` reads inside each extension's OCTET STRING is the tree opened there.
    const holders = all.filter((e) => e.tag === 'OCTET STRING' && e.children?.length);
    expect(holders.length).toBeGreaterThan(2);
    for (const holder of holders) {
      const start = holder.offset + holder.headerLength;
      const theirs = run('openssl', ['asn1parse', '-inform', 'DER', '-strparse', String(holder.offset)], { input: der }).stdout;
      const parsed = theirs.trim().split('\n').map((line) => /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)/.exec(line)!.slice(1).map(Number));
      const ours = flattenAsn1(holder.children![0]!).map((e) => [e.offset - start, e.depth - holder.depth - 1, e.headerLength, e.length]);
      expect(ours).toEqual(parsed);
    }
  });

  test('refuses what is not ASN.1 with a typed error', () => {
    expect(() => asn1Tree(new Uint8Array([0x30, 0x82, 0xff]))).toThrow(CorruptInputError);
  });
});
