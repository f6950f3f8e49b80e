// What a person types as a probe target (`https://host[:port][/…]`, `host:port`, `host`, `[v6]:port`)
// turned into the host and port to connect to, plus how to name that endpoint in messages.
import { isIP, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import { UsageError } from '../../../shared/errors';
import { TLS_SCHEME_PORTS } from '../../../shared/tls-schemes';

export interface ProbeTarget {
  host: string;
  port: number;
}

const EXAMPLES = 'use https://host[:port], host:port, host or [ipv6]:port';

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

function parseUrl(target: string): ProbeTarget {
  const scheme = target.slice(0, target.indexOf('://')).toLowerCase();
  const defaultPort = TLS_SCHEME_PORTS[scheme];
  if (defaultPort === undefined) {
    const hint = scheme === 'http' || scheme === 'ws' ? ` (${scheme}:// is not TLS; did you mean ${scheme}s://?)` : '';
    throw new UsageError(`"${target}" uses ${scheme}://, which is not a TLS scheme${hint}: ${EXAMPLES}`);
  }
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new UsageError(`"${target}" is not a valid URL: ${EXAMPLES}`);
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host: checkHost(host, target), port: url.port ? parsePort(url.port, target) : defaultPort };
}

/** Parse a probe target. Throws UsageError with an example of what is accepted. */
export function parseTarget(target: string): ProbeTarget {
  const text = target.trim();
  if (text === '') throw new UsageError(`no target given: ${EXAMPLES}`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return parseUrl(text);
  if (/[/?#@\s]/.test(text)) throw new UsageError(`"${target}" is not a host or host:port: ${EXAMPLES}`);

  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const host = bracketed[1]!;
    if (!isIPv6(host)) throw new UsageError(`"${target}" has "${host}" in brackets, which is not an IPv6 address`);
    return { host, port: bracketed[2] !== undefined ? parsePort(bracketed[2], target) : 443 };
  }
  if (isIPv6(text)) return { host: text, port: 443 }; // a bare IPv6 address: its colons are not a port
  const colon = text.lastIndexOf(':');
  if (colon === -1) return { host: checkHost(text.toLowerCase(), target), port: 443 };
  if (text.indexOf(':') !== colon) throw new UsageError(`"${target}" is ambiguous: write an IPv6 address in brackets, e.g. [::1]:443`);
  return { host: checkHost(text.slice(0, colon).toLowerCase(), target), port: parsePort(text.slice(colon + 1), target) };
}

/** host:port as people write it, with IPv6 addresses in brackets. */
export function formatEndpoint(target: ProbeTarget): string {
  return isIPv6(target.host) ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
