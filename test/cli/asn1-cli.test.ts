// `trustlens asn1`: the certificate's ASN.1 elements at the offsets and lengths `openssl asn1parse` prints,
// from any file inspect reads (a JKS entry by alias here), and clear errors for a wrong alias or position.
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../support/peers';
import { trustlens } from '../support/cli';

const fixtures = path.resolve(__dirname, '../fixtures');

describe('trustlens asn1', () => {
  it('prints the elements openssl asn1parse lists, plus the DER it opens inside strings', async () => {
    const file = path.join(fixtures, 'chains', 'leaf-rsa.pem');
    const theirs = run('openssl', ['asn1parse', '-in', file])
      .stdout.trim()
      .split('\n')
      .map((l) => /^\s*(\d+):d=(\d+)\s+hl=(\d+)\s+l=\s*(\d+)/.exec(l)!.slice(1).join(' '));
    const result = await trustlens(['asn1', file, '--json']);
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as { asn1: unknown };
    const ours: string[] = [];
    const visit = (e: { offset: number; depth: number; headerLength: number; length: number; encapsulated?: boolean; children?: unknown[] }) => {
      if (!e.encapsulated) ours.push(`${e.offset} ${e.depth} ${e.headerLength} ${e.length}`);
      for (const c of e.children ?? []) visit(c as typeof e);
    };
    visit(doc.asn1 as Parameters<typeof visit>[0]);
    expect(ours).toEqual(theirs);
    const text = await trustlens(['asn1', file]);
    expect(text.stdout).toContain(':1.2.840.113549.1.1.11 (SHA256withRSA)');
    expect(text.stdout).toContain('(in the string above)');
  });

  it('takes an entry of a keystore by alias, and names the aliases when one is wrong', async () => {
    const jks = path.join(fixtures, 'jks', 'keys.jks');
    const listed = await trustlens(['inspect', jks, '--json']);
    const alias = (JSON.parse(listed.stdout) as { entries: { alias: string; certificates: unknown[] }[] }).entries.find((e) => e.certificates.length)!.alias;
    expect((await trustlens(['asn1', jks, '--alias', alias, '--json'])).code).toBe(0);
    const wrong = await trustlens(['asn1', jks, '--alias', 'no-such-alias']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('has no entry "no-such-alias"');
    const position = await trustlens(['asn1', jks, '--alias', alias, '--certificate', '99']);
    expect(position.code).toBe(2);
    expect(position.stderr).toMatch(/--certificate must be 1 to \d+/);
  });
});
