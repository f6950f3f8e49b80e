// Derived aliases: unique (ignoring case), the smallest free "-N" as counting from 2 gives, also when the
// store already holds some of those names; many certificates of one name stay linear (the bench times it).
import { describe, expect, it } from 'vitest';
import { deriveAlias } from '../../../../shared/formats/entries/alias';

/** What deriveAlias gave before it remembered suffixes: count up from 2 each time. */
function countingFromTwo(base: string, taken: Set<string>): string {
  let alias = base;
  for (let n = 2; taken.has(alias.toLowerCase()); n++) alias = `${base}-${n}`;
  taken.add(alias.toLowerCase());
  return alias;
}

describe('deriveAlias', () => {
  it('gives what counting from 2 gives, around names the store already has and other bases', () => {
    const existing = ['root', 'root-2', 'root-4', 'root-6', 'other']; // stores pass their aliases lowercased
    const ours = new Set(existing);
    const theirs = new Set(existing);
    const subjects = ['CN=Root', 'CN=root', 'CN=Other', 'CN=Root', 'CN=Root', 'O=Other', 'CN=Root'];
    const got = subjects.map((subject) => deriveAlias({ subject }, ours));
    expect(got).toEqual(['root-3', 'root-5', 'other-2', 'root-7', 'root-8', 'other-3', 'root-9']);
    const base = (subject: string) => subject.replace(/^(CN|O)=/, '').toLowerCase();
    expect(subjects.map((subject) => countingFromTwo(base(subject), theirs))).toEqual(got);
    expect(ours).toEqual(theirs);
  });

  it('keeps a preferred alias and numbers it when taken, ignoring case', () => {
    const taken = new Set<string>();
    expect(['Corp', 'corp', 'CORP'].map((alias) => deriveAlias({ subject: 'CN=x' }, taken, alias))).toEqual(['Corp', 'corp-2', 'CORP-3']);
  });

  it('names 20,000 certificates of one subject uniquely', () => {
    const taken = new Set<string>();
    const aliases = Array.from({ length: 20_000 }, () => deriveAlias({ subject: 'CN=Same Name' }, taken));
    expect(new Set(aliases).size).toBe(20_000);
    expect(aliases.at(-1)).toBe('same-name-20000');
  });
});
