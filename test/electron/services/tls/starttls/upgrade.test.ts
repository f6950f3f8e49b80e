// The upgrade step around the probe: targets by scheme and --starttls, the upgrade through an HTTP proxy's
// tunnel, a server that goes quiet or hangs up mid-exchange. Scripted servers on 127.0.0.1 (their exchange
// checked against openssl s_client in real-servers.test.ts).
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTls } from '../../../../../electron/services/tls/probe';
import { parseTarget } from '../../../../../electron/services/tls/target';
import { UsageError } from '../../../../../shared/errors';
import { DIAGNOSE_DIR, fixturePem } from '../../../../chain/diagnose-fixtures';
import { startScriptedServer } from '../../../../support/starttls-scripted';
import { startConnectProxy, startRawServer, startSilentServer, type ConnectProxy, type RunningServer } from '../../../../support/tls-servers';

const identity = { chainPem: fixturePem('leaf') + fixturePem('int'), keyPem: readFileSync(`${DIAGNOSE_DIR}/leaf.key`, 'utf8') };

describe('targets by scheme', () => {
  it.each([
    ['smtp://mail.example', 'mail.example', 25, 'smtp'],
    ['submission://mail.example', 'mail.example', 587, 'smtp'],
    ['smtps://mail.example', 'mail.example', 465, undefined],
    ['imap://mail.example', 'mail.example', 143, 'imap'],
    ['imaps://mail.example', 'mail.example', 993, undefined],
    ['pop3://mail.example', 'mail.example', 110, 'pop3'],
    ['pop3s://mail.example', 'mail.example', 995, undefined],
    ['ftp://files.example', 'files.example', 21, 'ftp'],
    ['ldap://dir.example', 'dir.example', 389, 'ldap'],
    ['ldaps://dir.example', 'dir.example', 636, undefined],
    ['postgres://db.example/app?sslmode=require', 'db.example', 5432, 'postgres'],
    ['postgresql://user@db.example:6543', 'db.example', 6543, 'postgres'],
    ['mysql://db.example', 'db.example', 3306, 'mysql'],
    ['xmpp://chat.example', 'chat.example', 5222, 'xmpp'],
    ['kafka://broker.example', 'broker.example', 9093, undefined],
  ])('%s -> %s:%i (%s)', (target, host, port, starttls) => {
    const parsed = parseTarget(target);
    expect({ host: parsed.host, port: parsed.port, starttls: parsed.starttls }).toEqual({ host, port, starttls });
  });

  it('--starttls upgrades a bare host, with that protocol\'s port', () => {
    expect(parseTarget('db.example', 'postgres')).toMatchObject({ host: 'db.example', port: 5432, starttls: 'postgres' });
    expect(parseTarget('[::1]:2525', 'smtp')).toMatchObject({ host: '::1', port: 2525, starttls: 'smtp' });
    expect(parseTarget('ldap://dir.example', 'ldap')).toMatchObject({ starttls: 'ldap' });
  });

  it('refuses --starttls that contradicts the scheme', () => {
    expect(() => parseTarget('ldap://dir.example', 'smtp')).toThrow(/is ldap but --starttls asks for smtp/);
    expect(() => parseTarget('https://dir.example', 'smtp')).toThrow(UsageError);
  });
});

describe('the upgrade on the wire', () => {
  let imap: RunningServer;
  let proxy: ConnectProxy;
  beforeAll(async () => {
    [imap, proxy] = await Promise.all([startScriptedServer('imap', identity), startConnectProxy()]);
  });
  afterAll(async () => {
    await Promise.all([imap.close(), proxy.close()]);
  });

  it('runs through the HTTP proxy tunnel, and records the same chain', async () => {
    const direct = await probeTls(`imap://127.0.0.1:${imap.port}`, { proxy: null, timeoutMs: 5000 });
    const tunnelled = await probeTls(`imap://127.0.0.1:${imap.port}`, { proxy: `http://127.0.0.1:${proxy.port}`, timeoutMs: 5000 });
    expect(proxy.requests).toContain(`127.0.0.1:${imap.port}`);
    expect(tunnelled.proxy).toBe(`http://127.0.0.1:${proxy.port}`);
    expect(tunnelled.sent.map((d) => Buffer.from(d).toString('hex'))).toEqual(direct.sent.map((d) => Buffer.from(d).toString('hex')));
    expect(direct.sent).toHaveLength(2);
  });

  it('--starttls on host:port does what the scheme does', async () => {
    const record = await probeTls(imap.target, { starttls: 'imap', timeoutMs: 5000 });
    expect(record.starttls).toBe('imap');
    expect(record.sent).toHaveLength(2);
  });

  it('a server that never greets times out naming the protocol step', async () => {
    const silent = await startSilentServer();
    try {
      const error = await probeTls(`smtp://127.0.0.1:${silent.port}`, { timeoutMs: 300 }).catch((e: Error) => e);
      expect((error as Error).message).toMatch(/within 300 ms \(the SMTP exchange before TLS did not finish: does that port speak SMTP\?\)/);
    } finally {
      await silent.close();
    }
  });

  it('a server that refuses the session is quoted, and one that hangs up is named', async () => {
    // The SMTP server speaks first: it refuses as soon as the connection opens.
    const refusing = createServer((socket) => socket.end('554 5.7.1 no service for you\r\n'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const rude = await startRawServer((socket) => socket.end());
    try {
      const port = (refusing.address() as AddressInfo).port;
      const error = await probeTls(`smtp://127.0.0.1:${port}`, { timeoutMs: 5000 }).catch((e: Error) => e);
      expect((error as Error).message).toBe(`127.0.0.1:${port}: the SMTP server refused the session: it greeted with "554 5.7.1 no service for you"`);
      const hangup = await probeTls(`ldap://127.0.0.1:${rude.port}`, { timeoutMs: 5000 }).catch((e: Error) => e);
      expect((hangup as Error).message).toBe(`127.0.0.1:${rude.port} closed the connection during the LDAP exchange before TLS`);
    } finally {
      await Promise.all([rude.close(), new Promise((resolve) => refusing.close(resolve))]);
    }
  });
});
