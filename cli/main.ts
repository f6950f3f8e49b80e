// The `trustlens` command line: the same services as the desktop app, for servers, scripts and CI.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../shared/version';
import { EXIT, reportError } from './exit';
import { registerAsn1 } from './commands/asn1';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerInspect } from './commands/inspect';
import { registerProbe } from './commands/probe';
import { registerWeb } from './commands/web';
import { registerStores } from './commands/stores';
import { registerExplain } from './commands/explain';
import { registerConvert } from './commands/convert';
import { registerCopy } from './commands/copy';

// A reader that goes away (`trustlens inspect big.jks | head`) is not an error worth a stack trace: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
});

async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = new Command('trustlens')
    .description('Inspect trust stores, fetch TLS chains, and find out why a handshake fails.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces on errors')
    .showHelpAfterError('(run trustlens --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerInspect(program);
  registerProbe(program);
  registerExport(program);
  registerImport(program);
  registerWeb(program);
  registerAsn1(program);
  registerStores(program);
  registerExplain(program);
  registerConvert(program);
  registerCopy(program);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(error, debug);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, true);
  },
);
