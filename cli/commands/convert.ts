// `trustlens convert STORE --out FILE [--format F]`: the app's Save As on the command line — the store
// written to another file, in its own or another format. Only the options are here; what it does is in
// convert-action.ts, loaded when it runs.
import { Option, type Command } from 'commander';
import { addPasswordOptions } from '../options';
import type { ConvertFlags } from './convert-action';

export function registerConvert(program: Command): void {
  addPasswordOptions(
    program
      .command('convert')
      .description('write a store to another file, in its own or another format (the app’s Save As)')
      .argument('<store>', 'the store to read (any format inspect reads)')
      .requiredOption('--out <file>', 'the file to write; a new file takes the mode (and owner, as root) of STORE')
      .addOption(new Option('--format <format>', 'the format to write (default: from --out’s extension, else STORE’s own)').choices(['jks', 'jceks', 'pkcs12', 'pem', 'bks', 'uber', 'bcfks']))
      .option('--out-password <password>', 'the password of the new store (default: STORE’s own)')
      .option('--replace', 'replace --out when it exists (the original is kept as a backup)')
      .option('--json', 'print one JSON document'),
  ).action(async (store: string, options: ConvertFlags) => {
    const { runConvert } = await import('./convert-action');
    await runConvert(store, options);
  });
}
