// Options several commands share.
import { Option, type Command } from 'commander';
import type { PasswordOptions } from './password';

export type PasswordFlags = PasswordOptions;

export function addPasswordOptions(command: Command): Command {
  return command
    .addOption(new Option('--password <password>', 'the store password'))
    .addOption(new Option('--password-env <var>', 'read the password from this environment variable'))
    .addOption(new Option('--password-file <file>', 'read the password from the first line of this file'));
}

export function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) throw new Error('--timeout takes milliseconds, from 100 to 600000');
  return ms;
}
