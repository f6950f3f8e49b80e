// The system properties a JVM was started with, from its launcher arguments and the environment
// variables the JDK reads options from. Pure: the caller reads /proc (or anything else).
//
// Order, the later winning (JDK 17, checked with `java -XshowSettings:properties`):
//   JAVA_TOOL_OPTIONS (read by the VM first) < JDK_JAVA_OPTIONS (the `java` launcher puts it before the
//   command line's options) < the command line < _JAVA_OPTIONS (read by the VM after everything else).
// Launcher options stop at the main class, `-jar FILE`, `-m MODULE` or `--source N FILE`: what follows is the
// application's own arguments, where a "-Djavax.net.ssl.trustStore=" means nothing to Java.

/** Launcher options whose value is the next argument (java -help, JDK 17). */
const TAKES_VALUE = new Set([
  '-cp',
  '-classpath',
  '--class-path',
  '-p',
  '--module-path',
  '--upgrade-module-path',
  '--add-modules',
  '--enable-native-access',
  '--limit-modules',
  '--add-exports',
  '--add-opens',
  '--add-reads',
  '--patch-module',
  '--describe-module',
  '-d',
  '--source',
]);

export type OptionSource = 'JAVA_TOOL_OPTIONS' | 'JDK_JAVA_OPTIONS' | 'command line' | '_JAVA_OPTIONS' | `argument file ${string}`;

export interface SystemProperty {
  readonly value: string;
  readonly source: OptionSource;
}

/** Split an options variable as the JDK does: on white space, with '…' and "…" quoting (JDK 9+). */
export function splitOptions(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let inWord = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The launcher's options from argv (argv[0] the java binary), `@argfiles` expanded by `readArgFile`. */
export function launcherOptions(argv: readonly string[], readArgFile: (name: string) => string | null = () => null): { word: string; source: OptionSource }[] {
  const out: { word: string; source: OptionSource }[] = [];
  const words: { word: string; source: OptionSource }[] = argv.slice(1).map((word) => ({ word, source: 'command line' }));
  for (let i = 0; i < words.length; i++) {
    const { word, source } = words[i]!;
    if (word.startsWith('@') && word.length > 1 && source === 'command line') {
      const text = readArgFile(word.slice(1));
      if (text !== null) words.splice(i + 1, 0, ...splitOptions(text).map((w) => ({ word: w, source: `argument file ${word.slice(1)}` as OptionSource })));
      continue;
    }
    if (!word.startsWith('-')) break; // the main class
    if (word === '-jar' || word === '-m' || word === '--module') break;
    out.push({ word, source });
    if (TAKES_VALUE.has(word)) {
      i++;
      if (word === '--source') break; // source-file mode: the next argument after N is the file
    }
  }
  return out;
}

/** What the JVM runs: the main class, `-jar FILE` or `-m MODULE`, so processes of one application can be told together. */
export function applicationOf(argv: readonly string[]): string | null {
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '-jar' || word === '-m' || word === '--module') return args[i + 1] ? `${word} ${args[i + 1]}` : null;
    if (!word.startsWith('-')) return word.startsWith('@') ? null : word;
    if (TAKES_VALUE.has(word)) i++;
  }
  return null;
}

export interface JvmEnvironment {
  readonly JAVA_TOOL_OPTIONS?: string;
  readonly JDK_JAVA_OPTIONS?: string;
  readonly _JAVA_OPTIONS?: string;
}

/** The -D system properties in effect, each with where it came from. */
export function systemProperties(argv: readonly string[], env: JvmEnvironment, readArgFile?: (name: string) => string | null): Map<string, SystemProperty> {
  const ordered: { word: string; source: OptionSource }[] = [
    ...splitOptions(env.JAVA_TOOL_OPTIONS ?? '').map((word) => ({ word, source: 'JAVA_TOOL_OPTIONS' as const })),
    ...splitOptions(env.JDK_JAVA_OPTIONS ?? '').map((word) => ({ word, source: 'JDK_JAVA_OPTIONS' as const })),
    ...launcherOptions(argv, readArgFile),
    ...splitOptions(env._JAVA_OPTIONS ?? '').map((word) => ({ word, source: '_JAVA_OPTIONS' as const })),
  ];
  const properties = new Map<string, SystemProperty>();
  for (const { word, source } of ordered) {
    if (!word.startsWith('-D')) continue;
    const eq = word.indexOf('=');
    const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
    if (name) properties.set(name, { value: eq < 0 ? '' : word.slice(eq + 1), source });
  }
  return properties;
}

/** A command line fit to show: the value of every property or option that names a password is replaced. */
export function redactedCommand(argv: readonly string[]): string {
  return argv
    .map((word) => word.replace(/^(-D[^=]*(?:password|passwd|pass|secret)[^=]*=).*$/i, '$1***'))
    .map((word) => (/\s/.test(word) ? `'${word}'` : word))
    .join(' ');
}
