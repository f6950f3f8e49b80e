// POP3 STLS (RFC 2595 §4): read the "+OK" greeting, ask for CAPA (RFC 2449), check that it lists STLS,
// send STLS, expect +OK. A server without CAPA is asked for STLS all the same, as
// `openssl s_client -starttls pop3` (which sends STLS straight away) would.
import { quote, type PlainConversation } from './conversation';

export async function pop3StartTls(conversation: PlainConversation): Promise<void> {
  const [greeting = ''] = await conversation.readLines(() => true);
  if (!/^\+OK/i.test(greeting)) throw conversation.refused(`the POP3 server refused the session: it greeted with ${quote(greeting)}`);
  conversation.write('CAPA\r\n');
  const [status = ''] = await conversation.readLines(() => true);
  if (/^\+OK/i.test(status)) {
    const capabilities = await conversation.readLines((line) => line === '.');
    const names = capabilities.slice(0, -1).map((line) => line.trim().split(/\s+/)[0]!.toUpperCase());
    if (!names.includes('STLS')) {
      throw conversation.refused(`the server does not offer STARTTLS (STLS is not among its capabilities: ${names.join(', ') || 'none'}); try pop3s:// (port 995) if it has a TLS port`);
    }
  }
  conversation.write('STLS\r\n');
  const [answer = ''] = await conversation.readLines(() => true);
  if (!/^\+OK/i.test(answer)) throw conversation.refused(`the server does not offer STARTTLS: STLS answered ${quote(answer)}`);
}
