// The one entry point for "which stores does this machine use": running JVMs, JDKs and the config files
// under the folders given, for the CLI (`trustlens stores`) and the app's handler alike.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { MachineStoresReport } from '../../../shared/model/machine-stores';
import { scanConfigs } from './config-scan';
import { storesInUse } from './stores-in-use';

export async function machineStores(crypto: CryptoProvider, scan: readonly string[]): Promise<MachineStoresReport> {
  const configs = scan.length ? await scanConfigs(scan) : null;
  const report = await storesInUse({ crypto, ...(configs ? { configs: configs.uses, unresolved: configs.unresolved } : {}) });
  return configs ? { ...report, notes: [...report.notes, `Read ${configs.scannedFiles} candidate config file${configs.scannedFiles === 1 ? '' : 's'} under ${scan.join(', ')}.`] } : report;
}
