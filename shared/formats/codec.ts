// The shape every store codec decodes to. A DecodedStore keeps what a writer needs to re-encode the
// store without touching entries it did not change (`raw`, codec-specific and opaque to everyone else).
import type { CryptoProvider } from '../crypto-provider';
import type { EntryType, Integrity, StoreFormat, StoreProperty } from '../model/keystore';

export interface DecodeOptions {
  /** undefined: no password given. Codecs that can list without one do so (integrity "not-checked"). */
  readonly password?: string | undefined;
  readonly crypto: CryptoProvider;
}

export interface DecodedEntry {
  readonly alias: string;
  readonly type: EntryType;
  readonly created: Date | null;
  /** DER certificates; key entries: leaf first. */
  readonly certificates: readonly Uint8Array[];
  readonly keyAlgorithm?: string;
  readonly javaTrusted?: boolean;
  readonly notes?: readonly string[];
  /** Codec-specific, for lossless re-encoding (e.g. the encrypted key bytes). Never leaves the main process. */
  readonly raw?: unknown;
}

export interface DecodedStore {
  readonly format: StoreFormat;
  readonly integrity: Integrity;
  readonly entries: readonly DecodedEntry[];
  readonly properties: readonly StoreProperty[];
  readonly raw?: unknown;
}

export interface StoreCodec {
  readonly format: StoreFormat;
  /** Throws PasswordRequiredError / WrongPasswordError / CorruptInputError / TruncatedInputError. */
  decode(bytes: Uint8Array, options: DecodeOptions): DecodedStore;
}
