// Save As keeps who may read the store: `trustlens convert` (the CLI's Save As) and the app's Save As
// (StoreEditor.saveAs, what the window and browser mode call) give a new file the source store's mode, and
// its owner and group where permitted (as root); a brand-new store (`import --create`, the app's New trust
// store saved for the first time) gets the mode the umask gives a new file. Checked with stat on real files
// before and after, and keytool reading what was written.
import { chmodSync, chownSync, copyFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreEditor } from '../../electron/services/stores/editor';
import { StoreSessions } from '../../electron/services/stores/sessions';
import { trustlens } from '../support/cli';
import { fixture, keytoolList, PASSWORD, scratchDir } from '../electron/services/stores/import-peers';

const isRoot = process.getuid?.() === 0;
const dir = scratchDir('trustlens-save-as-mode-');
const stat = (file: string) => {
  const s = statSync(file);
  return { uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 };
};

/** A copy of the JKS fixture with this mode (and, as root, owned by 1000:1000 like a service account's file). */
function sourceStore(name: string, mode: number): string {
  const file = path.join(dir, name);
  copyFileSync(fixture('jks/trust-only.jks'), file);
  if (isRoot) chownSync(file, 1000, 1000);
  chmodSync(file, mode);
  return file;
}

describe('trustlens convert (Save As)', () => {
  it.each([
    ['JKS to JKS', 0o644, 'copy.jks', []],
    ['JKS to PKCS#12 with another password', 0o640, 'copy.p12', ['--out-password', 'another1']],
  ] as const)('%s: the new file has the source store’s mode and owner; keytool lists it', async (_, mode, name, extra) => {
    const source = sourceStore(`source-${mode.toString(8)}.jks`, mode);
    const before = stat(source);
    const out = path.join(dir, `${mode.toString(8)}-${name}`);
    // umask 077 would make a plain new file 0600: the source's mode wins over it.
    const r = await trustlens(['convert', source, '--out', out, '--password', PASSWORD, ...extra, '--json'], { umask: '077' });
    expect(r.code, r.stderr).toBe(0);
    expect(stat(out)).toEqual(before);
    expect(stat(source)).toEqual(before);
    const listed = await keytoolList(out, name.endsWith('.p12') ? 'PKCS12' : 'JKS', extra.length ? 'another1' : PASSWORD);
    expect([...listed.keys()].sort()).toEqual([...(await keytoolList(source, 'JKS')).keys()].sort());
    expect(JSON.parse(r.stdout)).toMatchObject({ out, format: name.endsWith('.p12') ? 'PKCS12' : 'JKS', backup: null });
  });

  it('refuses an --out that exists unless --replace, then keeps that file’s own mode and a backup', async () => {
    const source = sourceStore('replace-source.jks', 0o644);
    const existing = sourceStore('replace-target.jks', 0o600);
    const refused = await trustlens(['convert', source, '--out', existing, '--password', PASSWORD]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists; add --replace/);
    const r = await trustlens(['convert', source, '--out', existing, '--password', PASSWORD, '--replace', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(stat(existing).mode).toBe(0o600);
    expect(JSON.parse(r.stdout).backup).toBe(`${existing}.bak`);
  });
});

describe('a brand-new store gets the umask’s mode', () => {
  it.each([
    ['022', '644', 0o644],
    ['027', '640', 0o640],
  ] as const)('import --create under umask %s makes a %s file keytool lists', async (umask, _, mode) => {
    const store = path.join(dir, `new-${umask}.jks`);
    const r = await trustlens(['import', store, '--create', '--from', fixture('pem/root.pem'), '--password', PASSWORD], { umask });
    expect(r.code, r.stderr).toBe(0);
    expect(stat(store).mode).toBe(mode);
    expect((await keytoolList(store, 'JKS')).size).toBe(1);
  });
});

describe('the app’s Save As (StoreEditor, as the window and browser mode call it)', () => {
  it('keeps the opened file’s mode and owner on the new file; a new store saved first gets the umask’s mode', async () => {
    const sessions = new StoreSessions();
    const editor = new StoreEditor(sessions);
    const source = sourceStore('app-source.jks', 0o644);
    const before = stat(source);
    const opened = await sessions.openPath(source, PASSWORD);
    if (opened.kind !== 'opened') throw new Error('the fixture needs no other password');
    const previous = process.umask(0o077);
    try {
      const out = path.join(dir, 'app-copy.p12');
      const saved = await editor.saveAs(opened.storeId, { path: out, format: 'PKCS12' }, {});
      expect(saved.kind).toBe('saved');
      expect(stat(out)).toEqual(before);
      expect((await keytoolList(out, 'PKCS12')).size).toBe((await keytoolList(source, 'JKS')).size);

      process.umask(0o022);
      const created = editor.create('JKS', PASSWORD);
      const fresh = path.join(dir, 'app-new.jks');
      const first = await editor.saveAs(created.storeId, { path: fresh }, {});
      expect(first.kind).toBe('saved');
      expect(stat(fresh).mode).toBe(0o644);
      expect(stat(fresh).uid).toBe(process.getuid!());
    } finally {
      process.umask(previous);
    }
  });
});
