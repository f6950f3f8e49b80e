import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // CommonJS files (the CLI's launcher) load modules with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', '../electron/*', '../../electron/*', '*/formats/*', '*/x509/*', '*/chain/*'] }],
    },
  },
  {
    files: ['shared/**/*.ts', 'cli/**/*.ts', 'electron/services/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*', 'react', 'react-dom'] }] },
  },
  {
    // The layers, checked by path so that a wrong import fails `npm test` however it is spelled:
    // shared/ is below everything; the renderer reaches the main process only through window.trustlens;
    // the main process's services know nothing of the CLI or of Electron's own files above them.
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'cli/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] })],
      // no-cycle reads the modules an import names: with these it parses TypeScript instead of skipping it.
      'import-x/extensions': ['.ts', '.tsx'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./electron', './renderer', './cli'], message: 'shared/ is pure and below every other layer.' },
            { target: './renderer', from: ['./electron', './cli'], message: 'The renderer talks to the main process only through window.trustlens (shared/ipc.ts).' },
            { target: './electron/services', from: ['./cli', './electron/main.ts', './electron/menu.ts', './electron/preload.ts', './electron/ipc-main.ts'], message: 'Services are plain Node under the Electron wiring and the CLI, not over them.' },
            { target: './electron', from: './cli', message: 'The main process does not depend on the command line.' },
          ],
        },
      ],
    },
  },
  {
    // Each folder of shared/ reads top-down: no module imports one that imports it back.
    files: ['shared/**/*.ts'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
