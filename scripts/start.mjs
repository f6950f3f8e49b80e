// `npm start`: build, then launch the Electron app. Where the Electron binary cannot be had (an offline
// machine: Electron downloads it on first launch), say so in one line and point to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  const pkgDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(pkgDir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  if (!existsSync(pathFile)) {
    // Current Electron releases fetch the binary on first launch; try once, quietly.
    const fetch = spawnSync(process.execPath, [path.join(pkgDir, 'install.js')], { stdio: 'pipe', timeout: 120_000 });
    if (fetch.status !== 0 || !existsSync(pathFile)) return null;
  }
  const binary = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'trustlens: the Electron binary is not installed and could not be downloaded (this machine has no access to its download site).\n' +
      'Run the same app in your browser instead: npm run web',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, TRUSTLENS_DEV: '1' } });
child.on('exit', (code) => process.exit(code ?? 0));
