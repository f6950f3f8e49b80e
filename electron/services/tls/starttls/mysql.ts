// MySQL and MariaDB TLS (MySQL client/server protocol, "Initial Handshake" and "SSL Handshake"): the
// server speaks first with its greeting, whose capability flags must include CLIENT_SSL; the client answers
// with an SSLRequest packet (a HandshakeResponse cut short after the character set) and both start TLS.
// As Connector/J (sslMode=REQUIRED) and `openssl s_client -starttls mysql` do.
import type { PlainConversation } from './conversation';
import { quote } from './conversation';

const CLIENT_LONG_PASSWORD = 0x1;
const CLIENT_LONG_FLAG = 0x4;
const CLIENT_PROTOCOL_41 = 0x200;
const CLIENT_SSL = 0x800;
const CLIENT_TRANSACTIONS = 0x2000;
const CLIENT_SECURE_CONNECTION = 0x8000;
const CLIENT_PLUGIN_AUTH = 0x80000;
/** utf8mb3_general_ci: a character set every server version knows. */
const CHARSET = 33;

/** The SSLRequest packet: sequence 1, capability flags, max packet size, character set, 23 zero bytes. */
export function sslRequest(): Buffer {
  const payload = Buffer.alloc(32);
  payload.writeUInt32LE(CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH, 0);
  payload.writeUInt32LE(16 * 1024 * 1024, 4);
  payload[8] = CHARSET;
  return Buffer.concat([Buffer.from([payload.length, 0, 0, 1]), payload]);
}

interface Greeting {
  readonly version: string;
  readonly capabilities: number;
}

function readGreeting(conversation: PlainConversation, payload: Buffer): Greeting {
  if (payload[0] === 0xff) {
    // ERR packet: error code, then '#' and a five-character SQL state (protocol 4.1), then the message.
    const code = payload.length >= 3 ? payload.readUInt16LE(1) : 0;
    const message = payload.toString('utf8', payload[3] === 0x23 ? 9 : 3);
    throw conversation.refused(`the MySQL server refused the connection: error ${code} ${quote(message)}`);
  }
  if (payload[0] !== 10) throw conversation.refused(`the server did not greet as MySQL does (protocol version ${payload[0]}): it sent ${quote(payload.toString('latin1', 0, 64))}`);
  const versionEnd = payload.indexOf(0, 1);
  // After the version: connection id (4), auth-plugin-data part 1 (8), filler (1), capability flags (lower 2).
  const flagsAt = versionEnd + 1 + 4 + 8 + 1;
  if (versionEnd === -1 || payload.length < flagsAt + 2) throw conversation.refused('the MySQL server sent a greeting too short to read');
  const lower = payload.readUInt16LE(flagsAt);
  // Then character set (1), status flags (2), capability flags (upper 2), when present.
  const upper = payload.length >= flagsAt + 7 ? payload.readUInt16LE(flagsAt + 5) : 0;
  return { version: payload.toString('latin1', 1, versionEnd), capabilities: lower | (upper << 16) };
}

export async function mysqlSslRequest(conversation: PlainConversation): Promise<void> {
  const packet = await conversation.read((buffer) => {
    if (buffer.length < 4) return undefined;
    const length = buffer.readUIntLE(0, 3);
    return buffer.length >= 4 + length ? 4 + length : undefined;
  });
  const greeting = readGreeting(conversation, packet.subarray(4));
  if ((greeting.capabilities & CLIENT_SSL) === 0) {
    throw conversation.refused(`the server does not offer TLS: the greeting of MySQL ${greeting.version} lacks the SSL capability (the server has no certificate configured, or TLS is turned off)`);
  }
  conversation.write(sslRequest());
}
