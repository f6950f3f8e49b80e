// Where a missing issuer can be had: a path that stops at a certificate whose issuer neither the server
// sent nor the trust store holds may still end at a CA this machine already has (a JDK's cacerts, the OS
// CA bundle) or one its CA Issuers URL serves. Found by name and checked by signature, as a path builder
// would, never by name alone.
import type { CryptoProvider } from '../crypto-provider';
import type { FoundIn } from '../model/probe';
import { isSelfIssued, parseCertificate, type ParsedCertificate } from '../x509/certificate';
import { certifies } from './shape';
import { nameKey } from './path-builder';

/** A certificate from elsewhere (another store of this machine, a CA Issuers URL), with where it is. */
export interface KnownCertificate {
  readonly der: Uint8Array;
  readonly foundIn: FoundIn;
}

export interface FoundIssuer {
  readonly parsed: ParsedCertificate;
  readonly der: Uint8Array;
  readonly foundIn: FoundIn;
}

/** More than any real chain; stops a cycle of cross-signed CAs. */
const MAX_STEPS = 8;

/**
 * Certificates from elsewhere, indexed by subject on first use. `above(cert)` gives the issuers of `cert`
 * among them, walking up until a self-signed root, a certificate the store holds an issuer of, or nothing
 * more is found: [issuer, its issuer, …]. Each step takes the first certificate of the issuer's name whose
 * key verifies the signature, so a same-named CA with another key is never offered.
 */
export class KnownIssuers {
  private index: Map<string, FoundIssuer[]> | null = null;

  constructor(
    private readonly known: readonly KnownCertificate[],
    private readonly crypto: CryptoProvider,
  ) {}

  /**
   * `held(cert)`: whether the trust store already holds an issuer of `cert`; the walk stops there, as
   * nothing above is missing. `complete`: the certificates found close the path (to a root, or to the store).
   */
  above(from: ParsedCertificate, held: (cert: ParsedCertificate) => boolean = () => false): { found: FoundIssuer[]; complete: boolean } {
    if (isSelfIssued(from)) return { found: [], complete: false };
    const bySubject = this.bySubject();
    const found: FoundIssuer[] = [];
    let current = from;
    for (let step = 0; step < MAX_STEPS; step++) {
      const issuer = bySubject.get(nameKey(current.issuer))?.find((candidate) => !found.includes(candidate) && certifies(candidate.parsed, current, this.crypto));
      if (!issuer) break;
      found.push(issuer);
      if (isSelfIssued(issuer.parsed)) return { found, complete: true };
      if (held(issuer.parsed)) return { found, complete: true };
      current = issuer.parsed;
    }
    return { found, complete: false };
  }

  private bySubject(): Map<string, FoundIssuer[]> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const entry of this.known) {
      let parsed: ParsedCertificate;
      try {
        parsed = parseCertificate(entry.der);
      } catch {
        continue; // a certificate that does not read cannot be offered
      }
      const key = nameKey(parsed.subject);
      const list = this.index.get(key) ?? [];
      list.push({ parsed, der: entry.der, foundIn: entry.foundIn });
      this.index.set(key, list);
    }
    return this.index;
  }
}
