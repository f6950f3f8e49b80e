// The probe's parsers on their own: targets, TLS records, handshake reassembly, Certificate messages,
// HKDF-Expand-Label against node's own HKDF, and hostile input (truncations, huge declared lengths).
import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../../shared/errors';
import { parseTarget } from '../../../../electron/services/tls/target';
import { parseCertificateMessage, parseServerHello } from '../../../../electron/services/tls/handshake-messages';
import { HandshakeReassembler, TlsDecodeError, splitRecords } from '../../../../electron/services/tls/record-reader';
import { readServerFlight } from '../../../../electron/services/tls/server-flight';
import { Tls13RecordDecrypter, findLoggedSecret, hkdfExpand, hkdfExpandLabel, tls13CipherSuite } from '../../../../electron/services/tls/tls13-decrypt';
import { WireRecorder } from '../../../../electron/services/tls/wire-recorder';
import { chainDer } from '../../../support/tls-servers';

const u24 = (n: number) => Buffer.from([n >> 16, (n >> 8) & 0xff, n & 0xff]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const handshake = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type]), u24(body.length), body]);
const record = (type: number, fragment: Buffer) => Buffer.concat([Buffer.from([type, 3, 3]), u16(fragment.length), fragment]);

function certificateBody(ders: Uint8Array[], tls13: boolean): Buffer {
  const entries = ders.map((der) => Buffer.concat([u24(der.length), Buffer.from(der), tls13 ? u16(0) : Buffer.alloc(0)]));
  const list = Buffer.concat(entries);
  return Buffer.concat([tls13 ? Buffer.from([0]) : Buffer.alloc(0), u24(list.length), list]);
}

const serverHello12 = Buffer.concat([u16(0x0303), Buffer.alloc(32, 1), Buffer.from([0]), u16(0xc02f), Buffer.from([0])]);
const chain = [chainDer('leaf-rsa'), chainDer('int'), chainDer('int')];

