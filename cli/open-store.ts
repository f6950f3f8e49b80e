// Open a store file for a command: the given password, else a prompt on a TTY (again after a wrong
// one), else exit 3 with a sentence that says how to pass it.
import * as path from 'node:path';
import { decodeOrAsk } from '../electron/services/store-sessions';
import { readStoreFile } from '../electron/services/file-service';
import { nodeCrypto } from '../electron/services/node-crypto';
import { PasswordRequiredError, WrongPasswordError } from '../shared/errors';
import type { DecodedStore } from '../shared/formats/codec';
import { givenPassword, promptPassword, type PasswordOptions } from './password';

export interface OpenedFile {
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly decoded: DecodedStore;
  readonly password: string | undefined;
}

export async function openStoreFile(file: string, options: PasswordOptions): Promise<OpenedFile> {
  const bytes = await readStoreFile(file);
  let password = givenPassword(options);
  const hint = 'pass it with --password, --password-env VAR or --password-file FILE';
  for (let attempt = 0; attempt < 4; attempt++) {
    const outcome = decodeOrAsk(file, bytes, password, nodeCrypto);
    if ('decoded' in outcome) return { file, bytes, decoded: outcome.decoded, password };
    const name = path.basename(file);
    if (outcome.needs === 'wrong' && (password !== undefined && attempt === 0 && givenPassword(options) !== undefined)) {
      if (!process.stdin.isTTY) throw new WrongPasswordError(`${file}: wrong password; nothing was changed. Check the password and try again.`);
    }
    password = await promptPassword(
      outcome.needs === 'wrong' ? `Wrong password. Password for ${name}: ` : `Password for ${name}: `,
      outcome.needs === 'wrong' ? `${file}: wrong password; nothing was changed. Check the password and try again.` : `${file} needs a password; ${hint}.`,
    );
  }
  throw new PasswordRequiredError(`${file}: too many wrong passwords.`);
}
