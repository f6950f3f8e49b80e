// What a revocation check of a probed chain found, as it crosses to the window and into --json: per
// certificate of the path (the anchor is not checked: no client checks its own trust anchor), and what
// that means for the client judged (REVOKED: blocking where that client checks revocation, else a warning).
import type { Problem } from './probe';
import type { RevocationCheck } from './revocation';

export interface CertificateRevocation {
  readonly sha256: string;
  readonly subject: string;
  readonly check: RevocationCheck;
}

export interface RevocationProblem extends Problem {
  /** True where the client judged checks revocation and so refuses the chain; false: a warning only. */
  readonly blocking: boolean;
}

export interface RevocationReport {
  /** Leaf first, up to the certificate below the anchor. */
  readonly certificates: readonly CertificateRevocation[];
  readonly problems: readonly RevocationProblem[];
  /** Whether the client judged checks revocation, in a sentence: "Java 17.0.15 does not check revocation (com.sun.net.ssl.checkRevocation is false)". */
  readonly clientNote: string;
}
