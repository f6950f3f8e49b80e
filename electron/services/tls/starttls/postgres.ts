// PostgreSQL's SSLRequest (protocol docs §55.2.10 "SSL Session Encryption"): send Int32 8, Int32 80877103;
// the server answers one byte, 'S' (go on with TLS) or 'N' (no SSL), or an ErrorResponse from a server too
// old to know the request. As libpq (sslmode=require) and `openssl s_client -starttls postgres` do.
import type { PlainConversation } from './conversation';
import { quote } from './conversation';

const SSL_REQUEST_CODE = 80877103;

/** The M (message) field of an ErrorResponse, the human part of it. */
function errorMessage(message: Buffer): string {
  const fields = message.subarray(5).toString('utf8').split('\0');
  return fields.find((field) => field.startsWith('M'))?.slice(1) ?? fields.join(' ').trim();
}

export async function postgresSslRequest(conversation: PlainConversation): Promise<void> {
  const request = Buffer.alloc(8);
  request.writeInt32BE(8, 0);
  request.writeInt32BE(SSL_REQUEST_CODE, 4);
  conversation.write(request);
  const answer = await conversation.read((buffer) => {
    if (buffer.length === 0) return undefined;
    if (buffer[0] !== 0x45) return 1; // 'E' is followed by a length and fields; anything else is one byte
    if (buffer.length < 5) return undefined;
    const length = buffer.readInt32BE(1);
    if (length < 4 || length > 16 * 1024) return buffer.length;
    return buffer.length >= 1 + length ? 1 + length : undefined;
  });
  const byte = answer[0]!;
  if (byte === 0x53) return; // 'S'
  if (byte === 0x4e) throw conversation.refused("PostgreSQL answered N: SSL off (the server has ssl = off; set ssl = on with ssl_cert_file and ssl_key_file in postgresql.conf)");
  if (byte === 0x45) throw conversation.refused(`the PostgreSQL server refused the SSLRequest: ${quote(errorMessage(answer))}`);
  throw conversation.refused(`the server did not answer the PostgreSQL SSLRequest as PostgreSQL does: it sent ${quote(answer.toString('latin1'))}`);
}
