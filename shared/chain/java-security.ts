// A JDK's java.security as JSSE and the PKIX validator read it: the properties file format
// (java.util.Properties: `key=value`, `key: value` or `key value`, a trailing backslash continues a line,
// `#` and `!` start comments), overrides in the -Djava.security.properties format (a file whose keys
// replace the master file's; `==` as in -Djava.security.properties==FILE means it replaces the master file
// altogether), and the algorithm-constraint lists of jdk.tls.disabledAlgorithms and
// jdk.certpath.disabledAlgorithms (sun.security.util.DisabledAlgorithmConstraints): comma-separated
// entries, each an algorithm name followed by `&`-joined constraints: `keySize OP N`, `jdkCA`,
// `denyAfter YYYY-MM-DD`, `usage TLSServer|TLSClient|SignedJAR|…`, and `include PROPERTY` (the entries of
// another property, e.g. jdk.disabled.namedCurves). Also the security properties that steer revocation
// checking (ocsp.enable and its kin, read by RevocationChecker.getRevocationProperties; see chain/revocation.ts).

export type KeySizeOperator = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** One entry of a disabledAlgorithms list, as written. */
export interface AlgorithmConstraint {
  /** As written, e.g. "SHA1 jdkCA & usage TLSServer", for naming the rule that applies. */
  readonly text: string;
  /** The algorithm name, e.g. "SHA1", "RSA", "TLSv1", "TLS_RSA_*". */
  readonly algorithm: string;
  readonly keySize?: { readonly operator: KeySizeOperator; readonly bits: number };
  /** Only for chains anchored at a root the JDK ships in its cacerts. */
  readonly jdkCA: boolean;
  /** Only after this date. */
  readonly denyAfter?: Date;
  /** Only for these usages (TLSServer, TLSClient, SignedJAR, …); empty: every usage. */
  readonly usage: readonly string[];
}

/** The rules of one JDK that decide a TLS connection and its certificate path. */
export interface JavaSecurity {
  /** The JDK's home, or '' for the built-in defaults of JDK 17 when no JDK was found. */
  readonly home: string;
  /** e.g. "17.0.15"; '' when unknown. */
  readonly version: string;
  readonly tlsDisabled: readonly AlgorithmConstraint[];
  readonly certpathDisabled: readonly AlgorithmConstraint[];
  /** jdk.security.allowNonCaAnchor: a trust anchor need not be a CA certificate. */
  readonly allowNonCaAnchor: boolean;
  /** The files read, master first (for saying where a rule comes from). */
  readonly files: readonly string[];
  /**
   * The revocation security properties as these files set them (Security.getProperty trims the value):
   * ocsp.enable, ocsp.responderURL, com.sun.security.onlyCheckRevocationOfEECert; a key the files do not
   * set is absent (JDK 17's java.security sets none: `#ocsp.enable=true` is a comment).
   */
  readonly revocation: Readonly<Record<string, string>>;
}

/** The security properties RevocationChecker.getRevocationProperties reads (JDK 17). */
export const REVOCATION_SECURITY_PROPERTIES = ['ocsp.enable', 'ocsp.responderURL', 'com.sun.security.onlyCheckRevocationOfEECert'] as const;

/** Parse java.util.Properties text (ISO-8859-1 / UTF-8 alike for the ASCII these files hold). */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    // A line ending in an odd number of backslashes continues on the next one (leading blanks dropped).
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i]!.replace(/^[ \t\f]+/, '');
    }
    const match = /^((?:\\.|[^=:\s\\])*)\s*[=:\s]?\s*(.*)$/.exec(line);
    if (!match) continue;
    const unescape = (s: string) => s.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(.)/g, '$1');
    out.set(unescape(match[1]!), unescape(match[2]!).trimEnd());
  }
  return out;
}

const OPERATORS: readonly KeySizeOperator[] = ['<=', '>=', '==', '!=', '<', '>'];

