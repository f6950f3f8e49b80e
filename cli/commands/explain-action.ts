// What `trustlens explain` does (registered in explain.ts).
import { promises as fs } from 'node:fs';
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { explainOnMachine } from '../../electron/services/machine/explain-on-machine';
import { FileError, UsageError } from '../../shared/errors';
import type { LogExplanation, LoggedCertificate } from '../../shared/model/explanation';
import { printJson, style } from '../human';

export interface ExplainFlags {
  store?: string[];
  json?: boolean;
}

/** Logs beyond this are cut: a debug log of `all` with a big cacerts is a few MB. */
const MAX_BYTES = 64 * 1024 * 1024;

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new UsageError(`${file} is a folder: give the log file (or - to read standard input).`);
    if (stat.size > MAX_BYTES) throw new UsageError(`${file} is larger than 64 MB: give the part of the log around the failure.`);
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_ERROR', code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read (${code ?? 'error'}).`);
  }
}

function certLine(cert: LoggedCertificate): string {
  const serial = cert.serialNumber ? `  serial ${cert.serialNumber}` : '';
  const validity = cert.notAfter ? `  ${cert.notBefore?.slice(0, 10) ?? '?'} to ${cert.notAfter.slice(0, 10)}` : '';
  return `${cert.subject}\n      ${style.dim(`issued by ${cert.issuer}${serial}${validity}`)}`;
}

function print(result: LogExplanation): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`${style.bold('Read as:')} ${result.kinds.join(', ')}`);
  if (result.host) out(`${style.bold('Server:')} ${result.host}${result.port !== undefined ? `:${result.port}` : ''}`);
  if (result.failure) out(`${style.bold('Failure:')} ${style.red(result.failure.class)}  ${result.failure.message}`);
  if (result.trustStore) {
    out(`${style.bold('Trust store:')} ${result.trustStore.path}${result.trustStore.type ? ` (type ${result.trustStore.type})` : ''}`);
    for (const skipped of result.trustStore.skipped ?? []) out(`  ${style.yellow(`skipped ${skipped}: not a readable file, so Java read the one above`)}`);
  }
  if (result.trusted) out(`${style.bold('It trusted')} ${result.trusted.length} certificate${result.trusted.length === 1 ? '' : 's'}${result.trusted.length <= 5 ? `:\n${result.trusted.map((c) => `    ${certLine(c)}`).join('\n')}` : ''}`);
  if (result.chain) {
    out(style.bold(`The server sent ${result.chain.length} certificate${result.chain.length === 1 ? '' : 's'}:`));
    result.chain.forEach((cert, i) => {
      const here = result.chainOnMachine?.find((m) => m.index === i)?.matches[0];
      out(`  ${i + 1}. ${certLine(cert)}${here ? `\n      ${style.dim(`on this machine: ${here.file} as "${here.alias}"`)}` : ''}`);
    });
  }
  const d = result.diagnosis;
  if (d) {
    out(`\n${style.red(d.code)}  ${d.message}`);
    if (d.missingIssuer) out(`  ${style.bold('Missing:')} ${d.missingIssuer.name}${d.missingIssuer.keyId ? style.dim(` (key identifier ${d.missingIssuer.keyId})`) : ''}`);
    for (const m of d.foundOnMachine ?? []) out(`  ${style.green('On this machine:')} ${m.file}, alias "${m.alias}"`);
    out(`  ${style.bold('Fix:')} ${d.fix}`);
    if (d.commands?.length) out(`\n  To add it (trustlens keeps a backup of the store):\n${d.commands.map((c) => `    ${c}`).join('\n')}`);
  }
  if (result.notShown.length) {
    out(`\n${style.bold('The log does not show:')}`);
    for (const line of result.notShown) out(`  - ${line}`);
  }
}

export async function runExplain(file: string, options: ExplainFlags): Promise<void> {
  const text = await readInput(file);
  if (!text.trim()) throw new UsageError(`${file === '-' ? 'standard input' : file} is empty: paste or give the log around the failure.`);
  const result = await explainOnMachine(text, { crypto: nodeCrypto, stores: options.store ?? [] });
  if (options.json) printJson(result);
  else print(result);
}
