// The server a log is about, where a line names it: a URL, curl's "Connected to HOST (ADDR) port N",
// Apache HttpClient's "Connect to HOST:PORT", OpenSSL's "-connect HOST:PORT", JSSE's SNI and hostname
// messages. Port 443 is only assumed from an https:// URL without one; otherwise a missing port stays missing.

export interface Endpoint {
  readonly host?: string;
  readonly port?: number;
}

/** host:port where host is a name with a dot, localhost or an IPv4 address, and not a source file ("X.java:375"). */
const HOST_PORT = /\b((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*|localhost|\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})\b/gi;
const SOURCE_FILE = /\.(?:java|kt|scala|groovy|js|ts|py|go|rb|c|h|cc|cpp)$/i;
/**
 * A line of a hex dump: JSSE's "-Djavax.net.debug=all" prints every record as "  0000: 16 03 03 … ascii",
 * OpenSSL's -msg/-debug as "0000 - 16 03 03 …". Their ASCII column is the packet's bytes, and a run such as
 * "8.l.G:4431" there once read as a server; no host is taken from those lines.
 */
const HEX_DUMP_LINE = /^\s*[0-9a-f]{4}(?:: | - )(?:[0-9a-f]{2}[ -]){2}.*$/gim;

export function endpointIn(logText: string, serverName?: string): Endpoint {
  const text = logText.replace(HEX_DUMP_LINE, '');
  let m: RegExpExecArray | null;
  if ((m = /\* Connected to (\S+) \(([^)]*)\) port (\d+)/.exec(text))) return { host: m[1], port: Number(m[3]) };
  if ((m = /Failed to connect to (\S+) port (\d+)/.exec(text))) return { host: m[1], port: Number(m[2]) };
  if ((m = /-connect\s+(\[[^\]]+\]|[^\s:]+):(\d+)/.exec(text))) return { host: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
  if ((m = /Connect to ([^\s:[]+):(\d+)/.exec(text))) return { host: m[1], port: Number(m[2]) };
  // A URL the client was fetching; not one a tool points to for help (curl: "More details here: https://curl.se/docs/…").
  for (const url of text.matchAll(/\b(?:https|wss|ldaps|ftps|smtps|imaps|pop3s):\/\/(\[[^\]]+\]|[^\s/:"'<>?#]+)(?::(\d+))?/gi)) {
    const lineStart = text.lastIndexOf('\n', url.index) + 1;
    if (/More details here|curl\.se\/docs|openssl\.org\/docs/i.test(text.slice(lineStart, url.index + url[0].length))) continue;
    const port = url[2] ? Number(url[2]) : /^https/i.test(url[0]) ? 443 : undefined;
    return port === undefined ? { host: url[1]!.replace(/^\[|\]$/g, '') } : { host: url[1]!.replace(/^\[|\]$/g, ''), port };
  }
  for (const hit of text.matchAll(HOST_PORT)) {
    if (SOURCE_FILE.test(hit[1]!)) continue;
    const port = Number(hit[2]);
    if (port > 0 && port < 65536) return { host: hit[1], port };
  }
  const host =
    serverName ??
    /No subject alternative DNS name matching (\S+?) found/.exec(text)?.[1] ??
    /No subject alternative names matching IP address (\S+?) found/.exec(text)?.[1] ??
    /No name matching (\S+?) found/.exec(text)?.[1];
  return host ? { host } : {};
}
