// The key-moving bench: a JKS of 20 private keys (EC P-256, made by keytool) moved whole into a new PKCS#12
// and a new JCEKS store, by `trustlens copy --create` and by `keytool -importkeystore`, whole process each
// time, runs interleaved, medians. Both tools decrypt each key and protect it again the target's way; the
// JCEKS rows show the cost of its 200,000 MD5 rounds per half (TrustLens also decrypts each key once more to
// check what it wrote). Each tool's result is listed by keytool before its time counts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { measure, median } from './measure.mjs';
import { keytoolCount, PASSWORD } from './stores.mjs';

const KEYS = 20;
const FORMATS = [
  { type: 'PKCS12', ext: 'p12' },
  { type: 'JCEKS', ext: 'jceks' },
];

function makeSource(dir) {
  const file = path.join(dir, 'keys.jks');
  for (let i = 0; i < KEYS; i++) {
    execFileSync('keytool', ['-genkeypair', '-keystore', file, '-storetype', 'JKS', '-storepass', PASSWORD, '-keypass', PASSWORD, '-alias', `key-${i}`, '-keyalg', 'EC', '-groupname', 'secp256r1', '-dname', `CN=key-${i}.bench.test`], { stdio: 'pipe' });
  }
  return file;
}

function listedKeys(file, type) {
  const out = execFileSync('keytool', ['-list', '-keystore', file, '-storetype', type, '-storepass', PASSWORD], { encoding: 'utf8' });
  return keytoolCount(out);
}

/** { summary, results }: the medians per tool and target format. */
export async function benchKeys({ cli, runs, env }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-bench-keys-'));
  try {
    const source = makeSource(dir);
    const tools = (target, type) => [
      { name: 'trustlens copy', command: process.execPath, args: [cli, 'copy', source, target, '--from-password', PASSWORD, '--password', PASSWORD, '--create'] },
      { name: 'keytool -importkeystore', command: 'keytool', args: ['-importkeystore', '-noprompt', '-srckeystore', source, '-srcstoretype', 'JKS', '-srcstorepass', PASSWORD, '-destkeystore', target, '-deststoretype', type, '-deststorepass', PASSWORD] },
    ];
    const results = [];
    const lines = [`Moving ${KEYS} private keys out of a JKS (decrypted, protected again), ${runs} runs each, medians:`];
    for (const { type, ext } of FORMATS) {
      const target = path.join(dir, `moved.${ext}`);
      const times = new Map();
      for (let run = 0; run < runs; run++) {
        for (const tool of tools(target, type)) {
          rmSync(target, { force: true });
          const measured = await measure(tool.command, tool.args, { env });
          if (run === 0 && listedKeys(target, type) !== KEYS) throw new Error(`${tool.name} into ${type}: keytool lists ${listedKeys(target, type)} entries, not ${KEYS}`);
          times.set(tool.name, [...(times.get(tool.name) ?? []), measured]);
        }
      }
      for (const [name, measured] of times) {
        const row = { format: type, tool: name, ms: median(measured.map((m) => m.ms)), rssKiB: median(measured.map((m) => m.rssKiB)) };
        results.push(row);
        lines.push(`  into ${type.padEnd(6)} ${name.padEnd(24)} ${(row.ms / 1000).toFixed(2)} s  ${(row.rssKiB / 1024).toFixed(0)} MiB`);
      }
    }
    return { summary: lines.join('\n'), results };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
