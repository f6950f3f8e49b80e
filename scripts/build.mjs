// Build everything into dist/: the renderer with Vite, and the main process, the preload and the CLI
// with esbuild (each one CommonJS file, so the CLI starts fast and needs no node_modules lookups at run time).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: quiet ? 'warning' : 'info',
  define: { __TRUSTLENS_VERSION__: JSON.stringify(pkg.version) },
  legalComments: 'none',
  // The node-side tsconfig: the same compiler options tsc checks with (legacy decorators for asn1-schema).
  tsconfig: 'tsconfig.node.json',
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: { 'electron/main': 'electron/main.ts', 'electron/preload': 'electron/preload.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
  esbuild({
    ...common,
    entryPoints: { 'cli/trustlens': 'cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    banner: { js: '#!/usr/bin/env node' },
  }),
  viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' }),
]);
