// Real servers that upgrade to TLS (STARTTLS and its kin), started and stopped by the tests: PostgreSQL
// (initdb + postgres with ssl=on), OpenLDAP slapd (StartTLS and ldaps), aiosmtpd (SMTP STARTTLS) and
// MariaDB (the SSL capability in its greeting), from the Debian packages .ci/run installs. Each listens on
// 127.0.0.1 on a free port with the chain given; `missing*` says why one cannot run here (for a skip).
// As root, PostgreSQL and MariaDB run as their own users: PostgreSQL refuses to run as root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from './tls-servers';

/** A certificate chain (PEM, leaf first) and the leaf's key (PEM), as a server's files take them. */
export interface ServerIdentity {
  readonly chainPem: string;
  readonly keyPem: string;
}

const isRoot = process.getuid?.() === 0;

function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

function userExists(name: string): boolean {
  return spawnSync('id', ['-u', name]).status === 0;
}

function which(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** The python3 that has aiosmtpd (Debian's, when another python3 comes first on PATH). */
function aiosmtpdPython(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}

const PYTHON_SMTP = aiosmtpdPython();
const POSTGRES_BIN = postgresBin();

/** Why each server cannot run on this machine, or undefined when it can. */
export const missing = {
  postgres: !POSTGRES_BIN ? 'PostgreSQL is not installed (apt-get install postgresql; .ci/run does)' : isRoot && !userExists('postgres') ? 'running as root and there is no postgres user to run PostgreSQL as' : undefined,
  slapd: which('slapd') || existsSync('/usr/sbin/slapd') ? undefined : 'slapd is not installed (apt-get install slapd; .ci/run does)',
  smtp: PYTHON_SMTP ? undefined : 'aiosmtpd is not installed (apt-get install python3-aiosmtpd; .ci/run does)',
  mariadb: existsSync('/usr/sbin/mariadbd') && which('mariadb-install-db') ? (isRoot && !userExists('mysql') ? 'running as root and there is no mysql user' : undefined) : 'MariaDB is not installed (apt-get install mariadb-server; .ci/run does)',
} as const;

/** A port nothing listens on right now, for a server that must be told its port. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A temporary folder `user` can use: under this run's folder, which is opened for passing through (not listing). */
function serverDir(prefix: string, user?: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (user && isRoot) {
    chmodSync(tmpdir(), 0o711);
    const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

function writeOwned(file: string, text: string, user: string | undefined, mode = 0o600): void {
  writeFileSync(file, text, { mode });
  if (user && isRoot) {
    const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
    chownSync(file, uid, -1);
  }
}

/** `command args` as `user` when this process is root (setpriv, util-linux), else as this user. */
function asUser(user: string, command: string, args: readonly string[]): [string, string[]] {
  if (!isRoot || userInfo().username === user) return [command, [...args]];
  return ['setpriv', [`--reuid=${user}`, `--regid=${user}`, '--clear-groups', command, ...args]];
}

interface Started {
  readonly child: ChildProcess;
  output(): string;
}

function start(command: string, args: readonly string[]): Started {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.on('error', (error) => (output += String(error)));
  return { child, output: () => output };
}

/** Wait until `port` accepts a connection (or `ready` appears in the output), failing with the server's output. */
async function waitReady(started: Started, port: number, name: string, ready?: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${name} exited ${started.child.exitCode} before listening: ${started.output()}`);
    if (ready ? ready.test(started.output()) : await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  started.child.kill('SIGKILL');
  throw new Error(`${name} did not start within 30 s: ${started.output()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopper(started: Started, dir: string): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      };
      if (started.child.exitCode !== null || started.child.signalCode !== null) return done();
      const kill = setTimeout(() => started.child.kill('SIGKILL'), 5000);
      started.child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      // SIGINT: PostgreSQL's fast shutdown, and an ordinary stop for the others.
      started.child.kill('SIGINT');
    });
}

function running(port: number, close: () => Promise<void>): RunningServer {
  return { host: '127.0.0.1', port, target: `127.0.0.1:${port}`, close };
}

export interface PostgresCluster {
  /** A server with ssl=on sending `identity`'s chain. */
  readonly tls: RunningServer;
  /** The same cluster's copy with ssl=off, for "PostgreSQL answered N". */
  readonly plain: RunningServer;
  close(): Promise<void>;
}

/** initdb once, then two postmasters: one with ssl=on, one (on a copy of the data) with ssl=off. */
export async function startPostgres(identity: ServerIdentity): Promise<PostgresCluster> {
  const bin = POSTGRES_BIN!;
  const user = isRoot ? 'postgres' : undefined;
  const dir = serverDir('trustlens-pg-', user);
  const data = join(dir, 'data');
  const [initdb, initArgs] = asUser('postgres', join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(initdb, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const plainData = join(dir, 'plain');
  cpSync(data, plainData, { recursive: true });
  if (isRoot) spawnSync('chown', ['-R', 'postgres:', plainData]);
  writeOwned(join(data, 'server.crt'), identity.chainPem, user, 0o644);
  writeOwned(join(data, 'server.key'), identity.keyPem, user);
  const postmaster = async (dataDir: string, ssl: boolean) => {
    const port = await freePort();
    const settings = [`listen_addresses=127.0.0.1`, `port=${port}`, 'unix_socket_directories=', 'fsync=off', `ssl=${ssl ? 'on' : 'off'}`, 'max_connections=20', 'shared_buffers=16MB'];
    if (ssl) settings.push(`ssl_cert_file=${join(dataDir, 'server.crt')}`, `ssl_key_file=${join(dataDir, 'server.key')}`);
    const [command, args] = asUser('postgres', join(bin, 'postgres'), ['-D', dataDir, ...settings.flatMap((s) => ['-c', s])]);
    const started = start(command, args);
    await waitReady(started, port, 'postgres', /ready to accept connections/);
    return { port, stop: stopper(started, dataDir) };
  };
  const [tls, plain] = await Promise.all([postmaster(data, true), postmaster(plainData, false)]);
  const close = async () => {
    await Promise.all([tls.stop(), plain.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { tls: running(tls.port, tls.stop), plain: running(plain.port, plain.stop), close };
}

export interface SlapdServer {
  /** ldap:// with StartTLS. */
  readonly ldap: RunningServer;
  /** ldaps://, TLS from the first byte. */
  readonly ldaps: RunningServer;
  /** ldap:// of a second slapd without TLS configured (StartTLS refused). */
  readonly plain: RunningServer;
  close(): Promise<void>;
}

/** slapd with a slapd.conf of its own: TLS files only (StartTLS needs no database), and one without them. */
export async function startSlapd(identity: ServerIdentity): Promise<SlapdServer> {
  const dir = serverDir('trustlens-slapd-');
  writeFileSync(join(dir, 'server.crt'), identity.chainPem);
  writeFileSync(join(dir, 'server.key'), identity.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'tls.conf'), `pidfile ${join(dir, 'tls.pid')}\nTLSCertificateFile ${join(dir, 'server.crt')}\nTLSCertificateKeyFile ${join(dir, 'server.key')}\n`);
  writeFileSync(join(dir, 'plain.conf'), `pidfile ${join(dir, 'plain.pid')}\n`);
  const [ldapPort, ldapsPort, plainPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const slapd = which('slapd') ?? '/usr/sbin/slapd';
  // -d 0: stay in the foreground (and log nothing) so the test owns the process.
  const tls = start(slapd, ['-d', '0', '-h', `ldap://127.0.0.1:${ldapPort}/ ldaps://127.0.0.1:${ldapsPort}/`, '-f', join(dir, 'tls.conf')]);
  const plain = start(slapd, ['-d', '0', '-h', `ldap://127.0.0.1:${plainPort}/`, '-f', join(dir, 'plain.conf')]);
  await Promise.all([waitReady(tls, ldapsPort, 'slapd'), waitReady(plain, plainPort, 'slapd')]);
  const stopTls = stopper(tls, join(dir, 'none'));
  const stopPlain = stopper(plain, join(dir, 'none'));
  const close = async () => {
    await Promise.all([stopTls(), stopPlain()]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { ldap: running(ldapPort, stopTls), ldaps: running(ldapsPort, stopTls), plain: running(plainPort, stopPlain), close };
}

export interface SmtpServers {
  /** Offers STARTTLS with `identity`. */
  readonly starttls: RunningServer;
  /** Offers no STARTTLS. */
  readonly plain: RunningServer;
  close(): Promise<void>;
}

/** aiosmtpd (`python3 -m aiosmtpd`), with --tlscert/--tlskey for STARTTLS, and one without. */
export async function startSmtp(identity: ServerIdentity): Promise<SmtpServers> {
  const dir = serverDir('trustlens-smtp-');
  writeFileSync(join(dir, 'server.crt'), identity.chainPem);
  writeFileSync(join(dir, 'server.key'), identity.keyPem, { mode: 0o600 });
  const [tlsPort, plainPort] = await Promise.all([freePort(), freePort()]);
  const python = PYTHON_SMTP!;
  const tls = start(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${tlsPort}`, '--tlscert', join(dir, 'server.crt'), '--tlskey', join(dir, 'server.key'), '--no-requiretls']);
  const plain = start(python, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${plainPort}`]);
  await Promise.all([waitReady(tls, tlsPort, 'aiosmtpd'), waitReady(plain, plainPort, 'aiosmtpd')]);
  const stopTls = stopper(tls, join(dir, 'none'));
  const stopPlain = stopper(plain, join(dir, 'none'));
  const close = async () => {
    await Promise.all([stopTls(), stopPlain()]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { starttls: running(tlsPort, stopTls), plain: running(plainPort, stopPlain), close };
}

/** MariaDB: mariadb-install-db, then mariadbd with --ssl-cert/--ssl-key on 127.0.0.1 (no grant tables needed). */
export async function startMariadb(identity: ServerIdentity): Promise<RunningServer> {
  const user = isRoot ? 'mysql' : undefined;
  const dir = serverDir('trustlens-mariadb-', user);
  writeOwned(join(dir, 'server.crt'), identity.chainPem, user, 0o644);
  writeOwned(join(dir, 'server.key'), identity.keyPem, user);
  const data = join(dir, 'data');
  const install = spawnSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, `--tmpdir=${dir}`, ...(user ? [`--user=${user}`] : []), '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr || install.stdout}`);
  const port = await freePort();
  const started = start('/usr/sbin/mariadbd', [
    '--no-defaults',
    `--datadir=${data}`,
    `--tmpdir=${dir}`,
    ...(user ? [`--user=${user}`] : []),
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${join(dir, 'mysqld.sock')}`,
    `--pid-file=${join(dir, 'mysqld.pid')}`,
    `--ssl-cert=${join(dir, 'server.crt')}`,
    `--ssl-key=${join(dir, 'server.key')}`,
    '--skip-grant-tables',
    '--skip-log-bin',
    '--innodb-buffer-pool-size=8M',
  ]);
  await waitReady(started, port, 'mariadbd', /ready for connections/);
  return running(port, stopper(started, dir));
}
