// Export certificates as files: PEM or DER, one file per certificate named from its subject and role
// ("digicert-global-root-g2.pem", "www.example.test-leaf.pem"); the chain in one file (a PEM bundle, a
// PKCS#7 .p7b, or a PKI Path: Java's DER SEQUENCE OF Certificate, .pkipath); or each certificate's public
// key (SubjectPublicKeyInfo as PEM "PUBLIC KEY" or DER, what `openssl x509 -pubkey` prints). File names
// are ones a shell takes without quotes: lower case, no spaces or parentheses, the port of a probed
// target kept ("localhost-8443-chain.pem"). Building the files is separate from writing them, so browser
// mode can offer them as downloads. Writing never replaces a different file: a name already taken gets a
// number, an identical file is kept.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileError, TrustLensError, UsageError } from '../../../shared/errors';
import { encodePkcs7Pem } from '../../../shared/formats/pkcs7/writer';
import { certificatePem, pemBundle } from '../../../shared/formats/pem/writer';
import { toPem } from '../../../shared/x509/pem';
import type { ExportDownload, ExportedCertificate, ExportResult } from '../../../shared/ipc';
import { equalBytes, parseCertificate } from '../../../shared/x509/certificate';
import { nameAttribute } from '../../../shared/x509/names';
import type { SourceCertificate } from './certificate-sources';

export type ExportFormat = 'pem' | 'der' | 'p7b' | 'pem-chain' | 'pkipath' | 'pubkey-pem' | 'pubkey-der';

export interface ExportFile {
  /** A file name (no folder), safe on Windows, macOS and Linux. */
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly certificates: readonly SourceCertificate[];
}

export type { ExportedCertificate };

const MAX_NAME_LENGTH = 120;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The name people know a certificate by: its CN, else its OU or O. */
export function displayName(der: Uint8Array): string {
  const subject = parseCertificate(der).asn.tbsCertificate.subject;
  return nameAttribute(subject, 'CN') ?? nameAttribute(subject, 'OU') ?? nameAttribute(subject, 'O') ?? 'certificate';
}

/**
 * A name a shell takes as it is: lower case ASCII letters, digits, '.', '_' and '-' (accents dropped,
 * everything else a '-'), no leading dot or dash. "TrustLens Test Root CA" -> "trustlens-test-root-ca".
 */
export function shellFileName(text: string, fallback = 'certificate'): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  let name = ascii.replace(/[^a-z0-9._-]+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  if (name.length > MAX_NAME_LENGTH) name = name.slice(0, MAX_NAME_LENGTH).replace(/[-.]+$/, '');
  if (!name) name = fallback;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  return name;
}

/** Words of a name that already say the role, so "…-root-ca" does not become "…-root-ca-root". */
const ROLE_WORDS: Record<SourceCertificate['summary']['role'], RegExp> = {
  root: /(^|-)root(-|$)/,
  intermediate: /(^|-)(intermediate|sub|issuing)(-|$)/,
  leaf: /(^|-)leaf(-|$)/,
};

/** A certificate's file stem: its name, and its role where the name does not say it. */
function certificateStem(cert: SourceCertificate): string {
  const name = shellFileName(displayName(cert.der));
  return ROLE_WORDS[cert.summary.role].test(name) ? name : `${name}-${cert.summary.role}`;
}

/** "stem.ext", or "stem-2.ext", "stem-3.ext", … whichever is not in `taken` (compared ignoring case). */
function uniqueName(stem: string, ext: string, taken: Set<string>): string {
  let name = `${stem}.${ext}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}.${ext}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * A PKI Path as Java's CertPath.getEncoded("PkiPath") writes it (JDK 17 X509CertPath.encodePKIPATH walks
 * its list from the end): a DER SEQUENCE OF Certificate from the anchor's side, so the leaf comes last.
 * `ders` is leaf first, as chains are listed everywhere else.
 */
export function encodePkiPath(ders: readonly Uint8Array[]): Uint8Array {
  const body = [...ders].reverse();
  const length = body.reduce((n, der) => n + der.length, 0);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n % 256);
  const header = length < 0x80 ? [0x30, length] : [0x30, 0x80 | octets.length, ...octets];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let at = header.length;
  for (const der of body) {
    out.set(der, at);
    at += der.length;
  }
  return out;
}

/** The chain in one file: a PKCS#7 bundle, a PEM bundle (leaf first, as servers are configured), or a PKI Path. */
function chainFile(certificates: readonly SourceCertificate[], format: 'p7b' | 'pem-chain' | 'pkipath', bundleName: string): ExportFile {
  const ders = certificates.map((c) => c.der);
  const stem = shellFileName(bundleName, 'certificates');
  if (format === 'p7b') return { name: `${stem}.p7b`, bytes: new TextEncoder().encode(encodePkcs7Pem(ders)), certificates };
  if (format === 'pkipath') return { name: `${stem}.pkipath`, bytes: encodePkiPath(ders), certificates };
  return { name: `${stem}.pem`, bytes: new TextEncoder().encode(pemBundle(ders)), certificates };
}

/** The files an export writes. `bundleName` names a one-file chain ("localhost-8443-chain", the source file's name). */
export function exportFiles(certificates: readonly SourceCertificate[], format: ExportFormat, bundleName: string): ExportFile[] {
  if (certificates.length === 0) throw new UsageError('There are no certificates to export: none matches the roles chosen.');
  if (format === 'p7b' || format === 'pem-chain' || format === 'pkipath') return [chainFile(certificates, format, bundleName)];
  const taken = new Set<string>();
  return certificates.map((cert) => {
    if (format === 'pubkey-pem' || format === 'pubkey-der') {
      const spki = parseCertificate(cert.der).spkiDer;
      const bytes = format === 'pubkey-pem' ? new TextEncoder().encode(toPem(spki, 'PUBLIC KEY')) : spki.slice();
      return { name: uniqueName(`${certificateStem(cert)}-pubkey`, format === 'pubkey-pem' ? 'pem' : 'der', taken), bytes, certificates: [cert] };
    }
    const bytes = format === 'pem' ? new TextEncoder().encode(certificatePem(cert.der)) : cert.der;
    return { name: uniqueName(certificateStem(cert), format, taken), bytes, certificates: [cert] };
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
    const file = path.join(dir, n === 1 ? name : `${stem}-${n}${ext}`);
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
