// `trustlens stores [--scan DIR…]`: which trust stores this machine's Java applications really read,
// and why. Only the options are here; stores-action.ts does the work, loaded when the command runs.
import type { Command } from 'commander';
import type { StoresFlags } from './stores-action';

export function registerStores(program: Command): void {
  program
    .command('stores')
    .description('list the trust stores running JVMs, config files and installed JDKs use, and why')
    .option('--scan <dir...>', 'also look for trust stores named in config files under these folders (or these files)')
    .option('--json', 'print one JSON document')
    .action(async (options: StoresFlags) => {
      const { runStores } = await import('./stores-action');
      await runStores(options);
    });
}
