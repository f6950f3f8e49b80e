// The extension decoders keyed by OID, and the one row each extension becomes in the details pane.
// An extension without a decoder shows its OID and value in hex; a decoder that fails shows
// "could not decode" and the hex for that extension only, so one bad extension never hides the rest.
import type { Extension } from '@peculiar/asn1-x509';
import { fromBER } from 'asn1js';
import type { DetailRow } from '../../model/details';
import { EXTENSION_NAMES } from '../oids';
import { accessDecoders } from './access';
import { altNameDecoders } from './alt-names';
import type { ExtensionDecoder } from './decoder';
import { bytesOf, colonHexOf, copyRow, row } from './decoder';
import { identifierDecoders } from './identifiers';
import { nameConstraintDecoders } from './name-constraints';
import { netscapeDecoders } from './netscape';
import { policyDecoders } from './policies';
import { tlsFeatureDecoders } from './tls-feature';
import { transparencyDecoders } from './transparency';
import { usageDecoders } from './usage';

const DECODERS: ReadonlyMap<string, ExtensionDecoder> = new Map(
  [
    ...altNameDecoders,
    ...usageDecoders,
    ...identifierDecoders,
    ...accessDecoders,
    ...policyDecoders,
    ...nameConstraintDecoders,
    ...tlsFeatureDecoders,
    ...netscapeDecoders,
    ...transparencyDecoders,
  ].map((decoder) => [decoder.oid, decoder]),
);

/** The extension's name ("Key Usage"), or its OID when TrustLens does not know it. */
export function extensionName(oid: string): string {
  return DECODERS.get(oid)?.name ?? EXTENSION_NAMES[oid] ?? oid;
}

/** asn1-schema stops after the first element; an extension value must be exactly one. */
function assertSingleValue(value: Uint8Array): void {
  const { offset } = fromBER(value, { parseEmbedded: false });
  if (offset > 0 && offset < value.length) throw new Error(`${value.length - offset} unexpected byte(s) after the value`);
}

/** One row per extension: its name (marked "(critical)"), a summary, and the decoded details as children. */
export function describeExtension(extension: Extension): DetailRow {
  const oid = extension.extnID;
  const name = extensionName(oid);
  const label = extension.critical ? `${name} (critical)` : name;
  const value = bytesOf(extension.extnValue.buffer);
  const decoder = DECODERS.get(oid);
  if (!decoder) {
    const children = name === oid ? [] : [row('OID', oid, { mono: true })];
    return copyRow(label, colonHexOf(value), children);
  }
  try {
    assertSingleValue(value);
    const decoded = decoder.decode(value);
    // One sub-row that only says the summary again (a key identifier) is folded into the extension's row.
    const [only] = decoded.rows;
    if (decoded.rows.length === 1 && only && only.value === decoded.summary && !only.children?.length) {
      return row(label, decoded.summary, { ...(only.copyable ? { copyable: true } : {}), ...(only.mono ? { mono: true } : {}) });
    }
    return row(label, decoded.summary, decoded.rows.length ? { children: decoded.rows } : {});
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return row(label, 'could not decode', {
      tone: 'warn',
      children: [row('OID', oid, { mono: true }), row('Reason', reason), copyRow('Value (hex)', colonHexOf(value))],
    });
  }
}

/** The OIDs that have a decoder, for tests and for "which extensions does TrustLens read". */
export function registeredExtensionOids(): string[] {
  return [...DECODERS.keys()];
}
