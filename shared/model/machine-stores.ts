// Which trust stores this machine's Java applications really read, and why: the answer of
// `trustlens stores` and of the app's "Trust stores on this machine" view. Plain data, no passwords.

/** Why a user reads a store: Java's rule that picked it, or the config setting that names it. */
export type StoreRule =
  | 'javax.net.ssl.trustStore'
  | 'jssecacerts'
  | 'cacerts'
  | 'javax.net.ssl.keyStore'
  /** A config file's own setting, e.g. "server.ssl.trust-store" or "truststoreFile". */
  | (string & {});

export interface StoreUser {
  readonly kind: 'process' | 'config' | 'jdk-default';
  readonly pid?: number;
  /** The process's command line, passwords replaced by "***". */
  readonly command?: string;
  /** The config file that names the store, or the JDK home whose default it is. */
  readonly file?: string;
  readonly line?: number;
  readonly rule: StoreRule;
  /** What the store is used for: trusting servers (trust store) or the process's own key (keystore). */
  readonly purpose: 'truststore' | 'keystore';
  /** A sentence saying why this store, e.g. "-Djavax.net.ssl.trustStore is not set and …". */
  readonly why: string;
  /** The store type the user asks for (javax.net.ssl.trustStoreType, ssl.truststore.type, …), where known. */
  readonly type?: string;
  /** Whether a password is given (never the password). */
  readonly passwordSet?: boolean;
}

export interface MachineStore {
  /** The path as its users name it. */
  readonly path: string;
  /** Where it really is (links followed), when different. */
  readonly realPath?: string;
  readonly exists: boolean;
  /** Detected from the bytes; null when missing or unreadable. */
  readonly format: string | null;
  /** Number of entries, or null when it could not be listed (a password TrustLens does not have). */
  readonly entries: number | null;
  readonly usedBy: readonly StoreUser[];
  /** Things a person should know: a jssecacerts shadowing cacerts, a missing file Java skips, … */
  readonly warnings: readonly string[];
}

export interface InstalledJdk {
  readonly home: string;
  /** JAVA_VERSION from its `release` file, or null. */
  readonly version: string | null;
  /** Where TrustLens found it: JAVA_HOME, the PATH, /usr/lib/jvm, … */
  readonly foundBy: readonly string[];
  readonly cacerts: string | null;
  /** Present: this JDK reads it INSTEAD of cacerts when javax.net.ssl.trustStore is not set. */
  readonly jssecacerts?: string;
}

/** A Java process as TrustLens saw it (readable or not). */
export interface JavaProcess {
  readonly pid: number;
  readonly command: string;
  /** False: its environment or executable could not be read (another user's process); the reason says what to do. */
  readonly readable: boolean;
  readonly reason?: string;
  /** What it runs (main class, -jar FILE, -m MODULE): processes of one application share it. */
  readonly application?: string;
  readonly javaHome?: string;
  /** The trust store it reads by Java's rule; null with javax.net.ssl.trustStore=NONE or when none is readable. */
  readonly trustStore?: string | null;
  readonly trustStoreRule?: StoreRule;
  /** Why that store, in a sentence. */
  readonly why?: string;
  /** A javax.net.ssl.trustStore file Java skipped because it is missing or unreadable. */
  readonly skippedTrustStore?: string;
  readonly trustStoreType?: string;
  readonly trustStorePasswordSet?: boolean;
  readonly keyStore?: string;
  readonly keyStoreType?: string;
  readonly keyStorePasswordSet?: boolean;
  /** Where each javax.net.ssl property came from: command line, JAVA_TOOL_OPTIONS, … */
  readonly sources?: Readonly<Record<string, string>>;
}

/** A setting in a config file that could not be turned into a path, and why. */
export interface UnresolvedSetting {
  readonly file: string;
  readonly line: number;
  readonly setting: string;
  readonly value: string;
  readonly reason: string;
}

export interface MachineStoresReport {
  readonly stores: readonly MachineStore[];
  readonly jdks: readonly InstalledJdk[];
  readonly processes: readonly JavaProcess[];
  readonly unresolved: readonly UnresolvedSetting[];
  /** What this platform does not let TrustLens see (e.g. no /proc), said instead of guessing. */
  readonly notes: readonly string[];
}
