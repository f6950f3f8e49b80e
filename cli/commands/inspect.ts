// `trustlens inspect FILE`: what a keystore or certificate file holds.
import type { Command } from 'commander';
import { keystoreView } from '../../shared/formats/view';
import { nodeCrypto } from '../../electron/services/node-crypto';
import type { KeystoreView } from '../../shared/model/keystore';
import { certificateBlock, commonNameOf, expiry, printJson, style, table } from '../human';
import { openStoreFile } from '../open-store';
import { addPasswordOptions, type PasswordFlags } from '../options';

const TYPE_LABEL = { trustedCertificate: 'trusted cert', privateKey: 'private key', secretKey: 'secret key' } as const;

function printHuman(view: KeystoreView, verbose: boolean): void {
  const integrity = { verified: style.green('verified'), 'not-checked': style.yellow('not checked (no password given)'), none: 'none (format has none)' }[view.integrity];
  process.stdout.write(`${style.bold(view.file)}\n${view.format}, ${view.entries.length} entr${view.entries.length === 1 ? 'y' : 'ies'}, integrity ${integrity}\n\n`);
  if (verbose) {
    for (const entry of view.entries) {
      process.stdout.write(`${style.bold(entry.alias)}  ${style.dim(TYPE_LABEL[entry.type])}${entry.keyAlgorithm ? style.dim(` (${entry.keyAlgorithm})`) : ''}\n`);
      for (const note of entry.notes ?? []) process.stdout.write(`  ${style.yellow('!')} ${note}\n`);
      entry.certificates.forEach((cert, i) => {
        if (entry.certificates.length > 1) process.stdout.write(`  ${style.dim(`[${i + 1}]`)}\n`);
        process.stdout.write(`${certificateBlock(cert, '    ')}\n`);
      });
      process.stdout.write('\n');
    }
    return;
  }
  const rows = view.entries.map((entry) => {
    const cert = entry.certificates[0];
    return [
      entry.alias,
      TYPE_LABEL[entry.type],
      cert ? commonNameOf(cert.subject) : entry.keyAlgorithm ?? '',
      cert ? expiry(cert) : '',
      cert ? cert.sha256.slice(0, 16) + '…' : '',
    ];
  });
  process.stdout.write(`${table(rows, ['ALIAS', 'TYPE', 'SUBJECT', 'EXPIRES', 'SHA-256'])}\n`);
}

export function registerInspect(program: Command): void {
  addPasswordOptions(
    program
      .command('inspect')
      .description('list what a JKS, JCEKS, PKCS#12, PEM, DER or PKCS#7 file holds')
      .argument('<file>', 'the keystore or certificate file')
      .option('--json', 'print one JSON document')
      .option('-v, --verbose', 'show every certificate in full'),
  ).action(async (file: string, options: PasswordFlags & { json?: boolean; verbose?: boolean }) => {
    const opened = await openStoreFile(file, options);
    const view = keystoreView(file, opened.decoded, nodeCrypto);
    if (options.json) printJson(view);
    else printHuman(view, options.verbose === true);
  });
}
