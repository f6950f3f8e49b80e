// Options several commands share.
import { Option, type Command } from 'commander';
import { STARTTLS_PROTOCOLS, type StartTlsProtocol } from '../shared/tls-schemes';
import { parseResolveRule, type ResolveRule } from '../electron/services/network/resolve';
import type { PasswordOptions } from './password';

export type PasswordFlags = PasswordOptions;

export function addPasswordOptions(command: Command): Command {
  return command
    .addOption(new Option('--password <password>', 'the store password'))
    .addOption(new Option('--password-env <var>', 'read the password from this environment variable'))
    .addOption(new Option('--password-file <file>', 'read the password from the first line of this file'));
}

/** How a TARGET is reached: the SNI name, the time allowed, and the proxy. */
export interface NetworkFlags {
  servername?: string;
  timeout: number;
  /** A proxy URL; false with --no-proxy; undefined: the environment's (HTTPS_PROXY, NO_PROXY). */
  proxy?: string | false;
  /** --starttls PROTO: the upgrade to run on a bare host:port. */
  starttls?: StartTlsProtocol;
  /** --resolve HOST[:PORT]:ADDR[,ADDR…], as given (repeatable). */
  resolve?: string[];
}

export function addNetworkOptions(command: Command, forTarget = ''): Command {
  return command
    .option('--servername <name>', `${forTarget}the SNI name to send (default: the host name)`)
    .option('--timeout <ms>', `${forTarget}give up after this many milliseconds`, parseTimeout, 10_000)
    .option('--proxy <url>', `${forTarget}connect through this HTTP proxy, http://[user:password@]host:port (default: HTTPS_PROXY unless NO_PROXY names the host)`)
    .option('--no-proxy', `${forTarget}connect directly, even when HTTPS_PROXY is set`)
    .option('--resolve <host:addr>', `${forTarget}connect to these addresses for that host name, as curl's --resolve: HOST[:PORT]:ADDR[,ADDR…] (repeatable)`, collect, [])
    .addOption(new Option('--starttls <protocol>', `${forTarget}upgrade a plain host:port to TLS first, as this protocol does (smtp://, ldap://, postgres://… say it themselves)`).choices(STARTTLS_PROTOCOLS));
}

/** The probe options the network flags ask for. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function probeOptions(flags: NetworkFlags): { servername?: string; timeoutMs: number; proxy?: string | null; starttls?: StartTlsProtocol; resolve?: ResolveRule[] } {
  return {
    ...(flags.resolve?.length ? { resolve: flags.resolve.map(parseResolveRule) } : {}),
    ...(flags.starttls !== undefined ? { starttls: flags.starttls } : {}),
    ...(flags.servername !== undefined ? { servername: flags.servername } : {}),
    timeoutMs: flags.timeout,
    ...(flags.proxy === false ? { proxy: null } : flags.proxy !== undefined ? { proxy: flags.proxy } : {}),
  };
}

export function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) throw new Error('--timeout takes milliseconds, from 100 to 600000');
  return ms;
}