/** The entries of a disabledAlgorithms value; `include NAME` is expanded from `properties`. */
export function parseConstraints(value: string, properties: ReadonlyMap<string, string> = new Map(), seen: ReadonlySet<string> = new Set()): AlgorithmConstraint[] {
  const out: AlgorithmConstraint[] = [];
  for (const raw of value.split(',')) {
    const text = raw.trim().replace(/\s+/g, ' ');
    if (!text) continue;
    const include = /^include\s+(\S+)$/.exec(text);
    if (include) {
      const name = include[1]!;
      if (!seen.has(name)) out.push(...parseConstraints(properties.get(name) ?? '', properties, new Set([...seen, name])));
      continue;
    }
    const [first, ...rest] = text.split('&').map((part) => part.trim());
    const words = first!.split(' ');
    const algorithm = words[0]!;
    const parts = [words.slice(1).join(' '), ...rest].filter(Boolean);
    let keySize: AlgorithmConstraint['keySize'];
    let jdkCA = false;
    let denyAfter: Date | undefined;
    const usage: string[] = [];
    for (const part of parts) {
      const key = /^keySize\s*(<=|>=|==|!=|<|>)\s*(\d+)$/.exec(part);
      if (key && OPERATORS.includes(key[1] as KeySizeOperator)) keySize = { operator: key[1] as KeySizeOperator, bits: Number(key[2]) };
      else if (part === 'jdkCA') jdkCA = true;
      else if (part.startsWith('denyAfter ')) denyAfter = new Date(`${part.slice('denyAfter '.length).trim()}T00:00:00Z`);
      else if (part.startsWith('usage ')) usage.push(...part.slice('usage '.length).trim().split(/\s+/));
    }
    out.push({ text, algorithm, ...(keySize ? { keySize } : {}), jdkCA, ...(denyAfter ? { denyAfter } : {}), usage });
  }
  return out;
}

/** Does `bits` meet the constraint's keySize condition (the condition under which the key is disabled)? */
export function keySizeDisabled(constraint: AlgorithmConstraint, bits: number): boolean {
  const k = constraint.keySize;
  if (!k) return false;
  switch (k.operator) {
    case '<':
      return bits < k.bits;
    case '<=':
      return bits <= k.bits;
    case '>':
      return bits > k.bits;
    case '>=':
      return bits >= k.bits;
    case '==':
      return bits === k.bits;
    case '!=':
      return bits !== k.bits;
  }
}

/**
 * The rules from a master java.security text and an override text (-Djava.security.properties format),
 * as the JDK combines them: the override's keys replace the master's, unless the master turns overrides
 * off (security.overridePropertiesFile=false); `replace`: the override is the whole configuration (`==`).
 */
export function javaSecurityRules(
  master: string,
  options: { override?: string; replace?: boolean; home: string; version: string; files: readonly string[]; systemProperties?: ReadonlyMap<string, string> },
): JavaSecurity {
  const base = options.replace ? new Map<string, string>() : parseProperties(master);
  const overridable = (base.get('security.overridePropertiesFile') ?? 'true').trim() !== 'false';
  const properties = new Map(base);
  if (options.override !== undefined && (overridable || options.replace)) for (const [key, value] of parseProperties(options.override)) properties.set(key, value);
  // jdk.security.allowNonCaAnchor is a system property (-D…), read also from the security properties here.
  const nonCa = options.systemProperties?.get('jdk.security.allowNonCaAnchor') ?? properties.get('jdk.security.allowNonCaAnchor') ?? 'false';
  return {
    home: options.home,
    version: options.version,
    tlsDisabled: parseConstraints(properties.get('jdk.tls.disabledAlgorithms') ?? '', properties),
    certpathDisabled: parseConstraints(properties.get('jdk.certpath.disabledAlgorithms') ?? '', properties),
    // As the JDK reads it: set to "true" or to nothing at all.
    allowNonCaAnchor: ['true', ''].includes(nonCa.trim().toLowerCase()),
    files: options.files,
    revocation: Object.fromEntries(REVOCATION_SECURITY_PROPERTIES.flatMap((key) => (properties.has(key) ? [[key, properties.get(key)!.trim()]] : []))),
  };
}

/** JDK 17's own values (17.0.15's conf/security/java.security), for when no JDK is found on this machine. */
export const JDK17_DEFAULTS = `
jdk.certpath.disabledAlgorithms=MD2, MD5, SHA1 jdkCA & usage TLSServer, \\
    RSA keySize < 1024, DSA keySize < 1024, EC keySize < 224, \\
    SHA1 usage SignedJAR & denyAfter 2019-01-01
jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, \\
    MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, \\
    ECDH
`;

/** "Java 17.0.15 (/usr/lib/jvm/java-17-openjdk-amd64)" */
export function javaName(java: JavaSecurity | undefined): string {
  if (!java || !java.home) return 'Java 17 (its default java.security)';
  return `Java${java.version ? ` ${java.version}` : ''} (${java.home})`;
}
