// URL schemes a probe target may use, with their default ports and, for the protocols that start in plain
// text and then upgrade (STARTTLS), which upgrade to run first: what a target such as `ldaps://directory`
// or `postgres://db.internal` connects to. The main process parses targets with it; the window names a
// target with it before the server answers.

/** The plain-text protocols whose upgrade to TLS the probe can run before its handshake. */
export const STARTTLS_PROTOCOLS = ['smtp', 'imap', 'pop3', 'ftp', 'ldap', 'postgres', 'mysql', 'xmpp'] as const;
export type StartTlsProtocol = (typeof STARTTLS_PROTOCOLS)[number];

/** Schemes that speak TLS from the first byte. */
export const TLS_SCHEME_PORTS: Readonly<Record<string, number>> = {
  https: 443,
  wss: 443,
  ldaps: 636,
  smtps: 465,
  imaps: 993,
  pop3s: 995,
  ftps: 990,
  kafka: 9093, // a broker's SSL listener: TLS from the first byte, as Kafka clients speak it
};

/** Schemes that start in plain text: their port and the upgrade (`smtp://` → STARTTLS on 25). */
export const STARTTLS_SCHEMES: Readonly<Record<string, { readonly port: number; readonly starttls: StartTlsProtocol }>> = {
  smtp: { port: 25, starttls: 'smtp' },
  submission: { port: 587, starttls: 'smtp' },
  imap: { port: 143, starttls: 'imap' },
  pop3: { port: 110, starttls: 'pop3' },
  ftp: { port: 21, starttls: 'ftp' },
  ldap: { port: 389, starttls: 'ldap' },
  postgres: { port: 5432, starttls: 'postgres' },
  postgresql: { port: 5432, starttls: 'postgres' },
  mysql: { port: 3306, starttls: 'mysql' },
  xmpp: { port: 5222, starttls: 'xmpp' },
};

/** The usual port of a protocol when a bare host is given with `--starttls PROTO`. */
export const STARTTLS_DEFAULT_PORTS: Readonly<Record<StartTlsProtocol, number>> = {
  smtp: 25,
  imap: 143,
  pop3: 110,
  ftp: 21,
  ldap: 389,
  postgres: 5432,
  mysql: 3306,
  xmpp: 5222,
};

/** The default port of any scheme a target may use; undefined for one TrustLens does not know. */
export function schemePort(scheme: string): number | undefined {
  const key = scheme.toLowerCase();
  return TLS_SCHEME_PORTS[key] ?? STARTTLS_SCHEMES[key]?.port;
}

export function isStartTlsProtocol(name: string): name is StartTlsProtocol {
  return (STARTTLS_PROTOCOLS as readonly string[]).includes(name);
}

/** How each upgrade is named beside the TLS version ("TLSv1.3 after SMTP STARTTLS"). */
export const STARTTLS_STEPS: Readonly<Record<StartTlsProtocol, string>> = {
  smtp: 'SMTP STARTTLS',
  imap: 'IMAP STARTTLS',
  pop3: 'POP3 STLS',
  ftp: 'FTP AUTH TLS',
  ldap: 'LDAP StartTLS',
  postgres: 'PostgreSQL SSLRequest',
  mysql: 'MySQL SSLRequest',
  xmpp: 'XMPP STARTTLS',
};
