// Tests inject the same node:crypto provider the main process uses.
export { nodeCrypto } from '../../electron/services/crypto/node-crypto';
