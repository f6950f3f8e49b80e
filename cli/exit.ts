// Exit codes of the contract, and how a typed error becomes one plain line on stderr.
import { TrustLensError, type ErrorCode } from '../shared/errors';

export const EXIT = { ok: 0, untrusted: 1, usage: 2, password: 3, network: 4 } as const;

const BY_CODE: Record<ErrorCode, number> = {
  USAGE: EXIT.usage,
  UNSUPPORTED_FORMAT: EXIT.usage,
  CORRUPT_INPUT: EXIT.usage,
  TRUNCATED_INPUT: EXIT.usage,
  FILE_NOT_FOUND: EXIT.usage,
  FILE_ERROR: EXIT.usage,
  PASSWORD_REQUIRED: EXIT.password,
  WRONG_PASSWORD: EXIT.password,
  KEY_PASSWORD_REQUIRED: EXIT.password,
  NETWORK: EXIT.network,
  CANCELLED: EXIT.network,
  INTERNAL: EXIT.usage,
};

export function exitCodeFor(error: unknown): number {
  return error instanceof TrustLensError ? BY_CODE[error.code] : EXIT.usage;
}

export function reportError(error: unknown, debug: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`trustlens: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else if (!(error instanceof TrustLensError)) process.stderr.write('(run again with --debug for details)\n');
  return exitCodeFor(error);
}
