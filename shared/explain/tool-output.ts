// What curl -v and openssl s_client print about a handshake: the CA file the client trusted (curl's
// "CAfile:"/"CApath:"), the chain (openssl's "Certificate chain" s:/i: lines, curl's "Server certificate:"
// subject/issuer/dates), and which tool it was.
import type { LoggedCertificate } from '../model/explanation';
import { normalizeName } from './names';

export interface ToolFacts {
  readonly curl: boolean;
  readonly openssl: boolean;
  readonly caFile?: string;
  readonly chain?: readonly LoggedCertificate[];
}

/** "Nov 27 23:27:48 2026 GMT" (OpenSSL, curl) -> ISO. */
function opensslDate(text: string): string | undefined {
  const ms = Date.parse(text.trim().replace(/ GMT$/, ' UTC'));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function logged(subject: string, issuer: string, extra: Partial<LoggedCertificate> = {}): LoggedCertificate {
  return { subject: subject.trim(), issuer: issuer.trim(), ...extra, selfSigned: normalizeName(subject) === normalizeName(issuer) };
}

function opensslChain(text: string): LoggedCertificate[] | undefined {
  const start = text.indexOf('Certificate chain');
  if (start < 0) return undefined;
  const chain: LoggedCertificate[] = [];
  const re = /^\s*\d+ s:(.*)\r?\n\s*i:(.*)(?:\r?\n\s*a:.*)?(?:\r?\n\s*v:NotBefore: (.*?); NotAfter: (.*))?/gm;
  re.lastIndex = start;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const notBefore = m[3] ? opensslDate(m[3]) : undefined;
    const notAfter = m[4] ? opensslDate(m[4]) : undefined;
    chain.push(logged(m[1]!, m[2]!, { ...(notBefore ? { notBefore } : {}), ...(notAfter ? { notAfter } : {}) }));
  }
  return chain.length ? chain : undefined;
}

function curlChain(text: string): LoggedCertificate[] | undefined {
  const subject = /^\*\s+subject: (.*)$/m.exec(text);
  const issuer = /^\*\s+issuer: (.*)$/m.exec(text);
  if (!subject || !issuer) return undefined;
  const notBefore = /^\*\s+start date: (.*)$/m.exec(text)?.[1];
  const notAfter = /^\*\s+expire date: (.*)$/m.exec(text)?.[1];
  const before = notBefore ? opensslDate(notBefore) : undefined;
  const after = notAfter ? opensslDate(notAfter) : undefined;
  return [logged(subject[1]!, issuer[1]!, { ...(before ? { notBefore: before } : {}), ...(after ? { notAfter: after } : {}) })];
}

export function readToolOutput(text: string): ToolFacts {
  const curl = /^\* (?:Trying|Connected to|SSL connection using|TLSv1\.[0-3] \()|^curl: \(\d+\)/m.test(text);
  const openssl = /^CONNECTED\(\d+\)|^depth=\d+ |verify error:num=\d+|Verify return code: \d+|^Certificate chain$/m.test(text);
  const caFile = /^\*\s+CAfile: (.*)$/m.exec(text)?.[1]?.trim() ?? /^\*\s+CApath: (.*)$/m.exec(text)?.[1]?.trim();
  const chain = openssl ? opensslChain(text) : curl ? curlChain(text) : undefined;
  return { curl, openssl, ...(caFile && caFile !== 'none' ? { caFile } : {}), ...(chain ? { chain } : {}) };
}
