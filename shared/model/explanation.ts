// What `trustlens explain` (and the app's paste box) makes of a failure log: what the log shows, what it
// does not, and the diagnosis drawn from it. Plain data.

/** A certificate as a log prints it (a JSSE debug "certificate" block, an openssl s:/i: pair, curl's lines). */
export interface LoggedCertificate {
  readonly subject: string;
  readonly issuer: string;
  /** Lowercase hex without separators or leading zero bytes, as the Certificate object's serialNumber. */
  readonly serialNumber?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly subjectAltNames?: readonly string[];
  readonly subjectKeyId?: string;
  readonly authorityKeyId?: string;
  /** BasicConstraints CA:true, where the log shows extensions. */
  readonly ca?: boolean;
  readonly selfSigned: boolean;
}

export type FailureClass =
  | 'PKIX_PATH_BUILDING'
  | 'PKIX_PATH_VALIDATION'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'HOSTNAME_MISMATCH'
  | 'SELF_SIGNED'
  | 'REVOKED'
  | 'ALGORITHM_CONSTRAINED'
  | 'PROTOCOL_VERSION'
  | 'NO_COMMON_CIPHER'
  | 'HANDSHAKE_ALERT'
  | 'CONNECTION'
  | 'UNKNOWN';

export interface Failure {
  readonly class: FailureClass;
  /** The line that says it, as the log has it. */
  readonly message: string;
  /** The exception class where the log is Java's, e.g. sun.security.provider.certpath.SunCertPathBuilderException. */
  readonly exception?: string;
  /** A TLS alert named in the log (sent or received), e.g. "certificate_unknown". */
  readonly alert?: string;
}

/** Which kind of text it was, so the reader knows what to expect from it. */
export type LogKind = 'jsse-debug' | 'java-stack-trace' | 'curl' | 'openssl' | 'text';

export interface LogTrustStore {
  readonly path: string;
  readonly type?: string;
  /** JSSE's "Inaccessible trust store: …": a javax.net.ssl.trustStore it skipped before reading this one. */
  readonly skipped?: readonly string[];
  /** Which client said it: JSSE, curl (CAfile/CApath). */
  readonly client: 'java' | 'curl' | 'openssl';
}

/** Where a certificate the diagnosis talks about is on this machine. */
export interface MachineMatch {
  readonly file: string;
  readonly alias: string;
  /** How it was matched: the same issuer and serial number, or the subject name (and key identifier). */
  readonly by: 'issuer-serial' | 'subject' | 'subject-key-id';
  readonly sha256: string;
  readonly subject: string;
}

export interface LogDiagnosis {
  /** A contract problem code where one fits: UNTRUSTED_ROOT, INCOMPLETE_CHAIN, SELF_SIGNED, EXPIRED, NOT_YET_VALID, HOSTNAME_MISMATCH, … */
  readonly code: string;
  readonly message: string;
  /** What to do, naming the store the client reads where the log shows it. */
  readonly fix: string;
  /** The certificate the trust store (or the server's chain) lacks, by name, where the log says. */
  readonly missingIssuer?: { readonly name: string; readonly keyId?: string };
  /** The certificate at fault: expired, wrong host, … */
  readonly certificate?: LoggedCertificate;
  /** Where this machine has the missing certificate. */
  readonly foundOnMachine?: readonly MachineMatch[];
  /** Commands that add the certificate this machine has to the store the log names (keytool export, trustlens import). */
  readonly commands?: readonly string[];
  /** Whether the store the log names (if it is on this machine) holds the missing certificate now. */
  readonly trustStoreHasItNow?: boolean;
}

export interface LogExplanation {
  readonly kinds: readonly LogKind[];
  readonly host?: string;
  readonly port?: number;
  readonly failure: Failure | null;
  readonly trustStore?: LogTrustStore;
  /** The certificates the client loaded as trusted (JSSE debug "adding as trusted certificates"). */
  readonly trusted?: readonly LoggedCertificate[];
  /** The chain the server sent, in the order sent. */
  readonly chain?: readonly LoggedCertificate[];
  readonly protocol?: string;
  readonly diagnosis: LogDiagnosis | null;
  /** Where the sent certificates are on this machine (by issuer and serial number). */
  readonly chainOnMachine?: readonly { readonly index: number; readonly matches: readonly MachineMatch[] }[];
  /** What the log does not show, and how to make it show it. */
  readonly notShown: readonly string[];
}
