// Where a password comes from: --password, --password-env VAR, --password-file F, or a no-echo prompt on
// a TTY. Without a TTY and without a password, asking fails with exit 3 (PasswordRequiredError).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { PasswordRequiredError } from '../shared/errors';

export interface PasswordOptions {
  password?: string;
  passwordEnv?: string;
  passwordFile?: string;
}

export function givenPassword(options: PasswordOptions): string | undefined {
  if (options.password !== undefined) return options.password;
  if (options.passwordEnv !== undefined) {
    const value = process.env[options.passwordEnv];
    // No password is a password problem (exit 3), like a missing one without a terminal to ask on.
    if (value === undefined) {
      throw new PasswordRequiredError(`the environment variable ${options.passwordEnv} (from --password-env) is not set; set it to the password (export ${options.passwordEnv}=…), or pass --password or --password-file.`);
    }
    return value;
  }
  if (options.passwordFile !== undefined) return firstLineOf(options.passwordFile);
  return undefined;
}

/** Longer than any password; a file with no line break before this is not a password file. */
const MAX_PASSWORD_LINE = 64 * 1024;

/**
 * The first line of a password file, without its line break (\n or \r\n), as keytool's and openssl's
 * `file:` read it: what follows (a note, a second password) is not part of the password. Read a piece at
 * a time and only up to the line break, so that a pipe (`<(pass show store)`) works and /dev/zero ends.
 */
function firstLineOf(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new PasswordRequiredError(`cannot read the password file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path given to --password-file.`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new PasswordRequiredError(`the password file ${file} is a folder; give --password-file a file whose first line is the password.`);
    const buffer = Buffer.alloc(MAX_PASSWORD_LINE);
    let length = 0;
    let end = -1;
    while (end === -1 && length < buffer.length) {
      const read = readSync(fd, buffer, length, Math.min(4096, buffer.length - length), null);
      if (read === 0) {
        end = length;
        break;
      }
      const newline = buffer.subarray(length, length + read).indexOf(0x0a);
      if (newline !== -1) end = length + newline;
      length += read;
    }
    if (end === -1) {
      throw new PasswordRequiredError(`the password file ${file} has no line break in its first ${MAX_PASSWORD_LINE / 1024} KB, so it holds no password line; check the path given to --password-file.`);
    }
    return buffer.toString('utf8', 0, end).replace(/\r$/, '');
  } catch (error) {
    if (error instanceof PasswordRequiredError) throw error;
    throw new PasswordRequiredError(`cannot read the password file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check the path given to --password-file.`);
  } finally {
    closeSync(fd);
  }
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
