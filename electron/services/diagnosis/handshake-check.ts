// The handshake beside the chain: whether the client would complete it (see shared/chain/handshake.ts).
// Where the probe's own negotiation does not tell (it offered every suite; the server chose one this JDK
// does not offer), a second handshake offers exactly the protocol versions and suites this JDK's client
// offers, translated to OpenSSL's names, and its outcome decides.
import { enabledProtocols, enabledSuites, opensslSuiteName } from '../../../shared/chain/java-tls';
import { handshakeVerdict, needsClientAttempt, type ClientAttempt, type HandshakeVerdict } from '../../../shared/chain/handshake';
import type { JavaRules } from '../../../shared/chain/java-certpath';
import type { ClientCertificateRequest, ClientKeys, ClientProfile } from '../../../shared/model/probe';
import { probeTls, type ProbeOptions, type ProbeRecord, type TlsVersion } from '../tls/probe';

export interface HandshakeOptions {
  readonly java?: JavaRules;
  readonly clientCertificate?: ClientCertificateRequest;
  readonly keystore?: { readonly file: string; readonly keys: ClientKeys };
  /** The keystore is an open tab of the app, not --keystore (for the words of the fix). */
  readonly keystoreFrom?: 'cli' | 'app';
  /** How the first probe reached the server (servername, timeout, proxy, signal). */
  readonly probe?: ProbeOptions;
}

const NODE_VERSIONS: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** A handshake offering what this JDK's client offers. */
async function asJavaClient(target: string, java: JavaRules, options: ProbeOptions): Promise<ClientAttempt> {
  const versions = enabledProtocols(java.java).filter((v): v is TlsVersion => (NODE_VERSIONS as readonly string[]).includes(v));
  const suites = enabledSuites(java.java).map(opensslSuiteName).filter((name): name is string => name !== null);
  if (versions.length === 0) return { ok: false, protocolVersionAlert: true, reason: 'this JDK enables no protocol version' };
  if (suites.length === 0) return { ok: false, protocolVersionAlert: false, reason: 'this JDK enables no cipher suite' };
  const order = [...versions].sort((a, b) => NODE_VERSIONS.indexOf(a) - NODE_VERSIONS.indexOf(b));
  try {
    const record = await probeTls(target, { ...options, minVersion: order[0], maxVersion: order[order.length - 1], ciphers: `${suites.join(':')}:@SECLEVEL=0` });
    return { ok: true, protocol: record.protocol, cipher: record.cipher };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, protocolVersionAlert: /protocol_version|protocol version|unsupported protocol|no protocols available/i.test(reason), reason };
  }
}

/** Whether `client` would complete the handshake the probe recorded. */
export async function judgeHandshake(target: string, record: ProbeRecord, client: ClientProfile, options: HandshakeOptions = {}): Promise<HandshakeVerdict> {
  const java = options.java?.java;
  const attempt =
    client === 'java' && options.java && needsClientAttempt(client, record.protocol, record.cipher, java) ? await asJavaClient(target, options.java, options.probe ?? {}) : undefined;
  return handshakeVerdict({
    client,
    protocol: record.protocol,
    cipher: record.cipher,
    ...(record.offeredAllCiphers ? { offeredAllCiphers: true } : {}),
    ...(attempt ? { attempt } : {}),
    ...(options.clientCertificate ? { clientCertificate: options.clientCertificate } : {}),
    ...(options.keystore ? { keystore: options.keystore } : {}),
    ...(options.keystoreFrom ? { keystoreFrom: options.keystoreFrom } : {}),
    ...(java ? { java } : {}),
  });
}
