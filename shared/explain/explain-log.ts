// `explain`: a failure log in, what it shows and the diagnosis it allows out. Pure text to model; the
// main process adds where this machine has the missing certificate (electron/services/machine/explain-on-machine.ts).
import type { LogExplanation, LogKind, LogTrustStore } from '../model/explanation';
import { endpointIn } from './endpoint';
import { classifyFailure } from './failure-class';
import { readJsseDebugLog } from './jsse-debug-log';
import { diagnoseLog } from './log-diagnosis';
import { readToolOutput } from './tool-output';

const JAVA_TRACE = /^\s*at [\w$.]+\([^)]*\)\s*$|^(?:Caused by: )?(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b/m;

export function explainLog(text: string): LogExplanation {
  const jsse = readJsseDebugLog(text);
  const tool = readToolOutput(text);
  const kinds: LogKind[] = [];
  if (jsse.isDebugLog) kinds.push('jsse-debug');
  if (JAVA_TRACE.test(text)) kinds.push('java-stack-trace');
  if (tool.curl) kinds.push('curl');
  if (tool.openssl) kinds.push('openssl');
  if (!kinds.length) kinds.push('text');

  const failure = classifyFailure(text);
  const endpoint = endpointIn(text, jsse.serverName);
  const trustStore: LogTrustStore | undefined = jsse.trustStore
    ? { path: jsse.trustStore.path, ...(jsse.trustStore.type ? { type: jsse.trustStore.type } : {}), ...(jsse.skippedStores.length ? { skipped: jsse.skippedStores } : {}), client: 'java' }
    : tool.caFile
      ? { path: tool.caFile, client: tool.curl ? 'curl' : 'openssl' }
      : undefined;
  const chain = jsse.chain ?? tool.chain;
  const diagnosis = diagnoseLog({ failure, chain, trusted: jsse.trusted, trustStore, host: endpoint.host, loggedAt: jsse.loggedAt });

  const java = kinds.includes('jsse-debug') || kinds.includes('java-stack-trace');
  const notShown: string[] = [];
  if (!failure) notShown.push('a TLS failure TrustLens knows: no PKIX, expiry, host name, protocol, alert or connection error was found in the text.');
  if (!endpoint.host) notShown.push('the server: no line names its host (a URL, "Connected to …" or the SNI name of a debug log).');
  else if (endpoint.port === undefined) notShown.push(`the port of ${endpoint.host}: no line names it (a JSSE debug log never does).`);
  if (!trustStore) {
    notShown.push(
      java
        ? 'the trust store: JSSE names it only with -Djavax.net.debug=ssl:trustmanager (or all); `trustlens stores` shows what each running JVM reads.'
        : 'the trust store the client used.',
    );
  } else if (java && !jsse.trusted) notShown.push('the certificates the trust store held: -Djavax.net.debug=ssl:trustmanager lists them.');
  if (!chain && failure && ['PKIX_PATH_BUILDING', 'SELF_SIGNED', 'EXPIRED', 'NOT_YET_VALID', 'HOSTNAME_MISMATCH', 'PKIX_PATH_VALIDATION'].includes(failure.class)) {
    notShown.push(
      java
        ? 'the chain the server sent: JSSE prints it with -Djavax.net.debug=ssl:handshake; or run trustlens probe HOST:PORT where the server can be reached.'
        : 'the chain the server sent: curl -v or openssl s_client -showcerts prints it.',
    );
  }
  return {
    kinds,
    ...(endpoint.host ? { host: endpoint.host } : {}),
    ...(endpoint.port !== undefined ? { port: endpoint.port } : {}),
    failure,
    ...(trustStore ? { trustStore } : {}),
    ...(jsse.trusted ? { trusted: jsse.trusted } : {}),
    ...(chain ? { chain } : {}),
    ...(jsse.protocol ? { protocol: jsse.protocol } : {}),
    diagnosis,
    notShown,
  };
}
