// Servers for the STARTTLS protocols that have no small real server to start here (IMAP, POP3, FTP, XMPP,
// and a MySQL greeting without TLS): node:net servers that speak the plain-text part the way their RFCs
// write it (as Dovecot, vsftpd and Prosody do), then start TLS on the same socket with node:tls, sending
// exactly the chain given. `openssl s_client -starttls PROTO` is the check that they speak it right.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { TLSSocket, createSecureContext } from 'node:tls';
import type { RunningServer } from './tls-servers';
import type { ServerIdentity } from './starttls-servers';

export type ScriptedProtocol = 'imap' | 'pop3' | 'ftp' | 'xmpp' | 'mysql-no-ssl';

const TLS_NS = 'urn:ietf:params:xml:ns:xmpp-tls';

/** What the server says to a complete line (or XML chunk); 'upgrade' after the reply starts TLS. */
type Answer = { reply: string; upgrade?: boolean; close?: boolean };

function scripts(protocol: ScriptedProtocol, offer: boolean): { greeting: Buffer | string; answer: (line: string) => Answer | undefined; xml?: boolean } {
  switch (protocol) {
    case 'imap':
      return {
        greeting: `* OK [CAPABILITY IMAP4rev1 ${offer ? 'STARTTLS ' : ''}LOGINDISABLED] TrustLens test IMAP ready\r\n`,
        answer: (line) => {
          const [tag = '*', command = ''] = line.split(' ');
          if (/^CAPABILITY$/i.test(command)) return { reply: `* CAPABILITY IMAP4rev1 ${offer ? 'STARTTLS ' : ''}LOGINDISABLED\r\n${tag} OK CAPABILITY completed\r\n` };
          if (/^STARTTLS$/i.test(command) && offer) return { reply: `${tag} OK Begin TLS negotiation now\r\n`, upgrade: true };
          return { reply: `${tag} BAD Unknown command\r\n` };
        },
      };
    case 'pop3':
      return {
        greeting: '+OK TrustLens test POP3 ready\r\n',
        answer: (line) => {
          if (/^CAPA$/i.test(line)) return { reply: `+OK Capability list follows\r\nTOP\r\nUIDL\r\n${offer ? 'STLS\r\n' : ''}.\r\n` };
          if (/^STLS$/i.test(line) && offer) return { reply: '+OK Begin TLS negotiation\r\n', upgrade: true };
          return { reply: '-ERR Unknown command\r\n' };
        },
      };
    case 'ftp':
      return {
        greeting: '220-TrustLens test FTP\r\n220 ready\r\n',
        answer: (line) => {
          if (/^AUTH TLS$/i.test(line) && offer) return { reply: '234 Proceed with negotiation.\r\n', upgrade: true };
          if (/^AUTH /i.test(line)) return { reply: '530 Please login with USER and PASS.\r\n' };
          return { reply: '500 Unknown command.\r\n' };
        },
      };
    case 'xmpp':
      return {
        greeting: '',
        xml: true,
        answer: (chunk) => {
          if (chunk.includes('<stream:stream')) {
            const features = offer ? `<starttls xmlns='${TLS_NS}'><required/></starttls>` : '';
            return { reply: `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='t1' from='localhost' version='1.0'><stream:features>${features}<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>` };
          }
          if (chunk.includes('<starttls') && offer) return { reply: `<proceed xmlns='${TLS_NS}'/>`, upgrade: true };
          return undefined;
        },
      };
    case 'mysql-no-ssl': {
      // Protocol 10 greeting of a server without TLS: capability flags without CLIENT_SSL (0x0800).
      const version = Buffer.from('10.11.0-TrustLens-test\0', 'latin1');
      const payload = Buffer.concat([Buffer.from([10]), version, Buffer.from([1, 0, 0, 0]), Buffer.alloc(8, 0x41), Buffer.from([0]), Buffer.from([0xff, 0xf7]), Buffer.from([33, 2, 0]), Buffer.from([0xff, 0x81]), Buffer.alloc(11)]);
      return { greeting: Buffer.concat([Buffer.from([payload.length, 0, 0, 0]), payload]), answer: () => ({ reply: '', close: true }) };
    }
  }
}

/** A scripted server on 127.0.0.1; `offer: false` leaves STARTTLS out of what it offers. */
export async function startScriptedServer(protocol: ScriptedProtocol, identity: ServerIdentity, options: { offer?: boolean } = {}): Promise<RunningServer> {
  const offer = options.offer ?? true;
  const context = createSecureContext({ key: identity.keyPem, cert: identity.chainPem });
  const script = scripts(protocol, offer);
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (script.greeting.length) socket.write(script.greeting);
    let pending = '';
    const onData = (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (;;) {
        let unit: string;
        if (script.xml) {
          unit = pending;
          pending = '';
          if (!unit) return;
        } else {
          const end = pending.indexOf('\n');
          if (end === -1) return;
          unit = pending.slice(0, end).replace(/\r$/, '');
          pending = pending.slice(end + 1);
        }
        const answer = script.answer(unit);
        if (!answer) return;
        if (answer.close) return void socket.end();
        socket.write(answer.reply);
        if (answer.upgrade) {
          socket.off('data', onData);
          const tls = new TLSSocket(socket, { isServer: true, secureContext: context });
          tls.on('error', () => undefined);
          tls.once('secure', () => tls.end());
          return;
        }
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: '127.0.0.1',
    port,
    target: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
