// `trustlens inspect FILE`: what a keystore or certificate file holds. Only the command's options are
// defined here; what it does is in inspect-action.ts, loaded when it runs, so other commands skip it.
import type { Command } from 'commander';
import { addPasswordOptions } from '../options';
import type { InspectFlags } from './inspect-action';

export function registerInspect(program: Command): void {
  addPasswordOptions(
    program
      .command('inspect')
      .description('list what a JKS, JCEKS, PKCS#12, BKS, PEM, DER, PkiPath or PKCS#7 file holds')
      .argument('<file>', 'the keystore or certificate file')
      .option('--json', 'print one JSON document')
      .option('-v, --verbose', 'show every certificate in full')
      .option('--revocation', "check each entry's certificate with its CA (OCSP, else CRL); its issuer must be in the chain or the store")
      .option('--no-download', 'with --revocation: fetch nothing (every certificate is then unchecked)')
      .option('--expiring <days>', 'list only the entries that expire within DAYS days or have expired, soonest first (exit 1 if any)'),
  ).action(async (file: string, options: InspectFlags) => {
    const { runInspect } = await import('./inspect-action');
    await runInspect(file, options);
  });
}
