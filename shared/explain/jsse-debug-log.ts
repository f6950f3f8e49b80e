// What a JSSE debug log (-Djavax.net.debug=ssl:handshake, ssl:trustmanager, all; JDK 11 to 21 format)
// shows: the trust store ("trustStore is: …", "Inaccessible trust store: …"), the certificates it trusted
// ("adding as trusted certificates ("), the chain the server sent ("Consuming server Certificate handshake
// message ("), the name sent as SNI, the protocol, and the fatal alert. What JDK 17 really prints:
//   javax.net.ssl|DEBUG|10|main|2026-12-01 22:39:43.489 UTC|TrustStoreManager.java:113|trustStore is: /x.jks
//   trustStore type is: pkcs12          <- KeyStore.getDefaultType() even for a JKS file (keystore.type.compat)
//       "serial number"      : "00:87:e7:…",   <- DER bytes of the INTEGER, a leading 00 kept
//       "not  after"         : "2021-01-01 24:00:00.000 UTC",   <- pattern "kk": midnight is hour 24 of that day
// Only `ssl:trustmanager` (or `all`) prints the trust store; only `ssl:handshake` (or `all`) the chain;
// plain `ssl` neither, just the fatal error.
import type { LoggedCertificate } from '../model/explanation';
import { normalizeName, normalizeSerial } from './names';

export interface JsseDebugFacts {
  readonly isDebugLog: boolean;
  readonly trustStore?: { readonly path: string; readonly type?: string };
  readonly skippedStores: readonly string[];
  readonly trusted?: readonly LoggedCertificate[];
  readonly chain?: readonly LoggedCertificate[];
  readonly serverName?: string;
  readonly protocol?: string;
  /** "Fatal (CERTIFICATE_UNKNOWN): PKIX path building failed: …" */
  readonly fatal?: { readonly alert: string; readonly message: string };
  /** "Received alert message" with a fatal description. */
  readonly receivedAlert?: string;
  /** The time of the last logged line, as ISO, when the log's clock is UTC. */
  readonly loggedAt?: string;
}

const LINE_HEAD = /^javax\.net\.ssl\|[A-Z]+\|[^|]*\|[^|]*\|([^|]*)\|[^|]*\|/;

/** "2026-11-27 23:27:48.000 UTC" -> ISO; hour 24 is midnight of the same day (SimpleDateFormat "kk"). Other zones: null. */
export function jsseDate(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))? (UTC|GMT|Z)$/.exec(text.trim());
  if (!m) return null;
  const hour = m[4] === '24' ? '00' : m[4];
  return `${m[1]}-${m[2]}-${m[3]}T${hour}:${m[5]}:${m[6]}.${m[7] ?? '000'}Z`;
}

function quoted(line: string, field: string): string | undefined {
  const m = new RegExp(`^\\s*"${field}"\\s*:\\s*"(.*)",?\\s*$`).exec(line);
  return m ? m[1] : undefined;
}

/** The hex bytes of a "KeyIdentifier [ 0000: 67 DB … ]" block starting after line i. */
function keyIdentifier(lines: readonly string[], start: number): string | undefined {
  let hex = '';
  for (let i = start; i < lines.length && i < start + 8; i++) {
    const m = /^\s*[0-9A-F]{4}: ((?:[0-9A-F]{2} {1,3}){0,15}[0-9A-F]{2})/.exec(lines[i]!);
    if (m) hex += m[1]!.replace(/\s+/g, '');
    else if (/^\s*\]/.test(lines[i]!)) break;
  }
  return hex ? hex.toLowerCase() : undefined;
}

