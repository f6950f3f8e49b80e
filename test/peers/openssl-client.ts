// `openssl s_client` as a peer: its verify verdict for a server and trust store, and the exact chain
// a server sent (-showcerts), read from the peer's own output.
import { runAsync } from './run-async';

export interface OpensslVerdict {
  readonly trusted: boolean;
  /** X509_V_ERR_* number from "verify error:num=N:…", when verification failed. */
  readonly verifyCode: number | null;
  readonly verifyError: string | null;
  readonly output: string;
}

/**
 * `openssl s_client -connect 127.0.0.1:PORT -servername HOST -verify_return_error -verify_hostname HOST
 * -CAfile STORE` (for an IP address: -verify_ip instead of -verify_hostname, as OpenSSL-based clients do).
 */
export async function opensslVerify(address: string, port: number, host: string, caFile: string): Promise<OpensslVerdict> {
  const ip = /^[0-9.]+$/.test(host) || host.includes(':');
  // -no-CApath / -no-CAstore: trust exactly the store's certificates, not also the system's.
  const args = ['s_client', '-connect', `${address}:${port}`, '-verify_return_error', '-CAfile', caFile, '-no-CApath', '-no-CAstore'];
  args.push(...(ip ? ['-verify_ip', host] : ['-servername', host, '-verify_hostname', host]));
  const result = await runAsync('openssl', args, '', 20_000);
  const output = result.stdout + result.stderr;
  const error = /verify error:num=(\d+):([^\n]*)/.exec(output);
  const ok = /Verify return code: 0 \(ok\)/.test(result.stdout);
  if (result.status === 0 && !ok) throw new Error(`s_client succeeded without a verify result:\n${output}`);
  if (result.status !== 0 && !error) throw new Error(`s_client failed without a verify error (not a trust verdict):\n${output}`);
  return { trusted: result.status === 0 && ok, verifyCode: error ? Number(error[1]) : null, verifyError: error ? error[2]!.trim() : null, output };
}

/** The certificates the server sent, in wire order, as `s_client -showcerts` prints them. */
export async function opensslSentChain(address: string, port: number, servername: string): Promise<Uint8Array[]> {
  const args = ['s_client', '-connect', `${address}:${port}`, '-servername', servername, '-showcerts', '-no-CAfile', '-no-CApath', '-no-CAstore'];
  const result = await runAsync('openssl', args, '', 20_000);
  const blocks = result.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`s_client -showcerts printed no certificate:\n${result.stdout}${result.stderr}`);
  return blocks.map((block) => new Uint8Array(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')));
}

export interface OpensslHandshake {
  /** The handshake completed, the chain verified, and the server did not end the connection with an alert. */
  readonly connected: boolean;
  readonly verifyCode: number | null;
  /** An alert or OpenSSL error that ended the handshake, e.g. "legacy sigalg disallowed or unsupported". */
  readonly failure: string | null;
  readonly output: string;
}

/**
 * `openssl s_client -verify_return_error` as opensslVerify runs it, for the handshake as a whole (protocol,
 * cipher, client certificate). `untilClosed` (-ign_eof): wait for the server to close, so that a TLS 1.3
 * server's verdict on the client certificate, sent after the client's handshake is done, is seen.
 */
export async function opensslHandshake(address: string, port: number, host: string, caFile: string, untilClosed = false): Promise<OpensslHandshake> {
  const args = ['s_client', '-connect', `${address}:${port}`, '-verify_return_error', '-CAfile', caFile, '-no-CApath', '-no-CAstore', '-servername', host, '-verify_hostname', host];
  if (untilClosed) args.push('-ign_eof');
  const result = await runAsync('openssl', args, '', 20_000);
  const output = result.stdout + result.stderr;
  const error = /verify error:num=(\d+)/.exec(output);
  const failure = /:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):/.exec(output)?.[1] ?? null;
  const connected = result.status === 0 && /Verify return code: 0 \(ok\)/.test(result.stdout) && failure === null;
  return { connected, verifyCode: error ? Number(error[1]) : null, failure, output };
}
