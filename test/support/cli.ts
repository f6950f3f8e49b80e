// Run the built `trustlens` command as a user would: `node dist/cli/trustlens.cjs ARGS`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'trustlens.cjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `umask`: run under it, as a shell with that umask would (octal, e.g. '027'). */
export function trustlens(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; umask?: string } = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before these tests.`);
  const [command, argv] = options.umask === undefined ? [process.execPath, [CLI, ...args]] : ['sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, process.execPath, CLI, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
