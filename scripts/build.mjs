// Build everything into dist/: the renderer with Vite, and the main process, the preload and the CLI
// with esbuild (CommonJS, so they need no node_modules lookups at run time).
//
// The CLI is built for start-up time, since `trustlens inspect` is often over in a tenth of a second:
// it is minified (less to parse), run from V8's code cache by a small launcher (cli/launcher.cjs), the big packages only some commands use (zod and ws for `web`,
// node-forge for old PKCS#12 RC2 ciphers) are bundled into files of their own in dist/cli/vendor/ and
// required on first use, and so are the Node built-ins only some commands need.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const quiet = process.argv.includes('--quiet');
/** `--no-minify`: readable output, for profiling (node --cpu-prof) and debugging. */
const minify = !process.argv.includes('--no-minify');

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

/** Required only from modules that are themselves loaded on demand (the `web` command's server). */
const VENDOR_ON_DEMAND = ['zod', 'ws'];
/** Imported at start-up but used only inside functions: stood in for by a proxy that loads it on first use. */
const VENDOR_BEHIND_PROXY = ['node-forge'];
const VENDOR = [...VENDOR_ON_DEMAND, ...VENDOR_BEHIND_PROXY];
/**
 * Node built-ins that only some commands use (probe, prompts, opening a browser), also behind proxies:
 * loading them costs every command start-up time and memory. (`net` and `stream` are not here: writing
 * to a piped stdout needs them anyway.)
 */
const BUILTINS_BEHIND_PROXY = ['child_process', 'tls', 'readline', 'http', 'https', 'dgram'];

/**
 * asn1 packages that only some formats and commands use (PKCS#12, PKCS#7, RSA and EC key parameters):
 * still in the bundle, but evaluated the first time one of their members is read, so that, say,
 * `inspect` of a JKS file does not pay for PKCS#12's ASN.1 schemas. Only our own imports go through
 * the proxy; the packages' imports of each other are left as they are.
 */
const PACKAGES_BEHIND_PROXY = ['@peculiar/asn1-schema', '@peculiar/asn1-x509', '@peculiar/asn1-cms', '@peculiar/asn1-pfx', '@peculiar/asn1-pkcs8', '@peculiar/asn1-pkcs9', '@peculiar/asn1-rsa', '@peculiar/asn1-ecc'];

/**
 * Codecs shared/formats/index.ts imports but only some files need (PKCS#12 and its ASN.1 schemas): in
 * the bundle, evaluated when first used.
 */
const CODECS_BEHIND_PROXY = ['./pkcs12/pkcs12'];
const FORMATS_INDEX = /[/\\]shared[/\\]formats[/\\]index\.ts$/;

const DECODE_WORKER = 'electron/services/stores/decode-worker.ts';
const vendorFile = (name) => `./vendor/${name}.cjs`;
const escapeRegExp = (text) => text.replace(/[-/\\^$*+?.()|[\]{}]/g, '\\$&');

/**
 * A CommonJS module that stands in for `target` and requires it the first time one of its members is
 * read. The members are found through the prototype: esbuild's import helper copies a module's own
 * properties (there are none to copy) and keeps its prototype, so named imports reach the proxy too.
 */
const proxyModule = (target) => `// Loads ${target} the first time one of its members is read.
let loaded;
const load = () => (loaded ??= require(${JSON.stringify(target)}));
module.exports = Object.create(new Proxy({}, { get: (_target, key) => (key === '__esModule' ? undefined : load()[key]) }));
`;

/** In the CLI bundle: vendor packages from their own files next to it, some packages and built-ins on first use. */
const onDemandPlugin = {
  name: 'on-demand',
  setup(build) {
    const vendor = new RegExp(`^(${VENDOR.map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter: vendor }, (args) =>
      VENDOR_ON_DEMAND.includes(args.path)
        ? { path: vendorFile(args.path), external: true }
        : { path: vendorFile(args.path), namespace: 'on-demand' },
    );
    const builtins = new RegExp(`^(node:)?(${BUILTINS_BEHIND_PROXY.map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter: builtins }, (args) =>
      args.namespace === 'on-demand' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'on-demand' },
    );
    build.onResolve({ filter: /^\.\/vendor\//, namespace: 'on-demand' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({ loader: 'js', contents: proxyModule(args.path) }));
    const packages = new RegExp(`^(${PACKAGES_BEHIND_PROXY.map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter: packages }, (args) =>
      args.namespace === 'in-bundle-on-demand' || /[/\\]node_modules[/\\]/.test(args.importer) ? undefined : { path: args.path, namespace: 'in-bundle-on-demand' },
    );
    build.onLoad({ filter: /.*/, namespace: 'in-bundle-on-demand' }, (args) => ({ loader: 'js', contents: proxyModule(args.path), resolveDir: process.cwd() }));
    const codecs = new RegExp(`^(${CODECS_BEHIND_PROXY.map(escapeRegExp).join('|')})$`);
    build.onResolve({ filter: codecs }, (args) =>
      FORMATS_INDEX.test(args.importer) ? { path: path.join(path.dirname(args.importer), `${args.path}.ts`), namespace: 'in-bundle-on-demand' } : undefined,
    );
  },
};

await Promise.all([
  esbuild({
    ...common,
    entryPoints: { 'electron/main': 'electron/main.ts', 'electron/preload': 'electron/preload.ts', 'electron/decode-worker': DECODE_WORKER },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    external: ['electron'],
  }),
  esbuild({
    ...common,
    entryPoints: { 'cli/trustlens-main': 'cli/main.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    // Whitespace and syntax only: names stay as written (error class names in --debug output) without
    // esbuild's keepNames, whose helper calls cost more than the bytes they save.
    minifyWhitespace: minify,
    minifySyntax: minify,
    plugins: [onDemandPlugin],
  }),
  // The worker `trustlens web` decodes big stores in (electron/services/stores/decode-off-thread.ts), beside the bundle.
  esbuild({ ...common, entryPoints: { 'cli/decode-worker': DECODE_WORKER }, outdir: 'dist', outExtension: { '.js': '.cjs' }, minify }),
  esbuild({
    ...common,
    entryPoints: Object.fromEntries(VENDOR.map((name) => [`cli/vendor/${name}`, require.resolve(name)])),
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    minify,
  }),
  viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' }),
]);

// The `trustlens` command is a small launcher (cli/launcher.cjs) that runs the bundle from V8's code
// cache; one run of a typical command writes the cache (`inspect` of a keystore, else `--help`).
const launcher = path.join('dist', 'cli', 'trustlens.cjs');
// The launcher reads the bundle as latin1, which is UTF-8 only for ASCII text: esbuild's default
// charset escapes everything else, and this keeps it so.
const nonAscii = readFileSync(path.join('dist', 'cli', 'trustlens-main.cjs')).findIndex((byte) => byte > 0x7f);
if (nonAscii >= 0) throw new Error(`dist/cli/trustlens-main.cjs has a non-ASCII byte at offset ${nonAscii}; the launcher reads it as latin1`);
copyFileSync('cli/launcher.cjs', launcher);
chmodSync(launcher, 0o755);
rmSync(path.join('dist', 'cli', 'trustlens-main.cjs.v8cache'), { force: true });
const sample = path.join('test', 'fixtures', 'jks', 'keys.jks');
execFileSync(process.execPath, [launcher, ...(existsSync(sample) ? ['inspect', sample, '--json'] : ['--help'])], {
  stdio: 'ignore',
  env: { ...process.env, TRUSTLENS_WRITE_CODE_CACHE: '1' },
});
