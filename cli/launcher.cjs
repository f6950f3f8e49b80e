#!/usr/bin/env node
// The `trustlens` command: runs the CLI bundle (trustlens-main.cjs, next to this file) from V8's code
// cache when the build left one that this Node accepts. Compiling the 800 KB bundle is about a sixth of
// a short command's time (`inspect` of the JDK's cacerts); with the cache V8 skips it. A cache made by
// another Node version is rejected by V8 and the bundle is compiled as usual, so this is never wrong,
// only sometimes not faster. `TRUSTLENS_WRITE_CODE_CACHE=1` (the build sets it for one run) writes the
// cache on exit, with the functions that run compiled in.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const bundle = path.join(__dirname, 'trustlens-main.cjs');
const cacheFile = `${bundle}.v8cache`;
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The CommonJS wrapper, on the bundle's first line so that its line numbers (and source map) hold.
// The bundle is ASCII (esbuild escapes the rest; the build checks), so latin1 reads it as UTF-8 would,
// without the UTF-8 validation pass.
const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundle, 'latin1')}\n})`;
const script = new vm.Script(source, { filename: bundle, cachedData });
if (process.env.TRUSTLENS_WRITE_CODE_CACHE === '1') {
  process.once('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
const main = { exports: {}, filename: bundle, id: '.', loaded: false };
script.runInThisContext()(main.exports, createRequire(bundle), main, bundle, __dirname);
