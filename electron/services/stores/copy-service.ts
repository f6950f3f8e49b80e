// Copying entries from one store into another (KeyStore Explorer's copy and paste between keystores):
// which entries go, under which aliases, and which are skipped and why. Trusted certificates go into any
// store TrustLens writes; key entries as is into a store of their own format, their keys never decrypted
// and keeping the password they had (copy-plan.ts). A private key between JKS, JCEKS and PKCS#12 is
// moved instead: decrypted with its password and protected in the target with the target's store
// password (movedKeys), as `keytool -importkeystore` does. Used by the app's paste and by `trustlens copy`;
// the edit itself is written, re-read and checked like every other (store-writer.ts).
import * as path from 'node:path';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { KeyPasswordRequiredError, PasswordRequiredError, TrustLensError, UsageError, withSource } from '../../../shared/errors';
import type { DecodedStore } from '../../../shared/formats/codec';
import { copyVerdict, type CopiedEntry } from '../../../shared/formats/copy-plan';
import { deriveAlias } from '../../../shared/formats/entries/alias';
import { recoverPrivateKey, type NewKeyEntry } from '../../../shared/formats/key-transfer';
import { storedAlias } from '../../../shared/formats/store-writer';
import type { CopyOutcome } from '../../../shared/ipc';
import { trustedCertificates } from './import-service';
import { nodeCrypto } from '../crypto/node-crypto';

export interface CopySide {
  /** The file's name or path, for messages. */
  readonly file: string;
  readonly decoded: DecodedStore;
  /** Whether this side's store password is known (opened or unlocked with one). */
  readonly password: string | undefined;
}

export interface CopyPlan {
  /** Carried as is (trusted certificates, key entries into their own format). */
  readonly copy: readonly CopiedEntry[];
  /** Private keys that go decrypted and protected again (into another of JKS, JCEKS, PKCS#12). */
  readonly move: readonly CopiedEntry[];
  readonly skipped: readonly { readonly alias: string; readonly reason: string }[];
  readonly notes: readonly string[];
}

const chainKey = (certificates: readonly Uint8Array[], crypto: CryptoProvider) => certificates.map((der) => crypto.digestHex('sha256', der)).join(':');

/**
 * What copying the entries at `indexes` of `from` into `to` does. Each keeps its alias where the target
 * has none like it (compared ignoring case, as Java does), else gets "-2", "-3", …; JKS and JCEKS aliases
 * are lowercased as keytool stores them.
 */
export function planCopy(from: CopySide, to: CopySide, indexes: readonly number[], crypto: CryptoProvider = nodeCrypto): CopyPlan {
  const trusted = trustedCertificates(to.decoded, crypto);
  const keyChains = new Map(to.decoded.entries.filter((e) => e.type === 'privateKey').map((e) => [chainKey(e.certificates, crypto), e.alias]));
  const taken = new Set(to.decoded.entries.map((e) => e.alias.toLowerCase()));
  const copy: CopiedEntry[] = [];
  const move: CopiedEntry[] = [];
  const skipped: { alias: string; reason: string }[] = [];
  const seen = new Set<number>();
  for (const index of indexes) {
    const entry = from.decoded.entries[index];
    if (!entry) throw new UsageError(`There is no entry number ${index + 1} in ${path.basename(from.file)}.`);
    if (seen.has(index)) continue;
    seen.add(index);
    const verdict = copyVerdict(entry.type, from.decoded.format, to.decoded.format);
    if (verdict.mode === 'unsupported') {
      skipped.push({ alias: entry.alias, reason: verdict.reason ?? 'it cannot be copied into this store' });
      continue;
    }
    const leaf = entry.certificates[0];
    const existing =
      entry.type === 'trustedCertificate' ? (leaf ? trusted.get(crypto.digestHex('sha256', leaf)) : undefined)
      : entry.type === 'privateKey' ? keyChains.get(chainKey(entry.certificates, crypto)) : undefined;
    if (existing !== undefined) {
      skipped.push({ alias: entry.alias, reason: `already present as "${existing}"` });
      continue;
    }
    if (entry.type === 'trustedCertificate' && !leaf) {
      skipped.push({ alias: entry.alias, reason: 'it holds no certificate' });
      continue;
    }
    const alias = storedAlias(to.decoded.format, deriveAlias({ subject: '' }, taken, entry.alias));
    (verdict.mode === 're-encrypt' ? move : copy).push({ alias, entry, source: from.decoded });
    if (leaf && entry.type === 'trustedCertificate') trusted.set(crypto.digestHex('sha256', leaf), alias);
    if (entry.type === 'privateKey') keyChains.set(chainKey(entry.certificates, crypto), alias);
  }
  return { copy, move, skipped, notes: copyNotes(from, to, copy, move) };
}

