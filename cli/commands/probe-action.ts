// What `trustlens probe TARGET` and `trustlens diagnose TARGET --truststore FILE` do (registered in
// probe.ts, loaded when one of them runs).
import { diagnoseOnMachine, probe } from '../../electron/services/diagnosis/probe-service';
import { clientKeysFor } from '../../shared/chain/client-keys';
import { withHandshake } from '../../shared/chain/handshake';
import { withRevocationProblems } from '../../shared/chain/revocation-verdict';
import { checkPathRevocation } from '../../electron/services/diagnosis/path-revocation';
import { printRevocation, withRevocation } from './revocation-output';
import { judgeHandshake } from '../../electron/services/diagnosis/handshake-check';
import { loadJavaRules } from '../../electron/services/machine/java-security';
import type { DecodedStore } from '../../shared/formats/codec';
import type { ClientCertificateRequest, ClientKeys, ClientProfile, Diagnosis, FoundAtUrl, FoundInStore, ProbeResult } from '../../shared/model/probe';
import { STARTTLS_STEPS } from '../../shared/tls-schemes';
import { colonHex } from '../../shared/x509/hex';
import { EXIT } from '../exit';
import { certificateBlock, commonNameOf, printJson, style } from '../human';
import { openOtherStore, openStoreFile } from '../open-store';
import { probeOptions, type NetworkFlags, type PasswordFlags } from '../options';
import { processTrust, type ProcessTrust } from '../../electron/services/machine/process-trust';
import { UsageError } from '../../shared/errors';
import { givenPassword } from '../password';

export interface ProbeFlags extends NetworkFlags {
  json?: boolean;
  /** A keystore to check against a server that asks for a client certificate. */
  keystore?: string;
  /** Probe every address the host name has (--all-addresses). */
  allAddresses?: boolean;
  keystorePassword?: string;
  /** --revocation: check each certificate's revocation. */
  revocation?: boolean;
  /** False with --no-download: nothing is fetched (CA Issuers, OCSP, CRLs). */
  download?: boolean;
}

/** What a server that asks for a client certificate wants, for people. */
function printClientCertificate(request: ClientCertificateRequest | undefined, keys?: KeystoreKeys): void {
  if (!request) {
    if (keys) process.stdout.write(`\n${style.dim(`The server does not ask for a client certificate: ${keys.file} is not used.`)}\n`);
    return;
  }
  process.stdout.write(
    request.required
      ? `\n${style.yellow('Client certificate required:')} the server ended the handshake when no client certificate was sent (mutual TLS).\n`
      : `\n${style.dim('The server asks for a client certificate (mutual TLS) but goes on without one.')}\n`,
  );
  if (request.acceptedIssuers.length) {
    process.stdout.write(`It accepts client certificates issued by:\n${request.acceptedIssuers.map((name) => `  ${name}\n`).join('')}`);
  }
  if (keys) {
    if (keys.matches.length) {
      process.stdout.write(`${style.green(`A Java client with ${keys.file} would offer:`)}\n`);
      for (const match of keys.matches) {
        process.stdout.write(`  "${match.alias}" (${commonNameOf(match.subject)})${match.via ? style.dim(`, its chain issued by ${match.via}`) : ''}\n`);
      }
    } else {
      const held = keys.keyEntries === 0 ? 'holds no key entry' : `holds ${keys.keyEntries} key entr${keys.keyEntries === 1 ? 'y' : 'ies'}, none whose chain is issued by these CAs`;
      process.stdout.write(`${style.red(`${keys.file} ${held}`)}: a Java client would send no client certificate${request.required ? ', and the server would end the handshake' : ''}.\n`);
    }
  } else if (request.required) {
    process.stdout.write(
      request.acceptedIssuers.length
        ? "Your application's keystore (not its trust store) needs a key entry whose chain ends at one of these (check one with --keystore FILE).\n"
        : "It names no CA: your application's keystore needs a key entry with a certificate the server trusts.\n",
    );
  }
}

/** The key entries of --keystore a Java client would offer, with the file they are in. */
interface KeystoreKeys extends ClientKeys {
  readonly file: string;
}

/** --keystore, opened before any network traffic (a wrong password fails first). */
async function openKeystore(options: ProbeFlags): Promise<DecodedStore | undefined> {
  if (!options.keystore) return undefined;
  return (await openOtherStore(options.keystore, options.keystorePassword !== undefined ? { password: options.keystorePassword } : {}, '--keystore-password')).decoded;
}