describe('parseTarget', () => {
  it.each([
    ['https://example.com', 'example.com', 443],
    ['https://Example.COM:8443/path?q=1#x', 'example.com', 8443],
    ['example.com:8443', 'example.com', 8443],
    ['example.com', 'example.com', 443],
    ['EXAMPLE.com.', 'example.com', 443],
    ['127.0.0.1:4433', '127.0.0.1', 4433],
    ['[::1]:4433', '::1', 4433],
    ['[::1]', '::1', 443],
    ['::1', '::1', 443],
    ['https://[2001:db8::1]:8443/', '2001:db8::1', 8443],
    ['ldaps://ldap.example.com', 'ldap.example.com', 636],
    ['bücher.example', 'xn--bcher-kva.example', 443],
    ['  localhost:1  ', 'localhost', 1],
  ])('%s', (target, host, port) => {
    expect(parseTarget(target)).toEqual({ host, port });
  });

  it.each(['', 'http://example.com', 'example.com:0', 'example.com:70000', 'example.com:https', 'exa mple.com', 'a/b', 'user@host', '[example.com]:443', 'fe80::1:443x', 'https://', '-bad-.com'])(
    'rejects %j with a UsageError',
    (target) => {
      expect(() => parseTarget(target)).toThrow(UsageError);
    },
  );

  it('suggests https:// for http://', () => {
    expect(() => parseTarget('http://example.com')).toThrow(/did you mean https:\/\//);
  });
});

describe('TLS records and handshake reassembly', () => {
  it('reassembles messages split across records, even one byte per record', () => {
    const messages = Buffer.concat([handshake(2, serverHello12), handshake(11, certificateBody(chain, false)), handshake(14, Buffer.alloc(0))]);
    const reassembler = new HandshakeReassembler();
    const seen: number[] = [];
    for (let i = 0; i < messages.length; i++) seen.push(...reassembler.push(messages.subarray(i, i + 1)).map((m) => m.type));
    expect(seen).toEqual([2, 11, 14]);
    expect(reassembler.pending).toBe(0);
  });

  it('keeps a message that declares 16 MiB without allocating it', () => {
    const reassembler = new HandshakeReassembler();
    expect(reassembler.push(Buffer.from([11, 0xff, 0xff, 0xff, 1, 2, 3]))).toEqual([]);
    expect(reassembler.pending).toBe(7);
  });

  it('splits records and leaves out a partial one', () => {
    const bytes = Buffer.concat([record(22, Buffer.from([1, 2, 3])), record(21, Buffer.from([2, 40])).subarray(0, 6)]);
    const { records, truncated } = splitRecords(bytes);
    expect(records.map((r) => [r.type, r.fragment.length])).toEqual([[22, 3]]);
    expect(truncated).toBe(6);
  });

  it('rejects a header that cannot be TLS', () => {
    expect(() => splitRecords(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toThrow(TlsDecodeError);
    expect(() => splitRecords(Buffer.from([22, 3, 3, 0xff, 0xff, 0]))).toThrow(/invalid header/);
  });
});

describe('Certificate and ServerHello messages', () => {
  it.each([false, true])('reads the DERs in wire order (tls13 = %s)', (tls13) => {
    const ders = parseCertificateMessage(certificateBody(chain, tls13), tls13);
    expect(ders.map((d) => Buffer.from(d).toString('hex'))).toEqual(chain.map((d) => Buffer.from(d).toString('hex')));
  });

  it('rejects lengths that overrun, trailing bytes and empty certificates', () => {
    const good = certificateBody([chainDer('int')], false);
    const overrun = Buffer.from(good);
    overrun.writeUIntBE(0xffffff, 3, 3); // first certificate claims 16 MiB
    expect(() => parseCertificateMessage(overrun, false)).toThrow(/truncated/);
    expect(() => parseCertificateMessage(Buffer.concat([good, Buffer.from([0])]), false)).toThrow(/after its certificate list/);
    expect(() => parseCertificateMessage(Buffer.from([0, 0, 3, 0, 0, 0]), false)).toThrow(/empty/);
    expect(() => parseCertificateMessage(good.subarray(0, good.length - 1), false)).toThrow(TlsDecodeError);
  });

  it('reads the negotiated version from supported_versions and spots a HelloRetryRequest', () => {
    const supportedVersions = Buffer.concat([u16(43), u16(2), u16(0x0304)]);
    const hello13 = Buffer.concat([u16(0x0303), Buffer.alloc(32, 9), Buffer.from([0]), u16(0x1303), Buffer.from([0]), u16(supportedVersions.length), supportedVersions]);
    expect(parseServerHello(hello13)).toEqual({ version: 0x0304, cipherSuite: 0x1303, helloRetryRequest: false });
    // RFC 8446 §4.1.3 defines the HelloRetryRequest random as SHA-256("HelloRetryRequest").
    const hrrRandom = createHash('sha256').update('HelloRetryRequest').digest();
    expect(parseServerHello(Buffer.concat([u16(0x0303), hrrRandom, serverHello12.subarray(34)])).helloRetryRequest).toBe(true);
    expect(parseServerHello(serverHello12).helloRetryRequest).toBe(false);
  });
});

describe('readServerFlight on hostile input', () => {
  const flight = Buffer.concat([record(22, handshake(2, serverHello12)), record(22, handshake(11, certificateBody(chain, false))), record(22, handshake(14, Buffer.alloc(0)))]);

  it('reads a whole TLS 1.2 flight', () => {
    const read = readServerFlight(flight, Buffer.alloc(0), []);
    expect(read.serverHello?.version).toBe(0x0303);
    expect(read.certificates?.length).toBe(3);
    expect(read.problem).toBeUndefined();
  });

  it('never throws on any truncation, and returns certificates only when complete', () => {
    const complete = record(22, handshake(2, serverHello12)).length + record(22, handshake(11, certificateBody(chain, false))).length;
    for (let end = 0; end <= flight.length; end += 7) {
      const read = readServerFlight(flight.subarray(0, end), Buffer.alloc(0), []);
      expect(read.certificates === undefined).toBe(end < complete);
    }
  });

  it('never throws on corrupted bytes', () => {
    for (let i = 0; i < 300; i++) {
      const corrupted = Buffer.from(flight);
      for (let j = 0; j < 4; j++) corrupted[Math.floor(Math.random() * corrupted.length)] = Math.floor(Math.random() * 256);
      expect(() => readServerFlight(corrupted, Buffer.alloc(0), [])).not.toThrow();
    }
    expect(() => readServerFlight(randomBytes(5000), randomBytes(100), ['garbage'])).not.toThrow();
  });
});

describe('TLS 1.3 key schedule and record protection', () => {
  it('HKDF-Expand over createHmac equals node hkdfSync after the extract step', () => {
    for (const hash of ['sha256', 'sha384']) {
      for (const length of [12, 16, 32, 48, 100]) {
        const ikm = randomBytes(32);
        const salt = randomBytes(16);
        const info = randomBytes(20);
        const prk = createHmac(hash, salt).update(ikm).digest();
        expect(Buffer.from(hkdfExpand(hash, prk, info, length))).toEqual(Buffer.from(hkdfSync(hash, ikm, salt, info, length)));
      }
    }
  });

  it.each([
    ['TLS_AES_128_GCM_SHA256', 0x1301],
    ['TLS_AES_256_GCM_SHA384', 0x1302],
    ['TLS_CHACHA20_POLY1305_SHA256', 0x1303],
  ])('decrypts %s records in sequence and rejects tampering', (name, code) => {
    const suite = tls13CipherSuite(code)!;
    expect(suite.name).toBe(name);
    const secret = randomBytes(suite.hash === 'sha384' ? 48 : 32);
    const key = hkdfExpandLabel(suite.hash, secret, 'key', new Uint8Array(0), suite.keyLength);
    const iv = hkdfExpandLabel(suite.hash, secret, 'iv', new Uint8Array(0), 12);
    const seal = (sequence: number, inner: Buffer) => {
      const nonce = Buffer.from(iv);
      nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
      const header = Buffer.from([23, 3, 3, 0, 0]);
      header.writeUInt16BE(inner.length + 16, 3);
      const cipher = createCipheriv(suite.aead as 'aes-128-gcm', key, nonce, { authTagLength: 16 });
      cipher.setAAD(header);
      const body = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
      return { type: 23, version: 0x0303, header, fragment: body };
    };
    const decrypter = new Tls13RecordDecrypter(suite, secret);
    const first = decrypter.decrypt(seal(0, Buffer.from([1, 2, 3, 22, 0, 0, 0])));
    expect(first.type).toBe(22);
    expect([...first.content]).toEqual([1, 2, 3]);
    expect(decrypter.decrypt(seal(1, Buffer.from([2, 40, 21]))).type).toBe(21);
    const tampered = seal(2, Buffer.from([9, 22]));
    tampered.fragment[0]! ^= 1;
    expect(() => decrypter.decrypt(tampered)).toThrow(TlsDecodeError);
    expect(() => decrypter.decrypt({ type: 23, version: 0x0303, header: Buffer.from([23, 3, 3, 0, 3]), fragment: Buffer.from([1, 2, 3]) })).toThrow(/shorter/);
  });

  it('finds the logged secret by client random only', () => {
    const random = randomBytes(32);
    const line = `SERVER_HANDSHAKE_TRAFFIC_SECRET ${random.toString('hex')} ${'ab'.repeat(32)}`;
    expect(Buffer.from(findLoggedSecret(['CLIENT_RANDOM x y', line], 'SERVER_HANDSHAKE_TRAFFIC_SECRET', random)!).toString('hex')).toBe('ab'.repeat(32));
    expect(findLoggedSecret([line], 'SERVER_HANDSHAKE_TRAFFIC_SECRET', randomBytes(32))).toBeUndefined();
    expect(findLoggedSecret([line], 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', random)).toBeUndefined();
  });
});

describe('WireRecorder', () => {
  it('copies both directions and stops keeping inbound bytes past its limit', async () => {
    const server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => socket.write(Buffer.alloc(256 * 1024, 1)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const overflow = vi.fn();
    const recorder = new WireRecorder(socket, 64 * 1024, overflow);
    recorder.on('data', () => undefined);
    recorder.write(Buffer.from('hello'));
    await vi.waitFor(() => expect(overflow).toHaveBeenCalledTimes(1));
    expect(Buffer.from(recorder.sent()).toString()).toBe('hello');
    expect(recorder.received().length).toBeLessThanOrEqual(64 * 1024);
    recorder.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
