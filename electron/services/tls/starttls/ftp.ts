// FTP AUTH TLS (RFC 4217 §4): read the 220 greeting, send AUTH TLS, expect 234; then TLS on the control
// connection. As `openssl s_client -starttls ftp` and FTPS clients in explicit mode do.
import { quote, type PlainConversation } from './conversation';
import { readCodedReply } from './reply-codes';

export async function ftpAuthTls(conversation: PlainConversation): Promise<void> {
  const greeting = await readCodedReply(conversation);
  if (greeting.code !== 220) throw conversation.refused(`the FTP server refused the session: it greeted with ${quote(greeting.text)}`);
  conversation.write('AUTH TLS\r\n');
  const answer = await readCodedReply(conversation);
  if (answer.code === 234) return;
  // vsftpd without ssl_enable answers AUTH TLS with 530, as if it were any command before USER.
  if (answer.code === 500 || answer.code === 502 || answer.code === 504 || answer.code === 530 || answer.code === 534) {
    throw conversation.refused(`the server does not offer TLS (AUTH TLS answered ${quote(answer.text)}); try ftps:// (port 990) if it has an implicit TLS port`);
  }
  throw conversation.refused(`the FTP server refused AUTH TLS with ${quote(answer.text)}`);
}
