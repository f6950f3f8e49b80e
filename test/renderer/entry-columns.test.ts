// The store table's column layout (entry-columns.tsx) and the default alias sort (entry-rows.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, aliasParts, gridTemplate, isDefaultLayout, readLayout, toggleColumn } from '../../renderer/src/explorer/entry-columns';
import { DEFAULT_SORT } from '../../renderer/src/explorer/entry-rows';

describe('entry table columns', () => {
  it('reads a saved layout, dropping unknown columns and duplicates and putting the alias back', () => {
    const layout = readLayout({ shown: ['type', 'serial', 'bogus', 'serial', 'subject'], widths: { subject: 300, bogus: 50, alias: 5 } });
    expect(layout.shown).toEqual(['type', 'alias', 'serial', 'subject']);
    expect(layout.widths).toEqual({ subject: 300, alias: 48 });
    expect(readLayout(undefined)).toBe(DEFAULT_LAYOUT);
  });

  it('shows a column in its place among the others, hides it again, and never hides the alias', () => {
    const withSerial = toggleColumn(DEFAULT_LAYOUT, 'serial');
    const withCreated = toggleColumn(withSerial, 'created');
    expect(withCreated.shown).toEqual(['type', 'alias', 'subject', 'issuer', 'expires', 'key', 'sha256', 'created', 'serial']);
    expect(isDefaultLayout(withCreated)).toBe(false);
    expect(isDefaultLayout(toggleColumn(toggleColumn(withCreated, 'created'), 'serial'))).toBe(true);
    expect(toggleColumn(DEFAULT_LAYOUT, 'alias')).toBe(DEFAULT_LAYOUT);
  });

  it('gives a resized column its width in pixels and keeps the others flexible', () => {
    expect(gridTemplate({ shown: ['type', 'alias', 'subject'], widths: { alias: 140 } })).toBe('18px 140px minmax(100px, 1.45fr)');
  });

  it('keeps the distinguishing end of a long alias apart from the start that gives way', () => {
    const parts = ['r3', 'r6'].map((r) => aliasParts(`debian:globalsign_root_ca_-_${r}.pem`));
    expect(parts.map(([, tail]) => tail)).toEqual(['a_-_r3.pem', 'a_-_r6.pem']);
    expect(parts[0]!.join('')).toBe('debian:globalsign_root_ca_-_r3.pem');
    expect(aliasParts('short-alias')).toEqual(['short-alias', '']);
  });

  it('sorts by alias until a header is clicked', () => {
    expect(DEFAULT_SORT).toEqual({ column: 'alias', direction: 'ascending' });
  });
});
