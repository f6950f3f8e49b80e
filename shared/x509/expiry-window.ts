// Which entries expire soon: the one rule `trustlens inspect --expiring DAYS` and the store header's
// "N certificates expire within 30 days" share. An entry's date is its own certificate's (a key entry's
// leaf, a trusted certificate's one); already expired ones are counted apart, since they need another fix.
export const DAY_MS = 86_400_000;

export type ExpiryState = 'expired' | 'expiring' | 'valid' | 'none';

/** `notAfter` (ISO-8601, or null for an entry without a certificate) against now + days. */
export function expiryState(notAfter: string | null | undefined, days: number, now: number): ExpiryState {
  if (!notAfter) return 'none';
  const end = Date.parse(notAfter);
  if (Number.isNaN(end)) return 'none';
  if (end <= now) return 'expired';
  return end <= now + days * DAY_MS ? 'expiring' : 'valid';
}
