// Which store formats TrustLens can write back in place (the others are saved with Save As).
import type { StoreFormat } from '../../../shared/model/keystore';

const WRITABLE: ReadonlySet<StoreFormat> = new Set(['JKS', 'JCEKS', 'PKCS12', 'PEM', 'BKS', 'UBER', 'BCFKS']);

export function isWritable(format: StoreFormat): boolean {
  return WRITABLE.has(format);
}
