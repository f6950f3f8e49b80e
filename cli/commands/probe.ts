// `trustlens probe TARGET` and `trustlens diagnose TARGET --truststore FILE`. Only the options are
// defined here; what the commands do is in probe-action.ts, loaded when one of them runs.
import { Option, type Command } from 'commander';
import { addNetworkOptions, addPasswordOptions } from '../options';
import { UsageError } from '../../shared/errors';
import type { DiagnoseFlags, ProbeFlags } from './probe-action';

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new Error('--concurrency takes a whole number from 1 to 256');
  return n;
}

function targetOptions(command: Command): Command {
  return addNetworkOptions(command)
    .option('--keystore <file>', "your application's keystore: say which key entry a Java client would offer a server that asks for a client certificate")
    .option('--keystore-password <password>', 'the password of --keystore, where listing it needs one')
    .option('--all-addresses', 'probe every address the host name resolves to (A and AAAA), side by side')
    .option('--revocation', "check each certificate's revocation: the server's stapled OCSP response, else its CA's OCSP responder, else its CRL")
    .option('--json', 'print one JSON document');
}

export function registerProbe(program: Command): void {
  targetOptions(
    program
      .command('probe')
      .description('connect with TLS and show exactly the certificates the server sends, in order')
      .argument('<target>', 'https://host[:port], host:port, or host'),
  )
    .option('--no-download', 'with --revocation: fetch nothing (no OCSP request, no CRL); only a stapled response is read')
    .action(async (target: string, options: ProbeFlags) => {
    const { runProbe } = await import('./probe-action');
    await runProbe(target, options);
  });

  addPasswordOptions(
    targetOptions(
      program
        .command('diagnose')
        .description('say whether a client would trust the server with this trust store, and what to import if not')
        .argument('[target]', 'https://host[:port], host:port, host, or a scheme such as ldap://, smtp://, postgres://')
        .option('--targets <file>', "check every target of this file (one per line, any scheme, '#' comments) with the trust store: a table of verdicts")
        .option('--concurrency <n>', 'with --targets: how many targets are checked at once', parseConcurrency, 16)
        .option('--truststore <file>', 'the trust store the client uses (JKS, PKCS#12, PEM, …)')
        .option('--pid <pid>', 'judge with exactly what this running JVM uses: its trust store (by Java\'s rule) and its JDK')
        .addOption(new Option('--client <profile>', 'which client to judge for').choices(['java', 'openssl']).default('java'))
        .option('--no-download', "fetch nothing: no intermediate from a CA Issuers URL, no OCSP request or CRL for --revocation")
        .option('--java-home <dir>', "judge with this JDK's rules (its java.security, its cacerts roots); default the JDK of the java on the PATH")
        .option('--java-security <file>', 'overrides of java.security, in the -Djava.security.properties file format'),
    ),
  ).action(async (target: string | undefined, options: DiagnoseFlags & { targets?: string; concurrency: number }) => {
    if (options.targets) {
      if (target !== undefined) throw new UsageError(`give either a target or --targets ${options.targets}, not both`);
      if (!options.truststore) throw new UsageError('--targets needs the trust store to judge them with: add --truststore FILE');
      const { runDiagnoseTargets } = await import('./targets-action');
      return runDiagnoseTargets(options.targets, options);
    }
    if (target === undefined) throw new UsageError('diagnose needs a target (https://host:port, ldap://host, …) or --targets FILE');
    const { runDiagnose } = await import('./probe-action');
    await runDiagnose(target, options);
  });
}
