// `trustlens probe TARGET` and `trustlens diagnose TARGET --truststore FILE`. Only the options are
// defined here; what the commands do is in probe-action.ts, loaded when one of them runs.
import { Option, type Command } from 'commander';
import { addNetworkOptions, addPasswordOptions } from '../options';
import type { DiagnoseFlags, ProbeFlags } from './probe-action';

function targetOptions(command: Command): Command {
  return addNetworkOptions(command)
    .option('--keystore <file>', "your application's keystore: say which key entry a Java client would offer a server that asks for a client certificate")
    .option('--keystore-password <password>', 'the password of --keystore, where listing it needs one')
    .option('--json', 'print one JSON document');
}

export function registerProbe(program: Command): void {
  targetOptions(
    program
      .command('probe')
      .description('connect with TLS and show exactly the certificates the server sends, in order')
      .argument('<target>', 'https://host[:port], host:port, or host'),
  ).action(async (target: string, options: ProbeFlags) => {
    const { runProbe } = await import('./probe-action');
    await runProbe(target, options);
  });

  addPasswordOptions(
    targetOptions(
      program
        .command('diagnose')
        .description('say whether a client would trust the server with this trust store, and what to import if not')
        .argument('<target>', 'https://host[:port], host:port, or host')
        .option('--truststore <file>', 'the trust store the client uses (JKS, PKCS#12, PEM, …)')
        .option('--pid <pid>', 'judge with exactly what this running JVM uses: its trust store (by Java\'s rule) and its JDK')
        .addOption(new Option('--client <profile>', 'which client to judge for').choices(['java', 'openssl']).default('java'))
        .option('--no-download', "do not download an intermediate the server leaves out from its certificate's CA Issuers URL")
        .option('--java-home <dir>', "judge with this JDK's rules (its java.security, its cacerts roots); default the JDK of the java on the PATH")
        .option('--java-security <file>', 'overrides of java.security, in the -Djava.security.properties file format'),
    ),
  ).action(async (target: string, options: DiagnoseFlags) => {
    const { runDiagnose } = await import('./probe-action');
    await runDiagnose(target, options);
  });
}
