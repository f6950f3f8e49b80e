// How a target a person typed is named on screen before the server answers: "host:port", with the
// scheme's default port filled in. The main process does the real parsing (and rejects what is wrong);
// this is only for the tab title and "Connecting to host:443…".
import { schemePort } from '../../../shared/tls-schemes';

/** "https://Example.com/path" -> "example.com:443"; "[::1]:8443" stays as it is; unparseable text is returned trimmed. */
export function endpointLabel(target: string): string {
  const text = target.trim();
  let hostPort = text;
  let port = 443;
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(text);
  if (url) {
    port = schemePort(url[1]!) ?? 443;
    hostPort = url[2]!.replace(/^.*@/, '');
  }
  if (/^\[[^\]]*\]:\d+$/.test(hostPort) || /^[^:]+:\d+$/.test(hostPort)) return hostPort.toLowerCase();
  if (/^\[[^\]]*\]$/.test(hostPort) || !hostPort.includes(':')) return `${hostPort.toLowerCase()}:${port}`;
  return `[${hostPort.toLowerCase()}]:${port}`; // a bare IPv6 address
}

/** host:port of a probe result, with IPv6 addresses in brackets. */
export function formatEndpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

let counter = 0;

/** A request id for probe, diagnose, planImport: what api.cancel and later exports name the call by. */
export function newRequestId(prefix = 'probe'): string {
  counter += 1;
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : Math.random().toString(36).slice(2);
  return `${prefix}-${counter}-${random}`.slice(0, 64);
}
