// SMTP STARTTLS (RFC 3207), as smtp:// and submission:// targets and `--starttls smtp` use it: read the
// 220 greeting, EHLO, check that the EHLO answer lists STARTTLS, send STARTTLS, expect 220. What a Java
// mail client (JavaMail's mail.smtp.starttls.enable) and `openssl s_client -starttls smtp` do.
import { isIPv6 } from 'node:net';
import { quote, type PlainConversation } from './conversation';
import { readCodedReply } from './reply-codes';

/** EHLO names the client; without a name of its own a client gives its address literal (RFC 5321 §4.1.3). */
function clientName(localAddress: string | undefined): string {
  if (!localAddress) return '[127.0.0.1]';
  const address = localAddress.replace(/^::ffff:/, '');
  return isIPv6(address) ? `[IPv6:${address}]` : `[${address}]`;
}

export async function smtpStartTls(conversation: PlainConversation, localAddress: string | undefined): Promise<void> {
  const greeting = await readCodedReply(conversation);
  if (greeting.code !== 220) throw conversation.refused(`the SMTP server refused the session: it greeted with ${quote(greeting.text)}`);
  conversation.write(`EHLO ${clientName(localAddress)}\r\n`);
  const ehlo = await readCodedReply(conversation);
  if (ehlo.code !== 250) throw conversation.refused(`the SMTP server refused EHLO with ${quote(ehlo.text)}`);
  const extensions = ehlo.lines.slice(1).map((line) => line.trim().split(/\s+/)[0]!.toUpperCase());
  if (!extensions.includes('STARTTLS')) {
    throw conversation.refused(`the server does not offer STARTTLS (its EHLO answer lists ${extensions.length ? extensions.join(', ') : 'no extensions'}); try smtps:// (port 465) if it has a TLS port`);
  }
  conversation.write('STARTTLS\r\n');
  const ready = await readCodedReply(conversation);
  if (ready.code !== 220) throw conversation.refused(`the SMTP server refused STARTTLS with ${quote(ready.text)}`);
}
