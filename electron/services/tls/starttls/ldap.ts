// LDAP StartTLS (RFC 4511 §4.14): send the ExtendedRequest 1.3.6.1.4.1.1466.20037, expect an
// ExtendedResponse with resultCode success; then TLS on the same connection. As JNDI's StartTlsRequest and
// `openssl s_client -starttls ldap` do. The messages are BER (X.690); only the few fields needed are read.
import type { PlainConversation } from './conversation';
import { quote } from './conversation';

const START_TLS_OID = '1.3.6.1.4.1.1466.20037';

/** LDAPMessage { messageID 1, [APPLICATION 23] ExtendedRequest { [0] requestName } }. */
export function startTlsRequest(): Uint8Array {
  const oid = Buffer.from(START_TLS_OID, 'latin1');
  const request = Buffer.concat([Buffer.from([0x80, oid.length]), oid]);
  const op = Buffer.concat([Buffer.from([0x77, request.length]), request]);
  const body = Buffer.concat([Buffer.from([0x02, 0x01, 0x01]), op]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly end: number;
}

/** The element at `offset`, or undefined when `buffer` does not hold all of it yet. */
function readTlv(buffer: Uint8Array, offset: number): Tlv | undefined {
  if (buffer.length < offset + 2) return undefined;
  const tag = buffer[offset]!;
  let length = buffer[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new RangeError('unsupported BER length');
    if (buffer.length < start + count) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[start + i]!;
    start += count;
  }
  return buffer.length < start + length ? undefined : { tag, start, end: start + length };
}

/** The LDAP result codes a StartTLS answer is likely to carry (RFC 4511 Appendix A). */
const RESULT_NAMES: Readonly<Record<number, string>> = {
  1: 'operationsError',
  2: 'protocolError',
  13: 'confidentialityRequired',
  51: 'busy',
  52: 'unavailable',
  53: 'unwillingToPerform',
  80: 'other',
};

export async function ldapStartTls(conversation: PlainConversation): Promise<void> {
  conversation.write(startTlsRequest());
  let message: Buffer;
  try {
    message = await conversation.read((buffer) => {
      if (buffer.length === 0) return undefined;
      if (buffer[0] !== 0x30) throw conversation.refused(`the server did not answer as LDAP does: it sent ${quote(buffer.toString('latin1', 0, 64))}`);
      const outer = readTlv(buffer, 0);
      return outer?.end;
    });
  } catch (error) {
    if (error instanceof RangeError) throw conversation.refused('the server sent an LDAP message this probe cannot read');
    throw error;
  }
  const outer = readTlv(message, 0)!;
  const id = readTlv(message, outer.start);
  const op = id && readTlv(message, id.end);
  const code = op && readTlv(message, op.start);
  const matched = code && readTlv(message, code.end);
  const diagnostic = matched && readTlv(message, matched.end);
  if (!op || !code || code.tag !== 0x0a || !diagnostic) throw conversation.refused('the server answered StartTLS with an LDAP message this probe cannot read');
  const resultCode = message.readUIntBE(code.start, Math.min(code.end - code.start, 4));
  if (op.tag === 0x78 && resultCode === 0) return;
  const text = message.toString('utf8', diagnostic.start, diagnostic.end);
  const name = RESULT_NAMES[resultCode] ?? `resultCode ${resultCode}`;
  const said = text ? ` ${quote(text)}` : '';
  if (message[id.start] === 0 && id.end - id.start === 1) {
    throw conversation.refused(`the LDAP server ended the session instead of starting TLS (notice of disconnection: ${name}${said})`);
  }
  if (resultCode === 2 || resultCode === 53) {
    throw conversation.refused(`the server does not offer STARTTLS (the StartTLS extended operation answered ${name}${said}); try ldaps:// (port 636) if it has a TLS port`);
  }
  throw conversation.refused(`the LDAP server refused StartTLS: ${name}${said}`);
}
