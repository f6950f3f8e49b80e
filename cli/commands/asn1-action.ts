// What `trustlens asn1 FILE` does (registered in asn1.ts): find the certificate, print its ASN.1 tree.
// For people, one element a line, indented by depth: "offset:d=depth hl=… l=… cons|prim: TAG :value",
// the shape `openssl asn1parse -i` prints, with elements opened inside OCTET/BIT STRINGs marked "(in …)".
import { UsageError } from '../../shared/errors';
import type { Asn1Element } from '../../shared/model/asn1';
import { asn1Tree, flattenAsn1 } from '../../shared/x509/asn1-tree';
import { printJson, style } from '../human';
import { openStoreFile } from '../open-store';
import type { PasswordFlags } from '../options';

export interface Asn1Flags extends PasswordFlags {
  alias?: string;
  certificate?: string;
  json?: boolean;
}

function line(e: Asn1Element): string {
  const head = `${String(e.offset).padStart(5)}:d=${e.depth} hl=${e.headerLength} l=${String(e.length).padStart(4)} ${e.constructed ? 'cons' : 'prim'}:`;
  const tag = `${' '.repeat(e.depth)}${e.tag}${e.encapsulated ? style.dim(' (in the string above)') : ''}`;
  return `${head} ${tag}${e.value !== undefined ? ` :${e.value}` : ''}`;
}

export async function runAsn1(file: string, flags: Asn1Flags): Promise<void> {
  const { decoded } = await openStoreFile(file, flags);
  const entries = decoded.entries.filter((e) => e.certificates.length > 0);
  const entry = flags.alias === undefined ? entries[0] : decoded.entries.find((e) => e.alias === flags.alias || e.alias.toLowerCase() === flags.alias!.toLowerCase());
  if (!entry) {
    throw new UsageError(
      flags.alias === undefined ? `${file} holds no certificate.` : `${file} has no entry "${flags.alias}"; \`trustlens inspect ${file}\` lists its aliases.`,
    );
  }
  const position = flags.certificate === undefined ? 1 : Number(flags.certificate);
  const der = entry.certificates[position - 1];
  if (!Number.isInteger(position) || position < 1 || !der) {
    throw new UsageError(`--certificate must be 1 to ${entry.certificates.length} for "${entry.alias}" in ${file}.`);
  }
  const tree = asn1Tree(der);
  if (flags.json) {
    printJson({ file, alias: entry.alias, certificate: position, asn1: tree });
    return;
  }
  process.stdout.write(`${flattenAsn1(tree).map(line).join('\n')}\n`);
}
