// Typed errors that carry a sentence a person can act on. The CLI maps `code` to its exit status,
// the UI shows `message`. They cross process boundaries as { code, message } and are rebuilt there.

export type ErrorCode =
  | 'USAGE' // bad arguments
  | 'UNSUPPORTED_FORMAT'
  | 'CORRUPT_INPUT'
  | 'TRUNCATED_INPUT'
  | 'FILE_NOT_FOUND'
  | 'FILE_ERROR'
  | 'PASSWORD_REQUIRED'
  | 'WRONG_PASSWORD'
  | 'KEY_PASSWORD_REQUIRED' // a private key's own password is needed (missing, or not the one given)
  | 'NETWORK'
  | 'CANCELLED'
  | 'INTERNAL';

export class TrustLensError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends TrustLensError {
  constructor(message: string) {
    super('USAGE', message);
  }
}
export class UnsupportedFormatError extends TrustLensError {
  constructor(message: string) {
    super('UNSUPPORTED_FORMAT', message);
  }
}
export class CorruptInputError extends TrustLensError {
  constructor(message: string) {
    super('CORRUPT_INPUT', message);
  }
}
export class TruncatedInputError extends TrustLensError {
  constructor(message: string) {
    super('TRUNCATED_INPUT', message);
  }
}
export class PasswordRequiredError extends TrustLensError {
  constructor(message: string) {
    super('PASSWORD_REQUIRED', message);
  }
}
export class WrongPasswordError extends TrustLensError {
  constructor(message: string) {
    super('WRONG_PASSWORD', message);
  }
}
/** A key's own password is needed: not given, or the one given (or the store's) does not decrypt it. */
export class KeyPasswordRequiredError extends TrustLensError {
  constructor(message: string) {
    super('KEY_PASSWORD_REQUIRED', message);
  }
}
export class NetworkError extends TrustLensError {
  constructor(message: string) {
    super('NETWORK', message);
  }
}
export class FileError extends TrustLensError {
  constructor(code: 'FILE_NOT_FOUND' | 'FILE_ERROR', message: string) {
    super(code, message);
  }
}

export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof TrustLensError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}` };
}

/** Prefix a format error with the file it came from, keeping its type. */
export function withSource<E extends TrustLensError>(error: E, source: string): TrustLensError {
  if (error.message.startsWith(source)) return error;
  return new TrustLensError(error.code, `${source}: ${error.message}`);
}
