// The window's remembered layout: kept in a JSON file, read back by a new store (a new run), and a file
// with values outside the contract is ignored rather than put on screen.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ViewSettingsStore, webViewSettingsFile } from '../../../../electron/services/view/view-settings';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('ViewSettingsStore', () => {
  it('keeps the table columns in a file that the next run reads', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-view-'));
    const file = path.join(dir, 'sub', 'view.json');
    const entryColumns = { shown: ['type', 'alias', 'serial'], widths: { alias: 140 } };
    await new ViewSettingsStore(file).set({ entryColumns });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ entryColumns });
    expect(await new ViewSettingsStore(file).get()).toEqual({ entryColumns });
  });

  it('ignores a file outside the contract, and keeps nothing without a file', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'trustlens-view-'));
    const file = path.join(dir, 'view.json');
    writeFileSync(file, JSON.stringify({ entryColumns: { shown: ['alias'], widths: { alias: -5 } } }));
    expect(await new ViewSettingsStore(file).get()).toEqual({});
    writeFileSync(file, 'not json');
    expect(await new ViewSettingsStore(file).get()).toEqual({});
    const memory = new ViewSettingsStore();
    await memory.set({ entryColumns: { shown: ['alias'], widths: {} } });
    expect(await memory.get()).toEqual({ entryColumns: { shown: ['alias'], widths: {} } });
  });

  it('puts the web mode file under XDG_CONFIG_HOME', () => {
    expect(webViewSettingsFile({ XDG_CONFIG_HOME: '/cfg' })).toBe(path.join('/cfg', 'trustlens', 'view.json'));
  });
});
