// `trustlens copy SOURCE STORE`: copy entries of one keystore into another (the app's copy and paste
// between open stores). Only the options are defined here; what the command does is in copy-action.ts.
import type { Command } from 'commander';
import { addPasswordOptions, collect } from '../options';
import type { CopyFlags } from './copy-action';

export function registerCopy(program: Command): void {
  addPasswordOptions(
    program
      .command('copy')
      .description('copy entries of one keystore into another: trusted certificates, key entries as is into their own format, private keys between JKS, JCEKS and PKCS#12 re-protected with STORE\'s password')
      .argument('<source>', 'the keystore or certificate file to copy from')
      .argument('<store>', 'the JKS, JCEKS, PKCS#12 or PEM store to copy into (its password: --password)')
      .option('--alias <name>', 'an entry of SOURCE to copy (repeatable; default: all of them)', collect)
      .option('--from-password <password>', 'the password of SOURCE')
      .option('--key-password <password>', "the password of SOURCE's private keys, where it is not SOURCE's own (keys that move into another format)")
      .option('--create', 'create STORE if it does not exist (format from its extension: .jks, .jceks, .p12, .pem)')
      .option('--force', 'replace STORE even where it is read-only (its owner and mode are kept)')
      .option('--dry-run', 'say what would be copied without writing')
      .option('--json', 'print one JSON document'),
  ).action(async (source: string, file: string, options: CopyFlags) => {
    const { runCopy } = await import('./copy-action');
    await runCopy(source, file, options);
  });
}
