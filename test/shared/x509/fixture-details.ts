// The x509 fixtures (test/fixtures/x509/make.sh) described by TrustLens, with OpenSSL's -text beside
// them, and small finders for sections, rows and extensions of the result.
import { fileURLToPath } from 'node:url';
import type { CertificateDetails, DetailRow } from '../../../shared/model/details';
import { parseCertificate, type ParsedCertificate } from '../../../shared/x509/certificate';
import { describeCertificate } from '../../../shared/x509/describe';
import { nodeCrypto } from '../../support/crypto';
import { opensslDer, opensslText } from './openssl-text';

export const DIR = fileURLToPath(new URL('../../fixtures/x509/', import.meta.url));
export const FIXTURES = ['leaf-rich', 'ca', 'ec-p384', 'ed25519', 'rsa-pss', 'custom-ext', 'malformed-ext', 'expired'] as const;
export const NOW = new Date();
export const DAY = 86_400_000;

export interface Loaded {
  readonly file: string;
  /** `openssl x509 -text -noout` of the fixture. */
  readonly text: string;
  readonly details: CertificateDetails;
}

const cache = new Map<string, { file: string; text: string; cert: ParsedCertificate }>();

export function load(name: string, now = NOW): Loaded {
  let loaded = cache.get(name);
  if (!loaded) {
    const file = `${DIR}${name}.pem`;
    // DER from OpenSSL itself, so these tests do not lean on our PEM reader.
    loaded = { file, text: opensslText(file), cert: parseCertificate(opensslDer(['x509', '-in', file, '-outform', 'DER'])) };
    cache.set(name, loaded);
  }
  return { file: loaded.file, text: loaded.text, details: describeCertificate(loaded.cert, nodeCrypto, now) };
}

export function section(details: CertificateDetails, title: string): readonly DetailRow[] {
  const found = details.sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section ${title}`);
  return found.rows;
}

export function field(rows: readonly DetailRow[], label: string): DetailRow {
  const found = rows.find((r) => r.label === label);
  if (!found) throw new Error(`no row ${label} in ${rows.map((r) => r.label).join(', ')}`);
  return found;
}

export function extension(details: CertificateDetails, name: string): DetailRow {
  const found = section(details, 'Extensions').find((r) => r.label === name || r.label === `${name} (critical)`);
  if (!found) throw new Error(`no extension ${name}`);
  return found;
}

/** The values of rows (optionally only those with a label). */
export function values(rows: readonly DetailRow[] | undefined, label?: string): string[] {
  return (rows ?? []).filter((r) => !label || r.label === label).map((r) => r.value);
}
