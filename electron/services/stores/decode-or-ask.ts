// Decoding a store's bytes the way every opener wants it (the window's sessions, the CLI, edits): a
// missing or wrong password is an answer to ask again with, not an error; other errors name the file.
// Its own module so that the CLI's open path does not load what sessions need for details.
import * as path from 'node:path';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { TrustLensError, withSource } from '../../../shared/errors';
import { decodeStore } from '../../../shared/formats';
import type { DecodedStore } from '../../../shared/formats/codec';

/** Decode bytes into a store; password problems become a NeedsPassword result, other errors name the file. */
export function decodeOrAsk(
  file: string,
  bytes: Uint8Array,
  password: string | undefined,
  crypto: CryptoProvider,
): { decoded: DecodedStore } | { needs: 'required' | 'wrong'; message: string } {
  try {
    return { decoded: decodeStore(bytes, { password, crypto }) };
  } catch (error) {
    if (error instanceof TrustLensError) {
      if (error.code === 'PASSWORD_REQUIRED') return { needs: 'required', message: `${path.basename(file)} is protected by a password.` };
      // Where the format could tell damage from a wrong password it threw CorruptInputError instead.
      if (error.code === 'WRONG_PASSWORD') return { needs: 'wrong', message: `Wrong password for ${path.basename(file)}, or the file is damaged; try again.` };
      throw withSource(error, file);
    }
    throw error;
  }
}
