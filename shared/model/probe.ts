// What a TLS probe recorded, and the verdict of a diagnosis (see CLI-CONTRACT.md: probe, diagnose).
import type { StartTlsProtocol } from '../tls-schemes';
import type { CertificateSummary } from './certificate';

export type ChainIssueCode = 'INCOMPLETE_CHAIN' | 'CONTAINS_ANCHOR' | 'WRONG_ORDER' | 'EXTRA_CERTS';

export interface ChainIssue {
  readonly code: ChainIssueCode;
  readonly message: string;
}

export interface ProbeResult {
  readonly host: string;
  readonly port: number;
  readonly address: string;
  readonly servername: string;
  /** The plain-text upgrade run before TLS (smtp, ldap, postgres, mysql, …); absent when TLS started at once. */
  readonly starttls?: StartTlsProtocol;
  readonly protocol: string; // e.g. TLSv1.3
  readonly cipher: string;
  readonly alpn?: string | null;
  /** The HTTP proxy the probe tunnelled through (no credentials shown); absent when it connected directly. */
  readonly proxy?: string;
  /** The server asked for a client certificate (mutual TLS); absent when it did not. */
  readonly clientCertificate?: ClientCertificateRequest;
  /** Exactly what the server sent, in wire order, extras and duplicates kept. */
  readonly sent: readonly CertificateSummary[];
  /** The server stapled an OCSP response for its certificate (the probe always asks, with status_request); absent: none. */
  readonly stapled?: true;
  readonly chainIssues: readonly ChainIssue[];
  /** Every address behind the name, when more than one was probed (--all-addresses, the app's toggle). */
  readonly addresses?: readonly AddressProbe[];
  /** How those addresses differ. */
  readonly differs?: AddressDifferences;
  /** With a trust store, over every address: "2 of 3 addresses serve a chain this store trusts; …". */
  readonly addressVerdict?: string;
}

/** What a server that asks for a client certificate said about it. */
export interface ClientCertificateRequest {
  /** True when it ended the handshake for want of one (this probe sends none); false when it went on without. */
  readonly required: boolean;
  /** The CAs (RFC 4514) whose client certificates it accepts, as its CertificateRequest lists them; empty: it names none. */
  readonly acceptedIssuers: readonly string[];
}

/** A key entry a Java client would offer as its client certificate. */
export interface ClientKeyMatch {
  readonly alias: string;
  /** Its certificate's subject. */
  readonly subject: string;
  /** The accepted CA its chain names as an issuer; '' when the server names no CA (any key is offered). */
  readonly via: string;
}

/** Which key entries of a keystore a Java client would offer to a server that asks for a client certificate. */
export interface ClientKeys {
  /** Key entries with a certificate chain in the store. */
  readonly keyEntries: number;
  readonly matches: readonly ClientKeyMatch[];
}

export type ClientProfile = 'java' | 'openssl';

export type ProblemCode =
  | 'UNTRUSTED_ROOT'
  | 'INCOMPLETE_CHAIN'
  | 'SELF_SIGNED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'HOSTNAME_MISMATCH'
  | 'WEAK_SIGNATURE'
  | 'WEAK_KEY'
  | 'BAD_SIGNATURE'
  | 'NOT_A_CA'
  | 'PATH_LENGTH'
  | 'KEY_USAGE'
  | 'EXTENDED_KEY_USAGE'
  | 'NAME_CONSTRAINTS'
  // The handshake itself (connects), and the rules of one JDK's java.security.
  | 'PROTOCOL_VERSION'
  | 'NO_COMMON_CIPHER'
  | 'CLIENT_CERT_REQUIRED'
  | 'ALGORITHM_CONSTRAINED'
  // A certificate of the path is revoked (blocking only where the client checks revocation; shared/chain/revocation.ts).
  | 'REVOKED'
  // The client checks revocation and could not tell (no answer, status unknown): JSSE and OpenSSL fail hard.
  | 'REVOCATION_UNKNOWN'
  | ChainIssueCode;

export interface Problem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly fix: string;
}

export type PathCertificate = CertificateSummary & {
  /** 'found': neither sent nor held, but found elsewhere (`foundIn`); the path goes on through it once it is imported. */
  readonly source: 'sent' | 'truststore' | 'found';
  readonly trustStoreAlias: string | null;
  readonly foundIn?: FoundIn;
};

/** A certificate the trust store lacks, found in another trust store of this machine (a JDK's cacerts, the OS bundle). */
export interface FoundInStore {
  /** How the store is known, e.g. "Java cacerts (system)". */
  readonly label: string;
  readonly file: string;
  /** Its alias there (for a PEM bundle, the one derived from its subject). */
  readonly alias: string;
  /** The password that store is read with by default ("changeit" for a JDK's cacerts), if any. */
  readonly password?: string;
}

/** A certificate the trust store lacks, downloaded from the CA Issuers URL of the certificate it issued. */
export interface FoundAtUrl {
  readonly label: string;
  readonly url: string;
}

export type FoundIn = FoundInStore | FoundAtUrl;

export type MissingCertificate = CertificateSummary & { readonly foundIn?: FoundIn };

export interface Diagnosis {
  readonly target: string;
  readonly client: ClientProfile;
  readonly trusted: boolean;
  readonly path: readonly PathCertificate[]; // leaf -> anchor
  readonly problems: readonly Problem[];
  /** What the trust store would need (where known), root last; where this machine has it, `foundIn` says where. */
  readonly missing: readonly MissingCertificate[];
  /** The whole handshake would complete for this client (protocol, cipher suite, client certificate); absent where not judged. */
  readonly connects?: boolean;
  /** The JDK whose rules a Java verdict follows ('' home: JDK 17's defaults, no JDK found). */
  readonly java?: JavaRuntime;
}

export interface JavaRuntime {
  readonly home: string;
  readonly version: string;
}

/** What one address behind a name served (--all-addresses): its chain, or why it could not be probed. */
export interface AddressProbe {
  readonly address: string;
  /** Exactly what this address sent, in wire order; empty when it failed. */
  readonly sent: readonly CertificateSummary[];
  /** e.g. TLSv1.3; '' when it failed. */
  readonly protocol: string;
  /** Why this address could not be probed (refused, timeout, not TLS); absent when it answered. */
  readonly error?: string;
  /** With a trust store (diagnose): whether the client would trust this address's chain. */
  readonly trusted?: boolean;
  /** With a trust store: this address's problems, most important first. */
  readonly problems?: readonly Problem[];
}

/** How the addresses behind a name differ. */
export interface AddressDifferences {
  /** Not every address sent the same chain (or some failed while others answered). */
  readonly chain: boolean;
  /** Not every address that answered negotiated the same protocol version. */
  readonly protocol: boolean;
  /** The addresses that could not be probed. */
  readonly failed: readonly string[];
  /** The addresses that answered, grouped by the chain they sent (SHA-256 of each certificate, wire order). */
  readonly groups: readonly { readonly addresses: readonly string[]; readonly sha256: readonly string[] }[];
  /** One sentence: "all 3 addresses send the same chain", "127.0.0.2 sends a different chain from 127.0.0.1". */
  readonly summary: string;
}
