// What `trustlens stores` does (registered in stores.ts).
import { nodeCrypto } from '../../electron/services/crypto/node-crypto';
import { machineStores } from '../../electron/services/machine/machine-stores-service';
import type { MachineStore, MachineStoresReport } from '../../shared/model/machine-stores';
import { printJson, style } from '../human';

export interface StoresFlags {
  scan?: string[];
  json?: boolean;
}

function userLine(store: MachineStore): string[] {
  return store.usedBy.map((user) => {
    const who =
      user.kind === 'process'
        ? `process ${user.pid}${user.purpose === 'keystore' ? ' (as its keystore)' : ''}`
        : user.kind === 'config'
          ? `${user.file}${user.line ? `:${user.line}` : ''}${user.purpose === 'keystore' ? ' (as a keystore)' : ''}`
          : `JDK default`;
    const extra = [user.type ? `type ${user.type}` : '', user.passwordSet === undefined ? '' : user.passwordSet ? 'password set' : 'no password set'].filter(Boolean).join(', ');
    return `    ${style.bold(who)} ${style.dim(`[${user.rule}]`)} ${user.why}${extra ? style.dim(` (${extra})`) : ''}${user.command ? `\n      ${style.dim(user.command)}` : ''}`;
  });
}

function printReport(report: MachineStoresReport): void {
  process.stdout.write(style.bold(`Trust stores on this machine (${report.stores.length}):\n`));
  for (const store of report.stores) {
    const what = store.exists ? `${store.format ?? 'unknown format'}, ${store.entries === null ? 'entries not listed (password needed)' : `${store.entries} ${store.entries === 1 ? 'entry' : 'entries'}`}` : 'MISSING';
    process.stdout.write(`\n${style.cyan(store.path)}${store.realPath ? style.dim(` -> ${store.realPath}`) : ''}  ${style.dim(what)}\n`);
    for (const line of userLine(store)) process.stdout.write(`${line}\n`);
    for (const warning of store.warnings) process.stdout.write(`  ${style.yellow('WARNING')} ${warning}\n`);
  }
  const hidden = report.processes.filter((p) => !p.readable);
  if (hidden.length) {
    process.stdout.write(style.bold('\nJava processes TrustLens may not inspect:\n'));
    for (const p of hidden) process.stdout.write(`  ${p.pid}  ${p.command}\n    ${style.dim(p.reason ?? '')}\n`);
  }
  process.stdout.write(style.bold(`\nJDKs (${report.jdks.length}):\n`));
  for (const jdk of report.jdks) {
    process.stdout.write(`  ${jdk.home}  ${jdk.version ?? 'unknown version'}  ${style.dim(`(${jdk.foundBy.join(', ')})`)}\n    cacerts ${jdk.cacerts ?? 'none'}\n`);
    if (jdk.jssecacerts) process.stdout.write(`    ${style.yellow(`jssecacerts ${jdk.jssecacerts}: READ INSTEAD OF cacerts by its JVMs that do not set javax.net.ssl.trustStore`)}\n`);
  }
  if (report.unresolved.length) {
    process.stdout.write(style.bold('\nSettings that could not be resolved:\n'));
    for (const u of report.unresolved) process.stdout.write(`  ${u.file}:${u.line}  ${u.setting}=${u.value}\n    ${style.dim(u.reason)}\n`);
  }
  for (const note of report.notes) process.stdout.write(`\n${style.dim(note)}\n`);
}

export async function runStores(options: StoresFlags): Promise<void> {
  const report = await machineStores(nodeCrypto, options.scan ?? []);
  if (options.json) printJson(report);
  else printReport(report);
}
