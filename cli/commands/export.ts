// `trustlens export SOURCE --out DIR`: write a server's or a file's certificates as PEM, DER or PKCS#7
// files. Only the options are defined here (and the SOURCE options `import` shares); what the command
// does is in export-action.ts, loaded when it runs.
import { Option, type Command } from 'commander';
import { addNetworkOptions, addPasswordOptions } from '../options';
import type { ExportFlags } from './export-action';

/** The --format values (export-service.ts's ExportFormat). */
const EXPORT_FORMATS = ['pem', 'der', 'p7b', 'pem-chain', 'pkipath', 'pubkey-pem', 'pubkey-der'];

/** Options for a SOURCE that may be a TARGET. */
export function sourceOptions(command: Command): Command {
  return addNetworkOptions(
    command
      .option('--certs <roles>', 'which certificates: root, intermediates, leaf (comma-separated) or all', 'root,intermediates')
      .option('--truststore <file>', 'for a TARGET that does not send its root: a trust store that holds it')
      .option('--truststore-password <password>', 'the password of --truststore (default: --password)'),
    'for a TARGET: ',
  ).option('--json', 'print one JSON document');
}

export function registerExport(program: Command): void {
  addPasswordOptions(
    sourceOptions(
      program
        .command('export')
        .description("write a server's or a file's certificates, chain or public keys as PEM, DER, PKCS#7 or PkiPath files")
        .argument('<source>', 'a keystore or certificate file, or a TARGET (https://host[:port], host:port, host)')
        .requiredOption('--out <dir>', 'the folder to write into (created if missing)')
        .addOption(
          new Option('--format <format>', 'pem or der (a file per certificate); p7b (PKCS#7), pem-chain (one PEM bundle) or pkipath (Java PkiPath), one file for all; pubkey-pem or pubkey-der (each certificate’s public key)')
            .choices(EXPORT_FORMATS)
            .default('pem'),
        ),
    ),
  ).action(async (source: string, options: ExportFlags) => {
    const { runExport } = await import('./export-action');
    await runExport(source, options);
  });
}
