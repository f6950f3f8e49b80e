// `trustlens probe TARGET` and `trustlens diagnose TARGET --truststore FILE`.
import { Option, type Command } from 'commander';
import { diagnoseRecord, probe } from '../../electron/services/probe-service';
import type { ClientProfile, Diagnosis, ProbeResult } from '../../shared/model/probe';
import { colonHex } from '../../shared/x509/hex';
import { EXIT } from '../exit';
import { certificateBlock, commonNameOf, printJson, style } from '../human';
import { openStoreFile } from '../open-store';
import { addPasswordOptions, parseTimeout, type PasswordFlags } from '../options';

interface ProbeFlags {
  servername?: string;
  timeout: number;
  json?: boolean;
}

function printProbe(result: ProbeResult): void {
  process.stdout.write(
    `${style.bold(`${result.host}:${result.port}`)} (${result.address}), SNI ${result.servername}\n` +
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

function printDiagnosis(diagnosis: Diagnosis): void {
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
    for (const cert of diagnosis.missing) process.stdout.write(`  ${cert.subject}\n    SHA-256 ${colonHex(cert.sha256)}\n`);
  }
}

function targetOptions(command: Command): Command {
  return command
    .option('--servername <name>', 'the SNI name to send (default: the host name)')
    .option('--timeout <ms>', 'give up after this many milliseconds', parseTimeout, 10_000)
    .option('--json', 'print one JSON document');
}

export function registerProbe(program: Command): void {
  targetOptions(
    program
      .command('probe')
      .description('connect with TLS and show exactly the certificates the server sends, in order')
      .argument('<target>', 'https://host[:port], host:port, or host'),
  ).action(async (target: string, options: ProbeFlags) => {
    const { result } = await probe(target, { servername: options.servername, timeoutMs: options.timeout });
    if (options.json) printJson(result);
    else printProbe(result);
  });

  addPasswordOptions(
    targetOptions(
      program
        .command('diagnose')
        .description('say whether a client would trust the server with this trust store, and what to import if not')
        .argument('<target>', 'https://host[:port], host:port, or host')
        .requiredOption('--truststore <file>', 'the trust store the client uses (JKS, PKCS#12, PEM, …)')
        .addOption(new Option('--client <profile>', 'which client to judge for').choices(['java', 'openssl']).default('java')),
    ),
  ).action(async (target: string, options: ProbeFlags & PasswordFlags & { truststore: string; client: ClientProfile }) => {
    const store = await openStoreFile(options.truststore, options);
    const { record } = await probe(target, { servername: options.servername, timeoutMs: options.timeout });
    const diagnosis = diagnoseRecord(target, record, store.decoded, options.client);
    if (options.json) printJson(diagnosis);
    else printDiagnosis(diagnosis);
    process.exitCode = diagnosis.trusted ? EXIT.ok : EXIT.untrusted;
  });
}
