// jdk.certpath.disabledAlgorithms on a certification path, as JDK 17's PKIX AlgorithmChecker applies it
// to a TLS server's chain: every signature below the trust anchor (the anchor's own is never checked) by
// its algorithm and the parts of its name (SHA1withRSA: SHA1, RSA), and every public key on the path, the
// anchor's too, by key algorithm and size. An entry's conditions must all hold: `jdkCA` only for a chain
// anchored at a root that ships in that JDK's cacerts (AnchorCertificates), `usage` only for TLSServer
// here, `denyAfter` only after that date. The entry is named in the problem, with the JDK it comes from.
import type { CertificateRole } from '../model/certificate';
import type { Problem } from '../model/probe';
import { isSelfIssued, keyInfo, signatureAlgorithmName } from '../x509/certificate';
import { javaName, keySizeDisabled, type AlgorithmConstraint, type JavaSecurity } from './java-security';
import type { ChainCertificate } from './path-builder';
import type { Finding } from './problems';

/** The JDK whose rules apply, and the SHA-256 of the certificates in its own cacerts (for `jdkCA`). */
export interface JavaRules {
  readonly java: JavaSecurity;
  readonly jdkCa: ReadonlySet<string>;
}

type JavaCertpathContext = JavaRules & { readonly now: Date };

/** JCA names and their parts: "SHA256withECDSA" -> SHA256withECDSA, SHA256, ECDSA (and SHA-256 spelled both ways). */
function signatureParts(name: string): string[] {
  const parts = [name];
  const match = /^(.+?)with(.+?)(?:and(.+))?$/i.exec(name);
  if (match) parts.push(match[1]!, match[2]!);
  return parts.flatMap((part) => [part, part.replace(/^SHA-?(\d+)$/i, 'SHA$1'), part.replace(/^SHA(\d+)$/i, 'SHA-$1')]);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether the entry's conditions other than the algorithm and key size hold for this chain. */
function conditionsHold(rule: AlgorithmConstraint, anchoredAtJdkCa: boolean, now: Date): boolean {
  if (rule.jdkCA && !anchoredAtJdkCa) return false;
  if (rule.usage.length && !rule.usage.some((u) => same(u, 'TLSServer'))) return false;
  if (rule.denyAfter && now.getTime() < rule.denyAfter.getTime()) return false;
  return true;
}

function quote(name: string): string {
  return `'${name}'`;
}

function constrained(cert: ChainCertificate, role: CertificateRole, what: string, rule: AlgorithmConstraint, ctx: JavaCertpathContext, anchor: ChainCertificate | undefined): Problem {
  const jdkCa = rule.jdkCA && anchor ? ` (the chain ends at ${quote(anchor.parsed.subject)}, a root that ships in this JDK's cacerts, which is what "jdkCA" means)` : '';
  const where = ctx.java.files.length ? ` in ${ctx.java.files.join(' and ')}` : '';
  return {
    code: 'ALGORITHM_CONSTRAINED',
    message: `The ${role === 'leaf' ? "server's" : role} certificate ${quote(cert.parsed.subject)} ${what}, which ${javaName(ctx.java)} refuses: jdk.certpath.disabledAlgorithms${where} has "${rule.text}"${jdkCa}.`,
    fix: `Reissue ${quote(cert.parsed.subject)} with an algorithm and key size this JDK accepts (SHA-256 or stronger, RSA 2048 bits or more, or EC), or change that rule in the client's java.security (-Djava.security.properties=FILE).`,
  };
}

/** The blocking findings of this JDK's jdk.certpath.disabledAlgorithms on the path (anchorIndex -1: no anchor). */
export function javaCertpathFindings(path: readonly ChainCertificate[], anchorIndex: number, roleAt: (i: number) => CertificateRole, ctx: JavaCertpathContext): Finding[] {
  const rules = ctx.java.certpathDisabled;
  if (!rules.length) return [];
  const anchor = anchorIndex >= 0 ? path[anchorIndex] : undefined;
  const anchoredAtJdkCa = anchor !== undefined && ctx.jdkCa.has(anchor.sha256);
  const out: Finding[] = [];
  path.forEach((cert, i) => {
    const role = roleAt(i);
    const signed = i !== anchorIndex && !(i === path.length - 1 && isSelfIssued(cert.parsed));
    if (signed) {
      const algorithm = signatureAlgorithmName(cert.parsed);
      const parts = signatureParts(algorithm);
      const rule = rules.find((r) => !r.keySize && parts.some((p) => same(p, r.algorithm)) && conditionsHold(r, anchoredAtJdkCa, ctx.now));
      if (rule) {
        out.push({ problem: constrained(cert, role, `is signed with ${algorithm}`, rule, ctx, anchor), blocking: true });
        return;
      }
    }
    const key = keyInfo(cert.parsed);
    const keyAlgorithm = key.algorithm === 'RSASSA-PSS' ? 'RSASSA-PSS' : key.algorithm;
    const rule = rules.find(
      (r) => same(r.algorithm, keyAlgorithm) && (r.keySize ? key.size !== undefined && keySizeDisabled(r, key.size) : false) && conditionsHold(r, anchoredAtJdkCa, ctx.now),
    );
    if (rule) out.push({ problem: constrained(cert, role, `has a ${key.size}-bit ${key.algorithm} key`, rule, ctx, anchor), blocking: true });
  });
  return out;
}
