// Where a password comes from: --password, --password-env VAR, --password-file F, or a no-echo prompt on
// a TTY. Without a TTY and without a password, asking fails with exit 3 (PasswordRequiredError).
import { readFileSync } from 'node:fs';
import { PasswordRequiredError, UsageError } from '../shared/errors';

export interface PasswordOptions {
  password?: string;
  passwordEnv?: string;
  passwordFile?: string;
}

export function givenPassword(options: PasswordOptions): string | undefined {
  if (options.password !== undefined) return options.password;
  if (options.passwordEnv !== undefined) {
    const value = process.env[options.passwordEnv];
    if (value === undefined) throw new UsageError(`the environment variable ${options.passwordEnv} (from --password-env) is not set.`);
    return value;
  }
  if (options.passwordFile !== undefined) {
    try {
      return readFileSync(options.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new UsageError(`cannot read the password file ${options.passwordFile}.`);
    }
  }
  return undefined;
}

/** Ask on the terminal without echo; throw PasswordRequiredError when there is no terminal. */
export async function promptPassword(question: string, failure: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY || !process.stderr.isTTY) throw new PasswordRequiredError(failure);
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new PasswordRequiredError('cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}
