// What `trustlens export SOURCE --out DIR` does (registered in export.ts, loaded when it runs): write a
// server's or a file's certificates as PEM, DER or PKCS#7 files. Also where `import` gets its SOURCE
// from: a file (any format `inspect` reads) or a TARGET (probed).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import {
  chooseCertificates as chooseFrom,
  parseRoles,
  probedCertificates,
  storeCertificates,
  type CertificateSource,
  type SourceCertificate,
} from '../../electron/services/stores/certificate-sources';
import { exportFiles, writeExportFiles, type ExportFormat, type ExportedCertificate } from '../../electron/services/stores/export-service';
import { probe } from '../../electron/services/diagnosis/probe-service';
import type { CertificateRole } from '../../shared/model/certificate';
import { colonHex } from '../../shared/x509/hex';
import { commonNameOf, printJson, style, table } from '../human';
import { openOtherStore, openStoreFile } from '../open-store';
import { probeOptions, type NetworkFlags, type PasswordFlags } from '../options';

const FILE_EXTENSIONS = /\.(pem|crt|cer|der|p7b|p7c|jks|jceks|p12|pfx|keystore|truststore|ks|bks)$/i;

/** A SOURCE argument is a TARGET when it is a URL, or names no existing file and does not look like a path. */
export function isTargetArgument(source: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return true;
  if (existsSync(source)) return false;
  return !/[/\\]/.test(source) && !FILE_EXTENSIONS.test(source);
}

export interface SourceFlags extends NetworkFlags {
  truststore?: string;
  truststorePassword?: string;
}

/** The certificates of SOURCE: a file's (opened with `filePassword`), or what a probed server sent. */
export async function loadCertificateSource(source: string, flags: SourceFlags, filePassword: PasswordFlags): Promise<CertificateSource & { bundleName: string }> {
  if (!isTargetArgument(source)) {
    const opened = await openStoreFile(source, filePassword);
    const name = path.basename(source);
    return { ...storeCertificates(name, opened.decoded), bundleName: name.replace(/\.[^.]+$/, '') || name };
  }
  // Open the trust store first: a wrong password should fail before any network traffic.
  const trustStore = flags.truststore ? await openOtherStore(flags.truststore, flags.truststorePassword !== undefined ? { password: flags.truststorePassword } : filePassword, '--truststore-password') : undefined;
  const { record } = await probe(source, probeOptions(flags));
  const label = record.host.includes(':') ? `[${record.host}]:${record.port}` : `${record.host}:${record.port}`;
  return { ...probedCertificates(label, record, trustStore?.decoded, undefined, flags.truststore), bundleName: `${record.servername || record.host}-${record.port}-chain` };
}

/** The certificates of the roles --certs asks for. */
export function chooseCertificates(source: CertificateSource, roles: ReadonlySet<CertificateRole>): SourceCertificate[] {
  return chooseFrom(source, roles, 'choose others with --certs');
}

export function printNotes(notes: readonly string[]): void {
  for (const note of notes) process.stdout.write(`${style.yellow('!')} ${note}\n`);
}

export function roleLabel(role: CertificateRole): string {
  return { leaf: 'leaf', intermediate: 'intermediate', root: 'root' }[role];
}

function printWritten(written: readonly ExportedCertificate[], folder: string): void {
  const files = new Set(written.map((w) => w.file));
  process.stdout.write(`Wrote ${files.size} file${files.size === 1 ? '' : 's'} to ${style.bold(folder)}:\n`);
  const rows = written.map((w) => [path.basename(w.file), roleLabel(w.role), commonNameOf(w.subject), colonHex(w.sha256)]);
  process.stdout.write(`${table(rows, ['FILE', 'ROLE', 'SUBJECT', 'SHA-256'])}\n`);
}

export interface ExportFlags extends SourceFlags, PasswordFlags {
  out: string;
  certs: string;
  format: ExportFormat;
  json?: boolean;
}

export async function runExport(source: string, options: ExportFlags): Promise<void> {
  const roles = parseRoles(options.certs);
  const loaded = await loadCertificateSource(source, options, options);
  const chosen = chooseCertificates(loaded, roles);
  const written = await writeExportFiles(options.out, exportFiles(chosen, options.format, loaded.bundleName));
  const folder = path.resolve(options.out);
  if (options.json) {
    printJson({ source: loaded.label, format: options.format, out: folder, written, notes: loaded.notes });
    return;
  }
  printWritten(written, folder);
  printNotes(loaded.notes);
}
