// Output for people: aligned columns, colour on a TTY (NO_COLOR respected), fingerprints as keytool
// prints them.
import type { CertificateSummary } from '../shared/model/certificate';
import { colonHex } from '../shared/x509/hex';

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
export const style = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  cyan: paint('36'),
};

const ANSI_SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export function table(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  const all = header ? [header, ...rows] : rows;
  const visible = (s: string) => s.replace(ANSI_SGR, '').length;
  const widths: number[] = [];
  for (const row of all) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell))));
  const line = (row: readonly string[]) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - visible(cell)))).join('  ');
  const out = all.map((row, i) => (header && i === 0 ? style.bold(line(row)) : line(row)));
  return out.join('\n');
}

export function commonNameOf(dn: string): string {
  const m = /(?:^|,)CN=((?:\\.|[^,])*)/.exec(dn);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : dn;
}

export function daysLeft(notAfter: string, now = new Date()): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / 86_400_000);
}

export function expiry(cert: CertificateSummary, now = new Date()): string {
  const date = cert.notAfter.slice(0, 10);
  const days = daysLeft(cert.notAfter, now);
  if (Date.parse(cert.notBefore) > now.getTime()) return style.yellow(`${date} (not yet valid)`);
  if (days < 0) return style.red(`${date} (expired)`);
  if (days <= 30) return style.yellow(`${date} (${days} days)`);
  return date;
}

export function certificateBlock(cert: CertificateSummary, indent = '  '): string {
  const key = cert.curve ? `${cert.keyAlgorithm} ${cert.curve}` : `${cert.keyAlgorithm}${cert.keySize ? ` ${cert.keySize}` : ''}`;
  const lines: [string, string][] = [
    ['Subject', cert.subject],
    ['Issuer', cert.issuer],
    ['Serial', cert.serialNumber],
    ['Valid', `${cert.notBefore.slice(0, 10)} to ${expiry(cert)}`],
    ['Key', key],
    ['Signature', cert.signatureAlgorithm],
  ];
  if (cert.subjectAltNames.length) lines.push(['SANs', cert.subjectAltNames.join(', ')]);
  lines.push(['SHA-256', colonHex(cert.sha256)], ['SHA-1', colonHex(cert.sha1)]);
  const width = Math.max(...lines.map(([l]) => l.length));
  return lines.map(([label, value]) => `${indent}${style.dim(label.padEnd(width))}  ${value}`).join('\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