/**
 * The keys of `move` decrypted, to be written into the target under its store password. Each is tried
 * with `keyPassword` (given for the source's keys) and then the source's store password, which keytool
 * gives a key unless told otherwise. Throws KeyPasswordRequiredError, naming the entry, when neither opens it.
 */
export function movedKeys(move: readonly CopiedEntry[], from: CopySide, to: CopySide, keyPassword: string | undefined, crypto: CryptoProvider = nodeCrypto): NewKeyEntry[] {
  if (!move.length) return [];
  if (to.password === undefined) {
    throw new PasswordRequiredError(`${path.basename(to.file)} was opened without its password, which writing it and protecting the moved keys need; give it.`);
  }
  if (to.password === '') {
    throw new UsageError(`${path.basename(to.file)} has no password to protect the moved keys with; save it with a password first.`);
  }
  const tries = [...new Set([keyPassword, from.password].filter((p): p is string => p !== undefined))];
  return move.map(({ alias, entry }) => {
    let pkcs8: Uint8Array | null = null;
    try {
      // In order, stopping at the first that opens it (a JCEKS key costs 400,000 MD5 rounds a try).
      for (const password of tries) if ((pkcs8 = recoverPrivateKey(from.decoded, entry, password, crypto))) break;
    } catch (error) {
      throw error instanceof TrustLensError ? withSource(error, path.basename(from.file)) : error;
    }
    if (!pkcs8) {
      const file = path.basename(from.file);
      const what =
        keyPassword !== undefined ? `The key password given does not open the key of "${entry.alias}" in ${file}`
        : from.password !== undefined ? `The key of "${entry.alias}" in ${file} has a password of its own, not ${file}'s store password`
        : `${file} was opened without its password, so the key of "${entry.alias}" needs its password to move`;
      throw new KeyPasswordRequiredError(`${what}. Give the key's password; nothing was copied.`);
    }
    return { alias, pkcs8, chain: entry.certificates, password: to.password!, ...(entry.created ? { created: entry.created } : {}) };
  });
}

function copyNotes(from: CopySide, to: CopySide, copy: readonly CopiedEntry[], move: readonly CopiedEntry[]): string[] {
  const notes: string[] = [];
  if (move.length) {
    const which = move.length === 1 ? `The key of "${move[0]!.alias}" is` : `${move.length} keys are`;
    notes.push(`${which} decrypted and protected in ${path.basename(to.file)} with its store password, as keytool -importkeystore does.`);
  }
  const keys = copy.filter((c) => c.entry.type !== 'trustedCertificate');
  const source = path.basename(from.file);
  // A key keeps the password it had in the source (it is not decrypted): worth saying only when that
  // differs from the target's store password, which Tomcat and Kafka use for keys unless told otherwise.
  const differ = from.password !== undefined && to.password !== undefined && from.password !== to.password;
  if (keys.length && differ) {
    const which = keys.length === 1 ? `The key of "${keys[0]!.alias}" keeps the password it had` : 'The copied keys keep the password they had';
    notes.push(`${which} in ${source}, which differs from ${path.basename(to.file)}'s: an application that opens keys with the store password (Tomcat, Kafka) needs them equal.`);
  }
  if (from.decoded.integrity === 'not-checked' && copy.length + move.length) {
    notes.push(`${source} was opened without its password: its integrity was not checked.`);
  }
  if (to.decoded.format === 'PEM' && copy.length) {
    notes.push('A PEM bundle has no aliases: the copies are listed under names derived from their subjects.');
  }
  return notes;
}

/** What the plan puts into the target, carried and moved, in the order given. */
export function copiedList(plan: Pick<CopyPlan, 'copy' | 'move'>): CopyOutcome['copied'] {
  return [...plan.copy, ...plan.move].map((c) => ({ alias: c.alias, from: c.entry.alias, type: c.entry.type }));
}

/** One line for people: what was copied, and what was not and why. */
export function describeCopy(outcome: Pick<CopyOutcome, 'copied' | 'skipped'>, from: string, to: string): string {
  const n = outcome.copied.length;
  const parts: string[] = [];
  if (n) parts.push(`Copied ${n === 1 ? `"${outcome.copied[0]!.alias}"` : `${n} entries`} from ${from} into ${to}.`);
  else parts.push(`Nothing was copied from ${from} into ${to}.`);
  for (const s of outcome.skipped.slice(0, 3)) parts.push(`Skipped "${s.alias}": ${s.reason}.`.replace(/\.\.$/, '.'));
  if (outcome.skipped.length > 3) parts.push(`${outcome.skipped.length - 3} more skipped.`);
  return parts.join(' ');
}
