// Export certificates as files: PEM or DER, one file per certificate named from its subject and role
// ("DigiCert Global Root G2 (root).pem"), or one PKCS#7 bundle (.p7b, "-----BEGIN PKCS7-----") holding all
// of them. Building the files is separate from writing them, so browser mode can offer them as downloads.
// Writing never replaces a different file: a name already taken gets a number, an identical file is kept.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileError, TrustLensError, UsageError } from '../../../shared/errors';
import { encodePkcs7Pem } from '../../../shared/formats/pkcs7/writer';
import { certificatePem } from '../../../shared/formats/pem/writer';
import type { ExportDownload, ExportedCertificate, ExportResult } from '../../../shared/ipc';
import { equalBytes, parseCertificate } from '../../../shared/x509/certificate';
import { nameAttribute } from '../../../shared/x509/names';
import type { SourceCertificate } from './certificate-sources';

export type ExportFormat = 'pem' | 'der' | 'p7b';

export interface ExportFile {
  /** A file name (no folder), safe on Windows, macOS and Linux. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly certificates: readonly SourceCertificate[];
}

export type { ExportedCertificate };

const MAX_NAME_LENGTH = 120;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** A file name made from free text: no path separators, reserved characters or names, bounded length. */
export function safeFileName(text: string, fallback = 'certificate'): string {
  let name = [...text]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? '_' : ch))
    .join('')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (name.length > MAX_NAME_LENGTH) name = [...name].slice(0, MAX_NAME_LENGTH).join('').replace(/[.\s]+$/, '');
  if (!name) name = fallback;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name;
}

/** The name people know a certificate by: its CN, else its OU or O. */
export function displayName(der: Uint8Array): string {
  const subject = parseCertificate(der).asn.tbsCertificate.subject;
  return nameAttribute(subject, 'CN') ?? nameAttribute(subject, 'OU') ?? nameAttribute(subject, 'O') ?? 'certificate';
}

/** "stem.ext", or "stem 2.ext", "stem 3.ext", … whichever is not in `taken` (compared ignoring case). */
function uniqueName(stem: string, ext: string, taken: Set<string>): string {
  let name = `${stem}.${ext}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem} ${n}.${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The files an export writes. `bundleName` names the .p7b (e.g. the host or the source file's name). */
export function exportFiles(certificates: readonly SourceCertificate[], format: ExportFormat, bundleName: string): ExportFile[] {
  if (certificates.length === 0) throw new UsageError('There are no certificates to export: none matches the roles chosen.');
  if (format === 'p7b') {
    const bytes = new TextEncoder().encode(encodePkcs7Pem(certificates.map((c) => c.der)));
    return [{ name: `${safeFileName(bundleName, 'certificates')}.p7b`, bytes, certificates }];
  }
  const taken = new Set<string>();
  return certificates.map((cert) => {
    const stem = safeFileName(`${displayName(cert.der)} (${cert.summary.role})`);
    const bytes = format === 'pem' ? new TextEncoder().encode(certificatePem(cert.der)) : cert.der;
    return { name: uniqueName(stem, format, taken), bytes, certificates: [cert] };
  });
}

async function sameContent(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size !== bytes.length) return false;
    return equalBytes(new Uint8Array(await fs.readFile(file)), bytes);
  } catch {
    return false;
  }
}

/** Write one file under `name` or the next free numbered name; an identical existing file is kept as is. */
async function writeNew(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; n < 1000; n++) {
    const file = path.join(dir, n === 1 ? name : `${stem} ${n}${ext}`);
    if (await sameContent(file, bytes)) return file;
    try {
      await fs.writeFile(file, bytes, { flag: 'wx', mode: 0o644 });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new FileError('FILE_ERROR', `${path.join(dir, name)} and 999 numbered names beside it are taken; choose another folder.`);
}

/** Write the files into `dir` (created if missing); returns one row per certificate written. */
export async function writeExportFiles(dir: string, files: readonly ExportFile[]): Promise<ExportedCertificate[]> {
  const folder = path.resolve(dir);
  try {
    await fs.mkdir(folder, { recursive: true });
    const written: ExportedCertificate[] = [];
    for (const exportFile of files) {
      const file = await writeNew(folder, exportFile.name, exportFile.bytes);
      for (const cert of exportFile.certificates) {
        written.push({ file, subject: cert.summary.subject, role: cert.summary.role, sha256: cert.summary.sha256 });
      }
    }
    return written;
  } catch (error) {
    if (error instanceof TrustLensError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'EEXIST') throw new FileError('FILE_ERROR', `${folder} is not a folder; give a folder for --out.`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new FileError('FILE_ERROR', `${folder} cannot be written to: permission denied; choose another folder.`);
    throw new FileError('FILE_ERROR', `Could not write into ${folder} (${code ?? String(error)}).`);
  }
}

/** The files as downloads for browser mode: names, bytes and what each holds. */
export function downloads(files: readonly ExportFile[]): ExportDownload[] {
  return files.map((file) => ({
    name: file.name,
    bytes: file.bytes,
    certificates: file.certificates.map((c) => ({ subject: c.summary.subject, role: c.summary.role, sha256: c.summary.sha256 })),
  }));
}

/**
 * Deliver an export: into `folder` when given, else into the folder `chooseFolder` returns (Electron's
 * dialog; null when cancelled), else as downloads (browser mode).
 */
export async function deliverExport(
  files: readonly ExportFile[],
  notes: readonly string[],
  folder: string | undefined,
  chooseFolder?: () => Promise<string | null>,
): Promise<ExportResult> {
  let target = folder;
  if (target === undefined && chooseFolder) {
    const chosen = await chooseFolder();
    if (chosen === null) return { kind: 'cancelled' };
    target = chosen;
  }
  if (target === undefined) return { kind: 'download', files: downloads(files), notes };
  return { kind: 'written', folder: path.resolve(target), written: await writeExportFiles(target, files), notes };
}
