// XMPP STARTTLS (RFC 6120 §5.4): open a client stream to the domain, wait for <stream:features>, check that
// it offers <starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>, send that element, expect <proceed/>. As
// `openssl s_client -starttls xmpp` does. The few elements needed are matched as text, not parsed as XML.
import type { PlainConversation } from './conversation';
import { quote } from './conversation';

const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';

/** Where an element of interest ends in what the server sent so far. */
function through(pattern: RegExp): (buffer: Buffer) => number | undefined {
  return (buffer) => {
    const match = pattern.exec(buffer.toString('latin1'));
    return match ? match.index + match[0].length : undefined;
  };
}

function streamError(text: string): string | undefined {
  const error = /<stream:error>\s*<([a-z-]+)/.exec(text);
  return error?.[1];
}

export async function xmppStartTls(conversation: PlainConversation, domain: string): Promise<void> {
  const to = domain.replace(/[<>&'"]/g, '');
  conversation.write(`<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${to}' version='1.0'>`);
  const opening = (await conversation.read(through(/<\/stream:features>|<stream:features\s*\/>|<\/stream:error>|<\/stream:stream>/))).toString('utf8');
  const error = streamError(opening);
  if (error) throw conversation.refused(`the XMPP server closed the stream with the error <${error}/> (for the domain "${to}"; --servername names another)`);
  const features = /<stream:features[\s\S]*$/.exec(opening)?.[0] ?? '';
  if (!features) throw conversation.refused(`the server did not answer as XMPP does: it sent ${quote(opening)}`);
  if (!new RegExp(`<starttls[^>]*xmlns=['"]${TLS_NS}['"]`).test(features)) {
    throw conversation.refused(`the server does not offer STARTTLS (its stream features: ${quote(features)})`);
  }
  conversation.write(`<starttls xmlns='${TLS_NS}'/>`);
  const answer = (await conversation.read(through(/<proceed[^>]*\/>|<proceed[^>]*>\s*<\/proceed>|<failure[^>]*(?:\/>|>[\s\S]*?<\/failure>)|<\/stream:stream>/))).toString('utf8');
  if (!/<proceed/.test(answer)) throw conversation.refused(`the XMPP server refused STARTTLS: it answered ${quote(answer)}`);
}
