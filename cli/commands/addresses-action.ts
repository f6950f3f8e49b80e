// `probe --all-addresses` and `diagnose --all-addresses`: every address behind the name, side by side,
// which serve which chain, which differ and which fail (loaded from probe-action.ts when asked for).
import { addressDifferences, addressProbes, addressVerdict, atAddress, diagnoseAddresses, probeAddresses, targetAddresses, type AddressOutcome } from '../../electron/services/diagnosis/all-addresses';
import { diagnoseOnMachine } from '../../electron/services/diagnosis/probe-service';
import type { DecodedStore } from '../../shared/formats/codec';
import type { AddressProbe } from '../../shared/model/probe';
import { EXIT } from '../exit';
import { commonNameOf, printJson, style, table } from '../human';
import { probeOptions } from '../options';
import { fixCommands, printDiagnosis, printProbe, type DiagnoseFlags, type ProbeFlags } from './probe-action';

async function probeAll(target: string, options: ProbeFlags): Promise<{ outcomes: AddressOutcome[]; first: AddressOutcome }> {
  const network = probeOptions(options);
  const addresses = await targetAddresses(target, network);
  const outcomes = await probeAddresses(target, addresses, network);
  const first = outcomes.find((o) => o.record);
  // No address answered: that is a network failure (exit 4), as one address's would be.
  if (!first) throw outcomes[0]!.error!;
  return { outcomes, first };
}

function chainText(probe: AddressProbe): string {
  return probe.error ? style.red(probe.error) : probe.sent.map((cert) => commonNameOf(cert.subject)).join(' → ') || '(no certificates)';
}

function printAddresses(probes: readonly AddressProbe[], withVerdict: boolean): void {
  const rows = probes.map((p) => [
    p.address,
    p.protocol || '-',
    ...(withVerdict ? [p.trusted ? style.green('trusted') : style.red(p.problems?.[0]?.code ?? (p.error ? 'FAILED' : 'NOT TRUSTED'))] : []),
    chainText(p),
  ]);
  process.stdout.write(`${table(rows, ['Address', 'Protocol', ...(withVerdict ? ['Verdict'] : []), 'Chain sent'])}\n`);
}

export async function runProbeAllAddresses(target: string, options: ProbeFlags): Promise<void> {
  const { outcomes, first } = await probeAll(target, options);
  const addresses = addressProbes(outcomes);
  const differs = addressDifferences(addresses);
  if (options.json) return printJson({ ...first.result!, addresses, differs });
  process.stdout.write(`${style.bold(`${first.record!.host}:${first.record!.port}`)}: ${addresses.length} address${addresses.length === 1 ? '' : 'es'}; ${differs.summary}\n\n`);
  printAddresses(addresses, false);
  process.stdout.write(`\n${style.dim(`As ${first.address} sent it:`)}\n`);
  printProbe(first.result!);
}

export async function runDiagnoseAllAddresses(target: string, options: DiagnoseFlags, store: DecodedStore): Promise<void> {
  const { outcomes } = await probeAll(target, options);
  const diagnoses = diagnoseAddresses(target, outcomes, store, options.client);
  const addresses = addressProbes(outcomes, diagnoses);
  const differs = addressDifferences(addresses);
  const verdict = addressVerdict(addresses);
  const trusted = addresses.every((a) => a.trusted);
  // The address shown in full: the first that fails (its problems and fixes name it), else the first.
  const shown = outcomes.find((o) => o.record && !diagnoses.get(o.address)!.trusted) ?? outcomes.find((o) => o.record)!;
  const { diagnosis } = await diagnoseOnMachine(target, shown.record!, store, options.truststore, options.client, {
    download: options.download !== false,
    timeoutMs: Math.min(options.timeout, 5000),
    proxy: null,
  });
  const located = addresses.length > 1 ? atAddress(diagnosis, shown.address) : diagnosis;
  if (options.json) printJson({ ...located, trusted, addresses, differs, verdict });
  else {
    process.stdout.write(`${trusted ? style.green(verdict) : style.red(verdict)}\n${style.dim(differs.summary)}\n\n`);
    printAddresses(addresses, true);
    process.stdout.write(`\n${style.dim(`${shown.address}:`)}\n`);
    printDiagnosis(located, fixCommands(diagnosis, target, options));
  }
  process.exitCode = trusted ? EXIT.ok : EXIT.untrusted;
}