function keysFor(keystore: DecodedStore | undefined, result: ProbeResult, options: ProbeFlags): KeystoreKeys | undefined {
  if (!keystore || !options.keystore || !result.clientCertificate) return undefined;
  return { file: options.keystore, ...clientKeysFor(keystore, result.clientCertificate.acceptedIssuers) };
}

export function printProbe(result: ProbeResult, keys?: KeystoreKeys): void {
  process.stdout.write(
    `${style.bold(`${result.host}:${result.port}`)} ${result.proxy ? `through the proxy ${result.proxy}` : `(${result.address})`}, ${result.servername ? `SNI ${result.servername}` : 'no SNI (an IP address is not sent as a name)'}\n` +
      `${result.protocol}${result.starttls ? ` after ${STARTTLS_STEPS[result.starttls]}` : ''}, ${result.cipher}${result.alpn ? `, ALPN ${result.alpn}` : ''}\n\n` +
      `The server sent ${result.sent.length} certificate${result.sent.length === 1 ? '' : 's'}:\n`,
  );
  result.sent.forEach((cert, i) => {
    process.stdout.write(`\n${style.bold(`#${i + 1}`)} ${commonNameOf(cert.subject)}\n${certificateBlock(cert, '   ')}\n`);
  });
  if (result.chainIssues.length) {
    process.stdout.write('\nChain issues:\n');
    for (const issue of result.chainIssues) process.stdout.write(`  ${style.yellow(issue.code)}  ${issue.message}\n`);
  }
  printClientCertificate(result.clientCertificate, keys);
}

const HANDSHAKE_CODES = new Set(['PROTOCOL_VERSION', 'NO_COMMON_CIPHER', 'CLIENT_CERT_REQUIRED']);

/** A word for a shell: quoted when it holds anything but the plain characters of paths, hosts and URLs. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The flags that reach the server (unless `network` is false) and open the store, as given, for a command to repeat. */
function repeatedFlags(options: DiagnoseFlags, network = true): string[] {
  const args: string[] = [];
  if (network && options.servername) args.push('--servername', options.servername);
  if (network && options.starttls) args.push('--starttls', options.starttls);
  if (network) for (const rule of options.resolve ?? []) args.push('--resolve', rule);
  if (network && typeof options.proxy === 'string') args.push('--proxy', options.proxy);
  else if (network && options.proxy === false) args.push('--no-proxy');
  if (options.passwordEnv) args.push('--password-env', options.passwordEnv);
  else if (options.passwordFile) args.push('--password-file', options.passwordFile);
  return args;
}

/** A file name for a downloaded certificate: its common name, lower case, as an alias would be. */
function fileNameFor(subject: string): string {
  const cn = commonNameOf(subject);
  return `${cn.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'issuer'}.cer`;
}

/**
 * The commands that add what the diagnosis found missing, when TrustLens can get all of it: the root (or
 * self-signed certificate) the server sent; the issuers this machine has in one store; or the issuers a
 * CA Issuers URL serves (downloaded with curl first). None when it is not all in one such place. The
 * store's password is asked for on the terminal unless it came from a variable or a file.
 */
export function fixCommands(diagnosis: Diagnosis, target: string, options: DiagnoseFlags): string[] {
  if (diagnosis.trusted || diagnosis.missing.length === 0) return [];
  const line = (args: string[]) => args.map(shellWord).join(' ');
  const code = diagnosis.problems[0]?.code;
  const places = diagnosis.missing.map((cert) => cert.foundIn);
  const fromServer = ['trustlens', 'import', options.truststore, '--from', target];
  if (code === 'SELF_SIGNED') return [line([...fromServer, '--certs', 'leaf', ...repeatedFlags(options)])];
  if (places.every((place) => place === undefined)) return code === 'UNTRUSTED_ROOT' ? [line([...fromServer, '--certs', 'root', ...repeatedFlags(options)])] : [];
  if (places.some((place) => place === undefined)) return [];
  const stores = new Set(places.map((place) => ('file' in place! ? place.file : null)));
  if (stores.size === 1 && !stores.has(null)) {
    const place = places[0] as FoundInStore;
    const roles = diagnosis.missing.some((cert) => cert.role === 'intermediate') ? 'root,intermediates' : 'root';
    const password = place.password !== undefined ? ['--truststore-password', place.password] : [];
    return [line([...fromServer, '--truststore', place.file, ...password, '--certs', roles, ...repeatedFlags(options)])];
  }
  if (!places.every((place) => 'url' in place!)) return [];
  // Downloaded from the CA's URL: the same download, then an import from the file.
  const downloads = new Map<string, string>();
  diagnosis.missing.forEach((cert, i) => {
    const url = (places[i] as FoundAtUrl).url;
    if (!downloads.has(url)) downloads.set(url, fileNameFor(cert.subject));
  });
  return [...downloads].flatMap(([url, file]) => [line(['curl', '-fsSL', '-o', file, url]), line(['trustlens', 'import', options.truststore, '--from', file, ...repeatedFlags(options, false)])]);
}

export function printDiagnosis(diagnosis: Diagnosis, commands: readonly string[]): void {
  const verdict = diagnosis.trusted
    ? style.green(`TRUSTED: a ${diagnosis.client} client would trust ${diagnosis.target} with this trust store.`)
    : style.red(`NOT TRUSTED: a ${diagnosis.client} client would reject ${diagnosis.target} with this trust store.`);
  const connects =
    diagnosis.connects === false
      ? `\n${style.red(`DOES NOT CONNECT: the handshake would not complete (${diagnosis.problems.filter((p) => HANDSHAKE_CODES.has(p.code)).map((p) => p.code).join(', ')}).`)}`
      : '';
  const jdk = diagnosis.java ? `\n${style.dim(`Judged with the rules of ${diagnosis.java.home ? `Java ${diagnosis.java.version} (${diagnosis.java.home})` : "JDK 17's defaults (no JDK found)"}.`)}` : '';
  process.stdout.write(`${verdict}${connects}${jdk}\n\nPath (leaf to anchor):\n`);
  diagnosis.path.forEach((cert, i) => {
    const found = cert.foundIn ? ('url' in cert.foundIn ? `at ${cert.foundIn.url}` : `in ${cert.foundIn.label}`) : '';
    const where =
      cert.source === 'found'
        ? `missing: not sent, not in trust store; found ${found}`
        : cert.source === 'truststore'
          ? `in trust store as "${cert.trustStoreAlias}"`
          : cert.trustStoreAlias
            ? `sent; in trust store as "${cert.trustStoreAlias}"`
            : 'sent by the server';
    process.stdout.write(`  ${i + 1}. ${commonNameOf(cert.subject)}  ${style.dim(where)}\n`);
  });
  if (diagnosis.problems.length) {
    process.stdout.write('\nProblems:\n');
    for (const p of diagnosis.problems) process.stdout.write(`  ${style.red(p.code)}  ${p.message}\n    ${style.dim('Fix:')} ${p.fix}\n`);
  }
  if (diagnosis.missing.length) {
    process.stdout.write('\nThe trust store would need:\n');
    for (const cert of diagnosis.missing) {
      const place = cert.foundIn;
      const where = place ? `\n    ${style.dim('url' in place ? `at ${place.url} (its CA Issuers URL)` : `on this machine: ${place.label} at ${place.file}, alias "${place.alias}"`)}` : '';
      process.stdout.write(`  ${cert.subject}\n    SHA-256 ${colonHex(cert.sha256)}${where}\n`);
    }
  }
  if (commands.length) {
    const what = diagnosis.missing.length === 1 ? 'it' : 'them';
    process.stdout.write(`\nTo add ${what} (a backup of the store is kept; --dry-run shows the plan first):\n${commands.map((c) => `  ${c}\n`).join('')}`);
  }
}

/** The flags of `diagnose`. */
export interface DiagnoseFlags extends ProbeFlags, PasswordFlags {
  truststore: string;
  /** --pid: the trust store (and JDK) of this running JVM instead of --truststore. */
  pid?: string;
  client: ClientProfile;
  /** --java-home, --java-security: the JDK whose rules a Java verdict follows. */
  javaHome?: string;
  javaSecurity?: string;
}

export async function runProbe(target: string, options: ProbeFlags): Promise<void> {
  if (options.allAddresses) return (await import('./addresses-action')).runProbeAllAddresses(target, options);
  const keystore = await openKeystore(options);
  const { record, result } = await probe(target, probeOptions(options));
  const keys = keysFor(keystore, result, options);
  // Without a trust store the path is the leaf's through what was sent; OpenSSL's rule says what a revocation means.
  const revocation = options.revocation
    ? await checkPathRevocation(target, record, { client: 'openssl', download: options.download !== false, proxy: probeOptions(options).proxy })
    : undefined;
  const shown = revocation ? { ...result, sent: withRevocation(result.sent, revocation) } : result;
  if (options.json) printJson({ ...shown, ...(keys ? { clientKeys: keys } : {}), ...(revocation ? { revocationProblems: revocation.problems } : {}) });
  else {
    printProbe(result, keys);
    if (revocation) printRevocation(revocation);
  }
}

/** --pid: the store that JVM reads, opened with the password it was given (or the flags'). */
async function storeForPid(options: DiagnoseFlags): Promise<{ options: DiagnoseFlags; process: ProcessTrust }> {
  if (options.truststore) throw new UsageError('Give --truststore or --pid, not both.');
  if (!/^\d+$/.test(options.pid!)) throw new UsageError(`--pid ${options.pid}: expected a process id (a number).`);
  const found = processTrust(Number(options.pid));
  const password = givenPassword(options) ?? found.password;
  return { options: { ...options, truststore: found.trustStore, ...(password !== undefined ? { password } : {}) }, process: found };
}

export async function runDiagnose(target: string, flags: DiagnoseFlags): Promise<void> {
  if (!flags.truststore && !flags.pid) throw new UsageError('diagnose needs --truststore FILE, or --pid PID to use what a running JVM uses.');
  const fromPid = flags.pid ? await storeForPid(flags) : null;
  const options = fromPid ? fromPid.options : flags;
  if (fromPid && !options.json) {
    process.stdout.write(style.dim(`Process ${fromPid.process.pid} reads ${fromPid.process.trustStore} (${fromPid.process.why}); its JDK is ${fromPid.process.java.home}${fromPid.process.java.version ? ` (${fromPid.process.java.version})` : ''}.\n\n`));
  }
  const store = await openStoreFile(options.truststore, options);
  if (options.allAddresses) return (await import('./addresses-action')).runDiagnoseAllAddresses(target, options, store.decoded);
  const keystore = await openKeystore(options);
  // The JDK is read before any network traffic: a --java-home that is not a JDK fails first.
  // With --pid, that JVM's JDK and its -Djava.security.properties, unless --java-home/--java-security say otherwise.
  const javaHome = options.javaHome ?? fromPid?.process.java.home;
  const javaSecurity = options.javaSecurity ?? fromPid?.process.javaSecurity;
  const java = options.client === 'java' ? await loadJavaRules({ javaHome, javaSecurity }) : undefined;
  const { record, result } = await probe(target, probeOptions(options));
  const { diagnosis: chain, found } = await diagnoseOnMachine(target, record, store.decoded, options.truststore, options.client, {
    download: options.download !== false,
    timeoutMs: Math.min(options.timeout, 5000),
    proxy: probeOptions(options).proxy,
    ...(java ? { java } : {}),
  });
  const keys = keysFor(keystore, result, options);
  const handshake = await judgeHandshake(target, record, options.client, {
    ...(java ? { java } : {}),
    ...(result.clientCertificate ? { clientCertificate: result.clientCertificate } : {}),
    ...(keys ? { keystore: { file: keys.file, keys } } : {}),
    probe: probeOptions(options),
  });
  const revocation = options.revocation
    ? await checkPathRevocation(target, record, {
        client: options.client,
        store: store.decoded,
        found,
        ...(java ? { java } : {}),
        ...(fromPid ? { javaProperties: fromPid.process.properties } : {}),
        download: options.download !== false,
        proxy: probeOptions(options).proxy,
      })
    : undefined;
  const diagnosis = revocation ? withRevocationProblems(withHandshake(chain, handshake), revocation) : withHandshake(chain, handshake);
  // The contract's diagnosis, and what else decides the handshake: a client certificate the server asks for.
  const pidInfo = fromPid ? { process: { pid: fromPid.process.pid, trustStore: fromPid.process.trustStore, rule: fromPid.process.rule, why: fromPid.process.why, ...(fromPid.process.type ? { type: fromPid.process.type } : {}) }, java: fromPid.process.java } : {};
  if (options.json) printJson({ ...(revocation ? { ...diagnosis, path: withRevocation(diagnosis.path, revocation) } : diagnosis), ...pidInfo, ...(result.clientCertificate ? { clientCertificate: result.clientCertificate } : {}), ...(keys ? { clientKeys: keys } : {}) });
  else {
    printDiagnosis(diagnosis, fixCommands(diagnosis, target, options));
    if (revocation) printRevocation(revocation);
    printClientCertificate(result.clientCertificate, keys);
    if (record.proxy) process.stdout.write(style.dim(`\nReached ${target} through the proxy ${record.proxy}.\n`));
  }
  // Exit 0 only when the chain is trusted and the whole handshake would complete.
  process.exitCode = diagnosis.trusted && diagnosis.connects !== false ? EXIT.ok : EXIT.untrusted;
}
