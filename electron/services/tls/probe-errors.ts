// Turns what went wrong during a probe (a socket error, an OpenSSL error, what the server actually sent)
// into one NetworkError sentence that names host:port and says what to check.
import { NetworkError } from '../../../shared/errors';
import { ALERT_CERTIFICATE_REQUIRED, ALERT_HANDSHAKE_FAILURE, alertHint, alertName } from './alerts';
import type { ServerFlight } from './server-flight';
import { looksLikeTlsRecord } from './record-reader';

interface ErrorWithCode extends Error {
  code?: string;
  errors?: unknown[];
}

function errorCode(error: unknown): string | undefined {
  const e = error as ErrorWithCode | undefined;
  if (!e) return undefined;
  if (typeof e.code === 'string') return e.code;
  const first = Array.isArray(e.errors) ? (e.errors[0] as ErrorWithCode | undefined) : undefined;
  return typeof first?.code === 'string' ? first.code : undefined;
}

/** "3 s", "1.5 s", "300 ms" */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/** Errors from DNS and TCP, before any TLS byte was exchanged. */
export function connectError(error: unknown, host: string, endpoint: string): NetworkError {
  const code = errorCode(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
    case 'EAI_FAIL':
      return new NetworkError(`cannot resolve host ${host}: check the name, or your DNS and proxy settings`);
    case 'EAI_AGAIN':
      return new NetworkError(`cannot resolve host ${host}: the DNS server did not answer (are you offline?)`);
    case 'ECONNREFUSED':
      return new NetworkError(`${endpoint} refused the connection: nothing is listening there (check the host and port)`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new NetworkError(`${endpoint} is unreachable from this machine (check the address, VPN or firewall)`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new NetworkError(`${endpoint} reset the connection during the TLS handshake (a firewall or a non-TLS service may be in the way)`);
    case 'ETIMEDOUT':
      return new NetworkError(`no answer from ${endpoint}: the connection timed out (check the host, port and firewall)`);
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new NetworkError(`cannot connect to ${endpoint}: ${detail}`);
    }
  }
}

/** What the first bytes of a non-TLS answer look like, for "did not answer with TLS (…)". */
export function describeNonTls(bytes: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  if (/^HTTP\/\d/.test(text) || /^<(!doctype|html)/i.test(text)) return 'it looks like plain HTTP';
  if (text.startsWith('SSH-')) return 'it looks like SSH';
  if (/^220[ -]/.test(text)) return 'it sent a plain-text greeting such as SMTP or FTP: probe smtp://host:port or ftp://host:port (or add --starttls smtp|ftp) to upgrade it first';
  if (/^\+OK/.test(text) || /^\* OK/.test(text)) return 'it sent a plain-text greeting such as POP3 or IMAP: probe pop3://host:port or imap://host:port (or add --starttls pop3|imap) to upgrade it first';
  return `it sent ${bytes.length} bytes that are not a TLS record`;
}

/** An alert the server sent, named, with what it usually means. */
export function alertError(description: number, endpoint: string): NetworkError {
  const hint = alertHint(description);
  return new NetworkError(`${endpoint} refused the TLS handshake with alert ${alertName(description)}${hint ? ` (${hint})` : ''}`);
}

export function clientCertificateRequiredMessage(endpoint: string): string {
  return `${endpoint} requires a client certificate (mutual TLS) and ended the handshake when none was sent`;
}

/** The alert number OpenSSL reports for an alert it received ("… SSL alert number 70"). */
function receivedAlertNumber(error: unknown): number | undefined {
  const match = /SSL alert number (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : undefined;
}

/** OpenSSL's reason text, e.g. "wrong version number" from "…:SSL routines:ssl3_get_record:wrong version number:…". */
function openSslReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /SSL routines:[^:]*:([^:]+):/.exec(message);
  return match ? match[1]! : message;
}

export interface HandshakeFailureInput {
  readonly endpoint: string;
  readonly received: Uint8Array;
  readonly flight: ServerFlight | undefined;
  /** The error node:tls reported, if any. */
  readonly tlsError?: unknown;
  /** An error from the TCP socket underneath, if any. */
  readonly socketError?: unknown;
}

/** The alert that ended the handshake, from the records or from OpenSSL's error. */
export function handshakeAlert(input: HandshakeFailureInput): number | undefined {
  return input.flight?.alert?.description ?? receivedAlertNumber(input.tlsError);
}

/** True when the server asked for a client certificate and then aborted with the alert that means it. */
export function isClientCertificateFailure(input: HandshakeFailureInput): boolean {
  const alert = handshakeAlert(input);
  if (alert === ALERT_CERTIFICATE_REQUIRED) return true;
  return input.flight?.certificateRequested === true && alert === ALERT_HANDSHAKE_FAILURE;
}

/** Explain a handshake that did not complete. */
export function handshakeError(input: HandshakeFailureInput): NetworkError {
  const { endpoint, received } = input;
  if (received.length > 0 && !looksLikeTlsRecord(received.subarray(0, 5))) {
    return new NetworkError(`${endpoint} did not answer with TLS (${describeNonTls(received)})`);
  }
  if (isClientCertificateFailure(input)) return new NetworkError(clientCertificateRequiredMessage(endpoint));
  const alert = handshakeAlert(input);
  if (alert !== undefined) return alertError(alert, endpoint);
  if (input.socketError !== undefined) return connectError(input.socketError, endpoint, endpoint);
  if (received.length === 0) {
    return new NetworkError(`${endpoint} closed the connection without answering the TLS handshake (is it a TLS port?)`);
  }
  if (input.flight?.problem) return new NetworkError(`${endpoint} sent a malformed TLS handshake: ${input.flight.problem}`);
  if (input.tlsError !== undefined && openSslReason(input.tlsError) === 'excessive message size') return oversizedMessage(endpoint, input.flight);
  if (input.tlsError !== undefined) return new NetworkError(`TLS handshake with ${endpoint} failed: ${openSslReason(input.tlsError)}`);
  return new NetworkError(`${endpoint} closed the connection before the TLS handshake finished`);
}

/**
 * OpenSSL's client refuses a handshake message longer than it reads: for the Certificate message that is
 * the context's max_cert_list, SSL_MAX_CERT_LIST_DEFAULT = 100 KiB unless the application sets it (OpenSSL
 * 3.0, ssl/ssl_lib.c SSL_CTX_new and ssl/statem/statem_clnt.c ossl_statem_client_max_message_size; Node.js,
 * curl and `openssl s_client` keep the default). It then says only "excessive message size". The declared
 * length comes from the message header the probe recorded.
 */
const OPENSSL_MAX_CERT_LIST = 100 * 1024;
const HANDSHAKE_CERTIFICATE = 11;

function oversizedMessage(endpoint: string, flight: ServerFlight | undefined): NetworkError {
  const unfinished = flight?.unfinished;
  const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  if (unfinished?.type === HANDSHAKE_CERTIFICATE) {
    return new NetworkError(
      `${endpoint}'s Certificate message (its chain) is ${bytes(unfinished.length)} long, more than TLS clients built on OpenSSL accept ` +
        `(${bytes(OPENSSL_MAX_CERT_LIST)} by default), so they end the handshake ("excessive message size"): ` +
        'a server needs to send only its own certificate and the intermediates up to its CA; configure it to send a shorter chain',
    );
  }
  const what = unfinished ? `a handshake message (type ${unfinished.type}) of ${bytes(unfinished.length)}` : 'a handshake message';
  return new NetworkError(`${endpoint} sent ${what}, longer than the TLS client accepts, so it ended the handshake ("excessive message size")`);
}
