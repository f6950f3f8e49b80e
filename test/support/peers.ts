// Run the real peers (keytool, openssl, java) from tests: synchronous, captured, with a clear failure.
import { spawnSync } from 'node:child_process';

export interface PeerResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], options: { input?: string | Uint8Array; cwd?: string; allowFailure?: boolean } = {}): PeerResult {
  const r = spawnSync(command, args, { input: options.input, cwd: options.cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  if (!options.allowFailure && r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr || r.stdout}`);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** keytool -list -v output parsed into alias -> { type, sha256 } (uppercase colon hex, as keytool prints). */
export function keytoolList(store: string, password: string, storetype?: string): Map<string, { type: string; sha256: string[] }> {
  const args = ['-list', '-v', '-keystore', store, '-storepass', password];
  if (storetype) args.push('-storetype', storetype);
  return parseKeytoolList(run('keytool', args).stdout);
}

/** Parse `keytool -list -v` text (live or saved by a fixture script). */
export function parseKeytoolList(out: string): Map<string, { type: string; sha256: string[] }> {
  const result = new Map<string, { type: string; sha256: string[] }>();
  let current: { type: string; sha256: string[] } | undefined;
  for (const line of out.split('\n')) {
    const alias = /^Alias name: (.*)$/.exec(line);
    if (alias) {
      current = { type: '', sha256: [] };
      result.set(alias[1]!, current);
      continue;
    }
    const type = /^Entry type: (.*)$/.exec(line);
    if (type && current) current.type = type[1]!;
    const fp = /^\s*SHA256: ([0-9A-F:]+)$/.exec(line);
    if (fp && current) current.sha256.push(fp[1]!);
  }
  return result;
}
