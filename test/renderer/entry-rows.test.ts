// The explorer's row model, in Node: names as the table shows them, the filter (text and fingerprint
// prefixes) and the column sort, over listings the main process really made from fixture stores.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { decodeStore } from '../../shared/formats';
import { storeListing } from '../../shared/formats/view/store-listing';
import { buildRows, filterRows, nextSort, sortRows } from '../../renderer/src/explorer/entry-rows';
import { commonName } from '../../renderer/src/ui/format';

const fixture = (relative: string) => fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
const listing = (relative: string, password?: string) => storeListing(relative, decodeStore(readFileSync(fixture(relative)), { password, crypto: nodeCrypto }), nodeCrypto);

describe('commonName', () => {
  test.each([
    ['CN=leaf.example.test,O=Example,C=DE', 'leaf.example.test'],
    ['CN=only', 'only'],
    ['CN=first+OU=second,O=third', 'first'],
    ['CN=a\\, b,O=x', 'a, b'],
    ['CN=say \\"hi\\",O=x', 'say "hi"'],
    ['O=Org,CN=later', 'later'],
    ['OU=Unit,O=Org', 'Unit'],
    ['2.5.4.3=by oid,O=x', 'by oid'],
    ['', ''],
  ])('%s -> %s', (dn, cn) => {
    expect(commonName(dn)).toBe(cn);
  });
});

describe('rows of a store listing', () => {
  const view = listing('jks/keys.jks', 'changeit');
  const rows = buildRows(view);

  test('one row per entry, named by the leaf, with its fingerprints', () => {
    expect(rows.map((r) => r.alias)).toEqual(view.entries.map((e) => e.alias));
    for (const row of rows) {
      const leaf = view.entries[row.index]!.leaf;
      expect(row.sha256).toBe(leaf?.sha256 ?? '');
      expect(row.subjectName).toBe(leaf ? commonName(leaf.subject) : '');
    }
  });

  test('filters by text, and by a fingerprint prefix with or without colons', () => {
    const target = rows.find((r) => r.sha256)!;
    const prefix = target.sha256.slice(0, 6);
    const colon = prefix.toUpperCase().replace(/(..)(?!$)/g, '$1:');
    for (const query of [prefix, colon, ` ${colon} `]) {
      const found = filterRows(rows, query);
      expect(found).toContain(target);
      expect(found.every((r) => r.sha256.startsWith(prefix) || r.sha1.startsWith(prefix) || r.haystack.includes(query.trim().toLowerCase()))).toBe(true);
    }
    expect(filterRows(rows, target.alias.toUpperCase()).map((r) => r.alias)).toContain(target.alias);
    expect(filterRows(rows, 'no such thing anywhere')).toEqual([]);
    expect(filterRows(rows, '  ')).toBe(rows);
  });

  test('sorts by a column both ways and back to the store order', () => {
    let order = nextSort(null, 'alias');
    const ascending = sortRows(rows, order).map((r) => r.alias);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })));
    order = nextSort(order, 'alias');
    expect(sortRows(rows, order).map((r) => r.alias)).toEqual([...ascending].reverse());
    order = nextSort(order, 'alias');
    expect(order).toBeNull();
    expect(sortRows(rows, order)).toBe(rows);
  });
});
