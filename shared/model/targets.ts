// Verdicts of many endpoints against one trust store (`diagnose --targets FILE`, "Check endpoints").
import type { Diagnosis } from './probe';

/** One target's verdict: its diagnosis, or why it could not be probed (then `trusted` is false). */
export type TargetVerdict = Diagnosis & {
  /** The error code and sentence when the target could not be probed (refused, timeout, not TLS, …). */
  readonly error?: { readonly code: string; readonly message: string };
  /** The address that answered. */
  readonly address?: string;
};

export interface TargetsSummary {
  readonly total: number;
  readonly trusted: number;
  readonly untrusted: number;
  /** Could not be probed. */
  readonly failed: number;
}
