// `--resolve HOST[:PORT]:ADDR[,ADDR…]`, as curl's: connect to these addresses for that host name (and port)
// instead of asking DNS, while SNI, the Host and the certificate check keep the name. For tests on
// loopback, and for reaching one backend behind a name directly. Without a rule, every A and AAAA record
// the system resolver (getaddrinfo, so /etc/hosts too, as clients see it) gives.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UsageError } from '../../../shared/errors';
import { connectError } from '../tls/probe-errors';

export interface ResolveRule {
  readonly host: string;
  /** The port the rule is for; undefined: any port. */
  readonly port?: number;
  readonly addresses: readonly string[];
}

const FORM = 'use --resolve HOST:ADDRESS[,ADDRESS…] or HOST:PORT:ADDRESS[,ADDRESS…], IPv6 addresses in brackets';

/** One --resolve value. */
export function parseResolveRule(text: string): ResolveRule {
  const match = /^([^:\s]+):(?:(\d{1,5}):)?(.+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--resolve "${text}" is not HOST:ADDRESS: ${FORM}`);
  const [, host, port, list] = match;
  const addresses = list!.split(',').map((item) => item.trim().replace(/^\[(.*)\]$/, '$1'));
  for (const address of addresses) {
    if (!isIP(address)) throw new UsageError(`--resolve "${text}": "${address}" is not an IP address: ${FORM}`);
  }
  const rule = { host: host!.toLowerCase().replace(/\.$/, ''), addresses: [...new Set(addresses)] };
  if (port === undefined) return rule;
  const number = Number(port);
  if (number < 1 || number > 65535) throw new UsageError(`--resolve "${text}" has port ${number}, which is outside 1-65535`);
  return { ...rule, port: number };
}

/** The addresses the rules give for host:port, the last matching rule winning (as curl's later entries do). */
export function ruleAddresses(rules: readonly ResolveRule[] | undefined, host: string, port: number): readonly string[] | undefined {
  const name = host.toLowerCase();
  return rules?.filter((rule) => rule.host === name && (rule.port === undefined || rule.port === port)).at(-1)?.addresses;
}

/** Every address of `host` (an IP address is its own), in the resolver's order, without repeats. */
export async function resolveAll(host: string, port: number, endpoint: string, rules?: readonly ResolveRule[]): Promise<string[]> {
  if (isIP(host)) return [host];
  const given = ruleAddresses(rules, host, port);
  if (given) return [...given];
  try {
    const found = await lookup(host, { all: true, order: 'verbatim' });
    return [...new Set(found.map((entry) => entry.address))];
  } catch (error) {
    throw connectError(error, host, endpoint);
  }
}
