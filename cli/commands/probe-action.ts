// What `trustlens probe TARGET` and `trustlens diagnose TARGET --truststore FILE` do (registered in
// probe.ts, loaded when one of them runs).
import { diagnoseOnMachine, probe } from '../../electron/services/probe-service';
import type { ClientProfile, Diagnosis, ProbeResult } from '../../shared/model/probe';
import { colonHex } from '../../shared/x509/hex';
import { EXIT } from '../exit';
import { certificateBlock, commonNameOf, printJson, style } from '../human';
import { openStoreFile } from '../open-store';
import { probeOptions, type NetworkFlags, type PasswordFlags } from '../options';

export interface ProbeFlags extends NetworkFlags {
  json?: boolean;
}

function printProbe(result: ProbeResult): void {
  process.stdout.write(
    `${style.bold(`${result.host}:${result.port}`)} ${result.proxy ? `through the proxy ${result.proxy}` : `(${result.address})`}, ${result.servername ? `SNI ${result.servername}` : 'no SNI (an IP address is not sent as a name)'}\n` +
      `${result.protocol}, ${result.cipher}${result.alpn ? `, ALPN ${result.alpn}` : ''}\n\n` +
      `The server sent ${result.sent.length} certificate${result.sent.length === 1 ? '' : 's'}:\n`,
  );
  result.sent.forEach((cert, i) => {
    process.stdout.write(`\n${style.bold(`#${i + 1}`)} ${commonNameOf(cert.subject)}\n${certificateBlock(cert, '   ')}\n`);
  });
  if (result.chainIssues.length) {
    process.stdout.write('\nChain issues:\n');
    for (const issue of result.chainIssues) process.stdout.write(`  ${style.yellow(issue.code)}  ${issue.message}\n`);
  }
}

/** A word for a shell: quoted when it holds anything but the plain characters of paths, hosts and URLs. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `trustlens import` that adds what the diagnosis found missing, when TrustLens can get all of it:
 * the root (or self-signed certificate) the server sent, or the issuers this machine has in one store.
 * The store's password is asked for on the terminal unless it came from a variable or a file.
 */
export function importCommand(diagnosis: Diagnosis, target: string, options: DiagnoseFlags): string | null {
  if (diagnosis.trusted || diagnosis.missing.length === 0) return null;
  const args = ['trustlens', 'import', options.truststore, '--from', target];
  const code = diagnosis.problems[0]?.code;
  const files = new Set(diagnosis.missing.map((cert) => cert.foundIn?.file ?? null));
  if (code === 'SELF_SIGNED') args.push('--certs', 'leaf');
  else if (code === 'UNTRUSTED_ROOT' && files.size === 1 && files.has(null)) args.push('--certs', 'root');
  else if (files.size === 1 && !files.has(null)) {
    const [first] = diagnosis.missing;
    args.push('--truststore', first!.foundIn!.file);
    if (first!.foundIn!.password !== undefined) args.push('--truststore-password', first!.foundIn!.password);
    args.push('--certs', diagnosis.missing.some((cert) => cert.role === 'intermediate') ? 'root,intermediates' : 'root');
  } else return null;
  if (options.servername) args.push('--servername', options.servername);
  if (typeof options.proxy === 'string') args.push('--proxy', options.proxy);
  else if (options.proxy === false) args.push('--no-proxy');
  if (options.passwordEnv) args.push('--password-env', options.passwordEnv);
  else if (options.passwordFile) args.push('--password-file', options.passwordFile);
  return args.map(shellWord).join(' ');
}

function printDiagnosis(diagnosis: Diagnosis, command: string | null): void {
  const verdict = diagnosis.trusted
    ? style.green(`TRUSTED: a ${diagnosis.client} client would trust ${diagnosis.target} with this trust store.`)
    : style.red(`NOT TRUSTED: a ${diagnosis.client} client would reject ${diagnosis.target} with this trust store.`);
  process.stdout.write(`${verdict}\n\nPath (leaf to anchor):\n`);
  diagnosis.path.forEach((cert, i) => {
    const where = cert.source === 'truststore' ? `in trust store as "${cert.trustStoreAlias}"` : cert.trustStoreAlias ? `sent; in trust store as "${cert.trustStoreAlias}"` : 'sent by the server';
    process.stdout.write(`  ${i + 1}. ${commonNameOf(cert.subject)}  ${style.dim(where)}\n`);
  });
  if (diagnosis.problems.length) {
    process.stdout.write('\nProblems:\n');
    for (const p of diagnosis.problems) process.stdout.write(`  ${style.red(p.code)}  ${p.message}\n    ${style.dim('Fix:')} ${p.fix}\n`);
  }
  if (diagnosis.missing.length) {
    process.stdout.write('\nThe trust store would need:\n');
    for (const cert of diagnosis.missing) {
      const where = cert.foundIn ? `\n    ${style.dim(`on this machine: ${cert.foundIn.label} at ${cert.foundIn.file}, alias "${cert.foundIn.alias}"`)}` : '';
      process.stdout.write(`  ${cert.subject}\n    SHA-256 ${colonHex(cert.sha256)}${where}\n`);
    }
  }
  if (command) process.stdout.write(`\nTo add it (a backup of the store is kept; --dry-run shows the plan first):\n  ${command}\n`);
}

/** The flags of `diagnose`. */
export interface DiagnoseFlags extends ProbeFlags, PasswordFlags {
  truststore: string;
  client: ClientProfile;
}

export async function runProbe(target: string, options: ProbeFlags): Promise<void> {
  const { result } = await probe(target, probeOptions(options));
  if (options.json) printJson(result);
  else printProbe(result);
}

export async function runDiagnose(target: string, options: DiagnoseFlags): Promise<void> {
  const store = await openStoreFile(options.truststore, options);
  const { record } = await probe(target, probeOptions(options));
  const diagnosis = await diagnoseOnMachine(target, record, store.decoded, options.truststore, options.client);
  if (options.json) printJson(diagnosis);
  else {
    printDiagnosis(diagnosis, importCommand(diagnosis, target, options));
    if (record.proxy) process.stdout.write(style.dim(`\nReached ${target} through the proxy ${record.proxy}.\n`));
  }
  process.exitCode = diagnosis.trusted ? EXIT.ok : EXIT.untrusted;
}
