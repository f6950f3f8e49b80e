// IMAP STARTTLS (RFC 9051 §6.2.1, RFC 2595): read the "* OK" greeting, ask for CAPABILITY, check that it
// lists STARTTLS, send STARTTLS, expect the tagged OK. As `openssl s_client -starttls imap` does.
import { quote, type PlainConversation } from './conversation';

async function tagged(conversation: PlainConversation, tag: string, command: string): Promise<{ status: string; lines: string[] }> {
  conversation.write(`${tag} ${command}\r\n`);
  const lines = await conversation.readLines((line) => line.startsWith(`${tag} `));
  const status = /^\S+ (\S+)/.exec(lines[lines.length - 1]!)?.[1]?.toUpperCase() ?? '';
  return { status, lines };
}

export async function imapStartTls(conversation: PlainConversation): Promise<void> {
  const [greeting = ''] = await conversation.readLines(() => true);
  if (/^\* PREAUTH/i.test(greeting)) throw conversation.refused(`the IMAP server greeted with PREAUTH (${quote(greeting)}), after which STARTTLS is not allowed`);
  if (!/^\* OK/i.test(greeting)) throw conversation.refused(`the IMAP server refused the session: it greeted with ${quote(greeting)}`);
  const capability = await tagged(conversation, 'a1', 'CAPABILITY');
  const listed = capability.lines.find((line) => /^\* CAPABILITY /i.test(line)) ?? '';
  if (capability.status !== 'OK') throw conversation.refused(`the IMAP server refused CAPABILITY with ${quote(capability.lines.join('\n'))}`);
  if (!/\bSTARTTLS\b/i.test(listed)) {
    throw conversation.refused(`the server does not offer STARTTLS (${quote(listed || capability.lines.join('\n'))}); try imaps:// (port 993) if it has a TLS port`);
  }
  const starttls = await tagged(conversation, 'a2', 'STARTTLS');
  if (starttls.status !== 'OK') throw conversation.refused(`the IMAP server refused STARTTLS with ${quote(starttls.lines.join('\n'))}`);
}
