// `trustlens asn1 FILE [--alias A] [--certificate N]`: the ASN.1 structure of a certificate, as the app's
// ASN.1 view shows it (like `openssl asn1parse -i`, with OID names and the DER inside extensions opened).
// Only the options are here; what it does is in asn1-action.ts, loaded when it runs.
import type { Command } from 'commander';
import { addPasswordOptions } from '../options';
import type { Asn1Flags } from './asn1-action';

export function registerAsn1(program: Command): void {
  addPasswordOptions(
    program
      .command('asn1')
      .description("show a certificate's ASN.1 structure: offsets, lengths, tags and decoded values")
      .argument('<file>', 'a certificate or keystore file (any format inspect reads)')
      .option('--alias <alias>', 'the entry to show (default: the first with a certificate)')
      .option('--certificate <n>', "which certificate of the entry's chain, 1 for its own (default 1)")
      .option('--json', 'print one JSON document'),
  ).action(async (file: string, options: Asn1Flags) => {
    const { runAsn1 } = await import('./asn1-action');
    await runAsn1(file, options);
  });
}
