// The upgrade a target asks for before its TLS handshake (smtp://, ldap://, postgres://, --starttls PROTO):
// run the protocol's plain-text exchange on the connected socket, then give the socket back for TLS.
import type { Socket } from 'node:net';
import type { StartTlsProtocol } from '../../../../shared/tls-schemes';
import { PlainConversation } from './conversation';
import { ftpAuthTls } from './ftp';
import { imapStartTls } from './imap';
import { ldapStartTls } from './ldap';
import { mysqlSslRequest } from './mysql';
import { pop3StartTls } from './pop3';
import { postgresSslRequest } from './postgres';
import { smtpStartTls } from './smtp';
import { xmppStartTls } from './xmpp';

/** The protocols as people write them, for messages. */
export const PROTOCOL_NAMES: Readonly<Record<StartTlsProtocol, string>> = {
  smtp: 'SMTP',
  imap: 'IMAP',
  pop3: 'POP3',
  ftp: 'FTP',
  ldap: 'LDAP',
  postgres: 'PostgreSQL',
  mysql: 'MySQL',
  xmpp: 'XMPP',
};

export interface StartTlsContext {
  /** host:port, as messages name it. */
  readonly endpoint: string;
  /** The server's name (SNI, else the host): the XMPP domain. */
  readonly serverName: string;
}

/** Run `protocol`'s upgrade on `socket`; it resolves once the server is ready for the ClientHello. */
export async function startTls(socket: Socket, protocol: StartTlsProtocol, context: StartTlsContext): Promise<void> {
  const conversation = new PlainConversation(socket, { ...context, protocol: PROTOCOL_NAMES[protocol] });
  try {
    switch (protocol) {
      case 'smtp':
        await smtpStartTls(conversation, socket.localAddress);
        break;
      case 'imap':
        await imapStartTls(conversation);
        break;
      case 'pop3':
        await pop3StartTls(conversation);
        break;
      case 'ftp':
        await ftpAuthTls(conversation);
        break;
      case 'ldap':
        await ldapStartTls(conversation);
        break;
      case 'postgres':
        await postgresSslRequest(conversation);
        break;
      case 'mysql':
        await mysqlSslRequest(conversation);
        break;
      case 'xmpp':
        await xmppStartTls(conversation, context.serverName);
        break;
    }
  } finally {
    conversation.finish();
  }
}