/** Every "certificate" : { … } block in lines[from, to). */
function certificatesIn(lines: readonly string[], from: number, to: number): LoggedCertificate[] {
  const found: LoggedCertificate[] = [];
  let current: { subject?: string; issuer?: string; serial?: string; notBefore?: string; notAfter?: string; sans: string[]; ski?: string; aki?: string; ca?: boolean } | null = null;
  let inSan = false;
  let keyIdFor: 'ski' | 'aki' | null = null;
  const flush = () => {
    if (current?.subject && current.issuer) {
      found.push({
        subject: current.subject,
        issuer: current.issuer,
        ...(current.serial ? { serialNumber: normalizeSerial(current.serial) } : {}),
        ...(current.notBefore ? { notBefore: current.notBefore } : {}),
        ...(current.notAfter ? { notAfter: current.notAfter } : {}),
        ...(current.sans.length ? { subjectAltNames: current.sans } : {}),
        ...(current.ski ? { subjectKeyId: current.ski } : {}),
        ...(current.aki ? { authorityKeyId: current.aki } : {}),
        ...(current.ca !== undefined ? { ca: current.ca } : {}),
        selfSigned: normalizeName(current.subject) === normalizeName(current.issuer),
      });
    }
  };
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (/^\s*"certificate"\s*:\s*\{/.test(line)) {
      flush();
      current = { sans: [] };
      continue;
    }
    if (!current) continue;
    const serial = quoted(line, 'serial number');
    if (serial !== undefined) current.serial = serial;
    const issuer = quoted(line, 'issuer');
    if (issuer !== undefined) current.issuer = issuer;
    const subject = quoted(line, 'subject');
    if (subject !== undefined) current.subject = subject;
    const notBefore = quoted(line, 'not before');
    if (notBefore !== undefined) current.notBefore = jsseDate(notBefore) ?? notBefore;
    const notAfter = quoted(line, 'not {1,2}after');
    if (notAfter !== undefined) current.notAfter = jsseDate(notAfter) ?? notAfter;
    const ca = /^\s*CA:(true|false)\s*$/.exec(line);
    if (ca) current.ca = ca[1] === 'true';
    if (/^\s*SubjectAlternativeName \[/.test(line)) inSan = true;
    else if (inSan && /^\s*\]/.test(line)) inSan = false;
    else if (inSan) {
      const m = /^\s*(DNSName|IPAddress|RFC822Name|URIName): (.*)$/.exec(line);
      if (m) current.sans.push(`${m[1] === 'DNSName' ? 'DNS' : m[1] === 'IPAddress' ? 'IP' : m[1] === 'URIName' ? 'URI' : 'email'}:${m[2]!.trim()}`);
    }
    if (/^\s*SubjectKeyIdentifier \[/.test(line)) keyIdFor = 'ski';
    if (/^\s*AuthorityKeyIdentifier \[/.test(line)) keyIdFor = 'aki';
    if (keyIdFor && /^\s*KeyIdentifier \[/.test(line)) {
      const id = keyIdentifier(lines, i + 1);
      if (id && !current[keyIdFor]) current[keyIdFor] = id;
      keyIdFor = null;
    }
  }
  flush();
  return found;
}

/** The end of a "… (" message: the next line that is a lone ")" at the start. */
function blockEnd(lines: readonly string[], start: number): number {
  for (let i = start + 1; i < lines.length; i++) if (/^\)\s*$/.test(lines[i]!) || LINE_HEAD.test(lines[i]!)) return i;
  return lines.length;
}

export function readJsseDebugLog(text: string): JsseDebugFacts {
  const lines = text.split(/\r?\n/);
  const isDebugLog = lines.some((line) => LINE_HEAD.test(line));
  let trustStore: { path: string; type?: string } | undefined;
  const skippedStores: string[] = [];
  let trusted: LoggedCertificate[] | undefined;
  let chain: LoggedCertificate[] | undefined;
  let serverName: string | undefined;
  let protocol: string | undefined;
  let fatal: { alert: string; message: string } | undefined;
  let receivedAlert: string | undefined;
  let loggedAt: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const head = LINE_HEAD.exec(line);
    if (head) {
      const at = jsseDate(head[1]!);
      if (at) loggedAt = at;
    }
    let m: RegExpExecArray | null;
    if ((m = /trustStore is: (.*)$/.exec(line))) {
      const type = /^trustStore type is: ?(.*)$/.exec(lines[i + 1] ?? '');
      trustStore = { path: m[1]!.trim(), ...(type && type[1] ? { type: type[1].trim() } : {}) };
    } else if ((m = /Inaccessible trust store: (.*)$/.exec(line))) {
      skippedStores.push(m[1]!.trim());
    } else if (/adding as trusted cert(?:ificate)?s? \(/.test(line)) {
      const end = blockEnd(lines, i);
      trusted = [...(trusted ?? []), ...certificatesIn(lines, i + 1, end)];
      i = end - 1;
    } else if (/Consuming server Certificate handshake message \(/.test(line)) {
      const end = blockEnd(lines, i);
      chain = certificatesIn(lines, i + 1, end);
      i = end - 1;
    } else if ((m = /type=host_name \(0\), value=([^\s,]+)/.exec(line))) {
      serverName ??= m[1];
    } else if ((m = /Negotiated protocol version: (\S+)/.exec(line))) {
      protocol = m[1];
    } else if ((m = /\|Fatal \(([A-Z_]+)\): (.*?)(?: \($)?$/.exec(line))) {
      fatal = { alert: m[1]!.toLowerCase(), message: m[2]!.trim() };
    } else if (/Received alert message/.test(line)) {
      const block = lines.slice(i, i + 6).join('\n');
      const level = /"level"\s*:\s*"(\w+)"/.exec(block);
      const description = /"description"\s*:\s*"(\w+)"/.exec(block);
      if (description && level?.[1] === 'fatal') receivedAlert = description[1];
    }
  }
  return {
    isDebugLog,
    ...(trustStore ? { trustStore } : {}),
    skippedStores,
    ...(trusted ? { trusted } : {}),
    ...(chain ? { chain } : {}),
    ...(serverName ? { serverName } : {}),
    ...(protocol ? { protocol } : {}),
    ...(fatal ? { fatal } : {}),
    ...(receivedAlert ? { receivedAlert } : {}),
    ...(loggedAt ? { loggedAt } : {}),
  };
}
