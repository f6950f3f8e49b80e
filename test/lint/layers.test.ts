// The layering is enforced by lint (eslint.config.mjs): an import that crosses a layer the wrong way, or
// closes a circle inside shared/, fails `npm test`. Each case lints a real import of a real module.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it.each([
    ['shared/x509/wrong-way.ts', "import { probe } from '../../electron/services/tls/probe';\nexport const p = probe;\n"],
    ['shared/chain/wrong-way.ts', "import { run } from '../../cli/main';\nexport const r = run;\n"],
    ['shared/formats/wrong-way.ts', "import type { App } from '../../renderer/src/app/app';\nexport type A = App;\n"],
    ['renderer/src/app/wrong-way.ts', "import { handlers } from '../../../electron/services/handlers';\nexport const h = handlers;\n"],
    ['electron/services/tls/wrong-way.ts', "import { EXIT } from '../../../cli/exit';\nexport const e = EXIT;\n"],
  ])('%s may not import from a layer above it', async (file, text) => {
    expect(await ruleIds(file, text)).toContain('import-x/no-restricted-paths');
  });

  it('allows the imports the layers are for', async () => {
    expect(await ruleIds('electron/services/tls/right-way.ts', "import { CorruptInputError } from '../../../shared/errors';\nexport const e = CorruptInputError;\n")).toEqual([]);
    expect(await ruleIds('cli/right-way.ts', "import { probe } from '../electron/services/tls/probe';\nexport const p = probe;\n")).toEqual([]);
  });
});

describe('import circles inside shared/', () => {
  const dir = mkdtempSync(path.join(root, 'shared', 'lint-cycle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a module that imports one that imports it back fails lint', async () => {
    writeFileSync(path.join(dir, 'upper.ts'), "import { lower } from './lower';\nexport const upper = () => lower();\n");
    writeFileSync(path.join(dir, 'lower.ts'), "import { upper } from './upper';\nexport const lower = (): unknown => upper;\n");
    const results = await eslint.lintFiles([path.join(dir, 'lower.ts')]);
    expect(results[0]?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});
