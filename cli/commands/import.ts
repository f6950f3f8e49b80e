// `trustlens import STORE --from SOURCE`: add a server's or a file's CA certificates to a JKS, JCEKS,
// PKCS#12 or PEM trust store. Only the options are defined here; what the command does is in
// import-action.ts, loaded when it runs.
import type { Command } from 'commander';
import { addPasswordOptions } from '../options';
import { sourceOptions } from './export';
import type { ImportFlags } from './import-action';

export function registerImport(program: Command): void {
  addPasswordOptions(
    sourceOptions(
      program
        .command('import')
        .description('add certificates from a file or a server to a JKS, JCEKS, PKCS#12 or PEM trust store')
        .argument('<store>', 'the trust store to add to')
        .requiredOption('--from <source>', 'a certificate or keystore file, or a TARGET (https://host[:port], host:port, host)')
        .option('--from-password <password>', 'the password of a --from keystore file')
        .option('--alias <name>', 'the alias to use (several certificates: NAME, NAME-2, …)')
        .option('--create', 'create STORE if it does not exist (format from its extension: .jks, .jceks, .p12, .pem)')
        .option('--force', 'replace STORE even where it is read-only (its owner and mode are kept)')
        .option('--dry-run', 'say what would be added without writing'),
    ),
  ).action(async (file: string, options: ImportFlags) => {
    const { runImport } = await import('./import-action');
    await runImport(file, options);
  });
}
