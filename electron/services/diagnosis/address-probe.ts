// One probe of a target as the app asks for it: of its one address, or (the toggle on, or by default when
// the name has several) of every address, with the side-by-side view in the result and, for a diagnosis,
// the address to show in full: the first whose chain the store does not trust, else the first that answered.
import type { ClientProfile } from '../../../shared/model/probe';
import type { DecodedStore } from '../../../shared/formats/codec';
import { proxyFor } from '../network/proxy-tunnel';
import { parseTarget, type ProbeOptions } from '../tls/probe';
import { addressDifferences, addressProbes, addressVerdict, diagnoseAddresses, probeAddresses, targetAddresses } from './all-addresses';
import { probe, type ProbeOutcome } from './probe-service';

/** `allAddresses`: true, false, or undefined for "when the name has several". */
export async function probeEveryAddress(
  target: string,
  options: ProbeOptions,
  allAddresses: boolean | undefined,
  judge?: { readonly store: DecodedStore; readonly client: ClientProfile },
): Promise<ProbeOutcome> {
  if (allAddresses === false) return probe(target, options);
  // Through a proxy the proxy resolves the name: by default that is one probe, as asked it is an error.
  if (allAddresses === undefined && proxyFor(parseTarget(target, options.starttls), options.proxy)) return probe(target, options);
  const addresses = await targetAddresses(target, options);
  if (addresses.length < 2 && allAddresses !== true) return probe(target, options);
  const outcomes = await probeAddresses(target, addresses, options);
  const answered = outcomes.filter((o) => o.record);
  if (answered.length === 0) throw outcomes[0]!.error!;
  const diagnoses = judge ? diagnoseAddresses(target, outcomes, judge.store, judge.client) : undefined;
  const shown = (diagnoses && answered.find((o) => !diagnoses.get(o.address)!.trusted)) || answered[0]!;
  const probes = addressProbes(outcomes, diagnoses);
  return {
    record: shown.record!,
    result: { ...shown.result!, addresses: probes, differs: addressDifferences(probes), ...(diagnoses ? { addressVerdict: addressVerdict(probes) } : {}) },
  };
}
