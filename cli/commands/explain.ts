// `trustlens explain FILE|-`: a failure log (Java stack trace, Spring/Tomcat log, -Djavax.net.debug
// output, curl or openssl output) -> what it shows and what to do. No network. Work in explain-action.ts.
import type { Command } from 'commander';
import type { ExplainFlags } from './explain-action';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('explain a TLS failure from its log: the trust store, the failure, the chain, the missing certificate and the fix')
    .argument('<file>', 'the log file, or - for standard input')
    .option('--store <file...>', 'also look in these stores for the missing certificate')
    .option('--json', 'print one JSON document')
    .action(async (file: string, options: ExplainFlags) => {
      const { runExplain } = await import('./explain-action');
      await runExplain(file, options);
    });
}
