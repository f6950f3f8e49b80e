// What the store channels of the IPC contract answer (shared/ipc.ts re-exports them): exports written or
// offered as downloads, import plans, edits (import, copy, delete, rename, undo), saves and Save As.
import type { CertificateRole, CertificateSummary } from './certificate';
import type { EntryType, StoreListing } from './keystore';

/** One certificate written by an export (the CLI's --json `written` rows). */
export interface ExportedCertificate {
  readonly file: string;
  readonly subject: string;
  readonly role: CertificateRole;
  readonly sha256: string;
}

export interface ExportDownload {
  /** Suggested file name. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly certificates: readonly Omit<ExportedCertificate, 'file'>[];
}

export type ExportResult =
  | { readonly kind: 'written'; readonly folder: string; readonly written: readonly ExportedCertificate[]; readonly notes: readonly string[] }
  | { readonly kind: 'download'; readonly files: readonly ExportDownload[]; readonly notes: readonly string[] }
  | { readonly kind: 'cancelled' };

export interface PlannedCertificate {
  readonly sha256: string;
  /** The alias proposed (the person may change it before applyImport). PEM bundles: the alias it will be listed under. */
  readonly alias: string;
  readonly certificate: CertificateSummary;
}

export interface SkippedCertificate {
  readonly sha256: string;
  readonly certificate: CertificateSummary;
  /** The entry that already holds it, or null when the source repeats it. */
  readonly existingAlias: string | null;
  readonly reason: string;
}

export interface ImportPlanView {
  readonly storeId: string;
  readonly add: readonly PlannedCertificate[];
  readonly skipped: readonly SkippedCertificate[];
  readonly notes: readonly string[];
}

export interface StoreEditResult {
  /** The store as edited: `dirty` until saved. */
  readonly store: StoreListing;
}

/** What a copy between stores did: the target's new listing, the entries copied (under their new aliases), and the rest. */
export interface CopyOutcome extends StoreEditResult {
  readonly copied: readonly { readonly alias: string; readonly from: string; readonly type: EntryType }[];
  readonly skipped: readonly { readonly alias: string; readonly reason: string }[];
  readonly notes: readonly string[];
  /** The outcome in one line, for a notice. */
  readonly message: string;
}

export interface AppliedImport extends StoreEditResult {
  readonly added: readonly { readonly alias: string; readonly sha256: string }[];
}

/** How a save kept the file's other names, for the save notice. */
export interface SavedLinks {
  /** The file the path's symbolic link(s) lead to, which was written (the link kept); null: no link. */
  readonly through: string | null;
  /** The file's names (hard links), 1 for most files; more: written in place, so that all see the change. */
  readonly names: number;
}

export type SaveResult =
  | {
      readonly kind: 'saved';
      readonly file: string;
      readonly backup: string | null;
      readonly mtimeMs: number;
      readonly store: StoreListing;
      readonly links: SavedLinks;
    }
  | { readonly kind: 'changedOnDisk'; readonly message: string }
  | { readonly kind: 'download'; readonly name: string; readonly bytes: Uint8Array; readonly store: StoreListing }
  | { readonly kind: 'cancelled' };

/** An entry Save As could not carry into the new format, and why. */
export interface OmittedEntry {
  readonly alias: string;
  readonly type: EntryType;
  readonly reason: string;
}

export type SaveAsResult =
  | {
      readonly kind: 'saved';
      /** The same store id: from now on it stands for the new file. */
      readonly storeId: string;
      readonly file: string;
      readonly backup: string | null;
      readonly mtimeMs: number;
      readonly store: StoreListing;
      readonly omitted: readonly OmittedEntry[];
      readonly links: SavedLinks;
    }
  | { readonly kind: 'download'; readonly name: string; readonly bytes: Uint8Array; readonly omitted: readonly OmittedEntry[] }
  | { readonly kind: 'cancelled' };
