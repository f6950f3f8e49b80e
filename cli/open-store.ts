// Open a store file for a command: the given password, else a prompt on a TTY (again after a wrong
// one), else exit 3 with a sentence that says how to pass it.
import * as path from 'node:path';
import { decodeOrAsk } from '../electron/services/stores/decode-or-ask';
import { readStoreFile } from '../electron/services/stores/file-service';
import { nodeCrypto } from '../electron/services/crypto/node-crypto';
import { PasswordRequiredError, TrustLensError, WrongPasswordError } from '../shared/errors';
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
  const given = givenPassword(options);
  // The formats' integrity checks (PKCS#12 MAC, JKS digest) fail alike for a wrong password and for damaged
  // bytes; where a format can tell them apart it reports damage itself (exit 2), so this is the ambiguous case.
  const wrong = `${file}: wrong password, or the file is damaged; nothing was changed. Check the password and try again.`;
  let password = given;
  for (let attempt = 0; attempt < 4; attempt++) {
    const outcome = decodeOrAsk(file, bytes, password, nodeCrypto);
    if ('decoded' in outcome) return { file, bytes, decoded: outcome.decoded, password };
    // A password given on the command line is never second-guessed by a prompt: scripts get exit 3 at once.
    if (outcome.needs === 'wrong' && given !== undefined) throw new WrongPasswordError(wrong);
    const name = path.basename(file);
    password = await promptPassword(
      outcome.needs === 'wrong' ? `Wrong password. Password for ${name}: ` : `Password for ${name}: `,
      outcome.needs === 'wrong' ? wrong : `${file} needs a password; pass it with --password, --password-env VAR or --password-file FILE.`,
    );
  }
  throw new PasswordRequiredError(`${file}: too many wrong passwords.`);
}

/**
 * openStoreFile for a second store of a command (--truststore, --keystore): a missing password is
 * reported with the option that gives it for that store, not the command's own --password.
 */
export async function openOtherStore(file: string, options: PasswordOptions, passwordOption: string): Promise<OpenedFile> {
  try {
    return await openStoreFile(file, options);
  } catch (error) {
    if (error instanceof TrustLensError && error.code === 'PASSWORD_REQUIRED') {
      throw new PasswordRequiredError(`${file} needs a password to be read; pass it with ${passwordOption}.`);
    }
    throw error;
  }
}
