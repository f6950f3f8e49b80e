// What a person types as a probe target (`https://host[:port][/…]`, `host:port`, `host`, `[v6]:port`, or a
// scheme that upgrades to TLS such as `smtp://` or `postgres://`) turned into the host and port to connect
// to and the upgrade to run first, plus how to name that endpoint in messages.
import { isIP, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { UsageError } from '../../../shared/errors';
import { STARTTLS_DEFAULT_PORTS, STARTTLS_SCHEMES, TLS_SCHEME_PORTS, type StartTlsProtocol } from '../../../shared/tls-schemes';

export interface ProbeTarget {
  host: string;
  port: number;
  /** The plain-text exchange that asks the server to start TLS (smtp:// or --starttls smtp); absent: TLS from the first byte. */
  starttls?: StartTlsProtocol;
}

const EXAMPLES = 'use https://host[:port], host:port, host, [ipv6]:port, or a scheme such as smtp://, ldap://, postgres://';

function parsePort(text: string, target: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new UsageError(`"${target}" has an invalid port "${text}": ${EXAMPLES}`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new UsageError(`"${target}" has port ${port}, which is outside 1-65535`);
  return port;
}

function checkHost(host: string, target: string): string {
  if (host === '') throw new UsageError(`"${target}" has no host name: ${EXAMPLES}`);
  if (isIP(host)) return host;
  const ascii = domainToASCII(host);
  if (ascii === '' || !/^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(ascii) || ascii.length > 253) {
    throw new UsageError(`"${target}" is not a valid host name: ${EXAMPLES}`);
  }
  return ascii.replace(/\.$/, '');
}

function parseUrl(target: string, starttls: StartTlsProtocol | undefined): ProbeTarget {
  const scheme = target.slice(0, target.indexOf('://')).toLowerCase();
  const upgrade = STARTTLS_SCHEMES[scheme];
  const defaultPort = TLS_SCHEME_PORTS[scheme] ?? upgrade?.port;
  if (starttls && upgrade && upgrade.starttls !== starttls) {
    throw new UsageError(`"${target}" is ${upgrade.starttls} but --starttls asks for ${starttls}: give one of them`);
  }
  if (starttls && !upgrade) {
    throw new UsageError(`"${target}" speaks TLS from the first byte (${scheme}://), so --starttls ${starttls} does not apply: give host:port with --starttls`);
  }
  if (defaultPort === undefined) {
    // Said once: "not a TLS scheme", then what was probably meant (http:// -> https://, ws:// -> wss://).
    const hint = scheme === 'http' || scheme === 'ws' ? `; did you mean ${scheme}s://${target.slice(scheme.length + 3)}? Or` : ':';
    throw new UsageError(`"${target}" uses ${scheme}://, which is not a TLS scheme${hint} ${EXAMPLES}`);
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`"${target}" is not a valid URL: ${EXAMPLES}`);
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const parsed = { host: checkHost(host, target), port: url.port ? parsePort(url.port, target) : defaultPort };
  return upgrade ? { ...parsed, starttls: upgrade.starttls } : parsed;
}

/**
 * Parse a probe target; `starttls` (--starttls PROTO) upgrades a bare host[:port], whose port then
 * defaults to that protocol's. Throws UsageError with an example of what is accepted.
 */
export function parseTarget(target: string, starttls?: StartTlsProtocol): ProbeTarget {
  const text = target.trim();
  if (text === '') throw new UsageError(`no target given: ${EXAMPLES}`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return parseUrl(text, starttls);
  const parsed = parseHostPort(text, target, starttls ? STARTTLS_DEFAULT_PORTS[starttls] : 443);
  return starttls ? { ...parsed, starttls } : parsed;
}

function parseHostPort(text: string, target: string, defaultPort: number): ProbeTarget {
  if (/[/?#@\s]/.test(text)) throw new UsageError(`"${target}" is not a host or host:port: ${EXAMPLES}`);

  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1]!;
    if (!isIPv6(host)) throw new UsageError(`"${target}" has "${host}" in brackets, which is not an IPv6 address`);
    return { host, port: bracketed[2] !== undefined ? parsePort(bracketed[2], target) : defaultPort };
  }
  if (isIPv6(text)) return { host: text, port: defaultPort }; // a bare IPv6 address: its colons are not a port
  const colon = text.lastIndexOf(':');
  if (colon === -1) return { host: checkHost(text.toLowerCase(), target), port: defaultPort };
  if (text.indexOf(':') !== colon) throw new UsageError(`"${target}" is ambiguous: write an IPv6 address in brackets, e.g. [::1]:443`);
  return { host: checkHost(text.slice(0, colon).toLowerCase(), target), port: parsePort(text.slice(colon + 1), target) };
}

/** host:port as people write it, with IPv6 addresses in brackets. */
export function formatEndpoint(target: ProbeTarget): string {
  return isIPv6(target.host) ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}

/** The URL scheme of a target, lower case (`ldaps`); undefined for host:port. */
export function targetScheme(target: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(target.trim())?.[1]?.toLowerCase();
}
