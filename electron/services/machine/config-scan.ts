// `--scan DIR…`: the config files under the folders (or the files) given that name a trust store or
// keystore, with relative paths and ${…} placeholders resolved by each product's own rule where the file
// (or its install) defines them, and what could not be resolved said, not guessed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { resolvePlaceholders } from '../../../shared/config-files/config-text';
import { readConfigFile, type PathBase, type StoreSetting } from '../../../shared/config-files/store-settings';
import { UsageError } from '../../../shared/errors';
import type { UnresolvedSetting } from '../../../shared/model/machine-stores';
import type { ConfigStoreUse } from './stores-in-use';

const SKIP_DIRS = new Set(['node_modules', '.git', '.svn', 'target', 'build', 'dist', 'logs', 'work', 'temp', 'tmp']);
const MAX_DEPTH = 8;
const MAX_FILE = 2 * 1024 * 1024;
const MAX_FILES = 20_000;

/** The files worth reading: the products' config files and the places JVM options live. */
export function isCandidate(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    /\.(xml|properties|ya?ml|service|conf|options|sh|bat|cmd|env)$/.test(lower) ||
    lower === 'jvm.options' ||
    lower.startsWith('dockerfile') ||
    lower.endsWith('.dockerfile') ||
    lower === 'containerfile'
  );
}

async function walk(root: string, found: string[], depth = 0): Promise<void> {
  if (found.length >= MAX_FILES || depth > MAX_DEPTH) return;
  let entries;
  try {
    entries = await fs.readdir(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) await walk(full, found, depth + 1);
    } else if (entry.isFile() && isCandidate(entry.name)) found.push(full);
  }
}

/** The folder a relative path is relative to, for each product (Tomcat: CATALINA_BASE, the parent of conf/). */
function baseDir(file: string, base: PathBase): { dir: string; says: string } {
  const dir = path.dirname(file);
  switch (base) {
    case 'catalina-base':
      return path.basename(dir) === 'conf' ? { dir: path.dirname(dir), says: 'relative to CATALINA_BASE' } : { dir, says: "relative to CATALINA_BASE, taken as this file's folder" };
    case 'liberty-server-dir':
      return { dir, says: 'relative to the server folder (server.config.dir)' };
    case 'es-config-dir':
      return { dir, says: 'relative to the config folder' };
    case 'working-dir':
      return { dir, says: "relative to the process's working directory, taken as this file's folder" };
  }
}

/** Variables each product defines without the file saying so. */
function productVariables(file: string, setting: StoreSetting): Map<string, string> {
  const dir = path.dirname(file);
  if (setting.product === 'tomcat') {
    const base = path.basename(dir) === 'conf' ? path.dirname(dir) : dir;
    return new Map([
      ['catalina.base', base],
      ['catalina.home', base],
      ['CATALINA_BASE', base],
      ['CATALINA_HOME', base],
    ]);
  }
  if (setting.product === 'liberty') {
    return new Map([
      ['server.config.dir', dir],
      ['server.output.dir', dir],
    ]);
  }
  return new Map();
}

export interface ScanResult {
  readonly uses: ConfigStoreUse[];
  readonly unresolved: UnresolvedSetting[];
  readonly scannedFiles: number;
}

export async function scanConfigs(targets: readonly string[]): Promise<ScanResult> {
  const files: string[] = [];
  for (const target of targets) {
    let stat;
    try {
      stat = await fs.stat(target);
    } catch {
      throw new UsageError(`--scan ${target}: no such file or folder.`);
    }
    if (stat.isDirectory()) await walk(path.resolve(target), files);
    else files.push(path.resolve(target));
  }
  const uses: ConfigStoreUse[] = [];
  const unresolved: UnresolvedSetting[] = [];
  for (const file of files) {
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (stat.size > MAX_FILE) continue;
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue;
    }
    if (!/trust-?store|truststore|keystore|key-store|trustStoreRef|javax\.net\.ssl/i.test(text)) continue;
    const facts = readConfigFile(path.basename(file), text);
    for (const setting of facts.settings) {
      const known = productVariables(file, setting);
      const lookup = (name: string) => facts.variables.get(name) ?? known.get(name);
      const resolved = resolvePlaceholders(setting.value, lookup);
      if (resolved.unresolved.length) {
        unresolved.push({ file, line: setting.line, setting: setting.setting, value: setting.value, reason: `${resolved.unresolved.map((n) => `\${${n}}`).join(', ')} ${resolved.unresolved.length === 1 ? 'is' : 'are'} not defined in this file (set by the environment or another file at run time)` });
        continue;
      }
      let value = resolved.value.replace(/^file:(?!\/\/)/, '');
      if (/^classpath\*?:/.test(value)) {
        unresolved.push({ file, line: setting.line, setting: setting.setting, value: setting.value, reason: 'a classpath: resource is inside the application (its jar or resources folder), not a file on disk' });
        continue;
      }
      value = value.replace(/^file:\/\//, '');
      const relative = !path.isAbsolute(value);
      const { dir, says } = baseDir(file, setting.base);
      const storePath = relative ? path.resolve(dir, value) : value;
      const image = /dockerfile|containerfile/i.test(path.basename(file)) ? 'a path inside the container image, not on this machine' : undefined;
      const why = [`${setting.setting} in this ${setting.product} config${relative ? ` (${says})` : ''}`, setting.note, image].filter(Boolean).join('; ');
      uses.push({
        path: storePath,
        user: {
          kind: 'config',
          file,
          line: setting.line,
          rule: setting.setting,
          purpose: setting.purpose,
          why,
          ...(setting.type ? { type: setting.type } : {}),
          ...(setting.passwordSet !== undefined ? { passwordSet: setting.passwordSet } : {}),
        },
      });
    }
  }
  return { uses, unresolved, scannedFiles: files.length };
}
