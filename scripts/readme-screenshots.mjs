// `npm run screenshots`: the README's images are screenshots the end-to-end tests take; this builds, runs
// the tests that take them, and copies them to docs/ under the names README.md uses.
import { copyFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const README_IMAGES = [
  // [test file, screenshot it saves in test-results/screenshots, the README's image]
  ['test/e2e/probe-view.test.ts', 'probe-view-light.png', 'docs/screenshot.png'],
  ['test/e2e/open-certificate.test.ts', 'explorer-jks-dark.png', 'docs/explorer-dark.png'],
  ['test/e2e/browser-menu.test.ts', 'browser-menu-file-light.png', 'docs/browser-menu.png'],
  ['test/e2e/revocation-view.test.ts', 'probe-revoked-intermediate-light.png', 'docs/revocation.png'],
  ['test/e2e/copy-entries.test.ts', 'copy-entries-menu-light.png', 'docs/copy-entries.png'],
];

const run = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['scripts/build.mjs', '--quiet']);
run(['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts', ...new Set(README_IMAGES.map(([test]) => test))]);
for (const [, shot, image] of README_IMAGES) {
  const from = path.join('test-results', 'screenshots', shot);
  if (!existsSync(from)) throw new Error(`${from} was not written: did its test change the screenshot's name?`);
  copyFileSync(from, image);
  console.log(`${image} <- ${from}`);
}
