// The JDK's own cacerts on this machine opens with and without its password, and holds exactly what
// keytool lists (aliases and SHA-256 fingerprints).
import { existsSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSystemTrustStores } from '../../electron/services/machine/system-stores';
import { trustlens } from '../support/cli';
import { keytoolList } from '../support/peers';

const cacerts = findSystemTrustStores().find((s) => s.label.includes('cacerts'));

describe.skipIf(!cacerts)('the JDK cacerts of this machine', () => {
  const file = cacerts ? realpathSync(cacerts.path) : '';
  const expected = () => {
    const listed = keytoolList(file, 'changeit');
    return [...listed].map(([alias, entry]) => [alias, entry.sha256[0]!.replace(/:/g, '').toLowerCase()]).sort();
  };

  it('is found where the JDK keeps it', () => {
    expect(existsSync(file)).toBe(true);
  });

  it('lists every entry without the password, integrity not checked', async () => {
    const r = await trustlens(['inspect', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.integrity).toBe('not-checked');
    const ours = doc.entries.map((e: { alias: string; certificates: { sha256: string }[] }) => [e.alias, e.certificates[0]!.sha256]).sort();
    expect(ours).toEqual(expected());
  });

  it('verifies its integrity with the password', async () => {
    const r = await trustlens(['inspect', file, '--json', '--password', 'changeit']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).integrity).toBe('verified');
  });

  it('exits 3 with a wrong password and says so', async () => {
    const r = await trustlens(['inspect', file, '--password', 'wrong-password']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/wrong/i);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
