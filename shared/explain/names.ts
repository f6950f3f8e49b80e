// Distinguished names as logs print them ("CN=a, O=b" from Java, "CN = a, O = b" from OpenSSL, RFC 4514
// "CN=a,O=b" from TrustLens): one comparable form, so a name in a log can be matched to a certificate.

/** Split on commas that are not escaped or quoted. */
function rdns(name: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (ch === '\\' && i + 1 < name.length) {
      current += ch + name[++i]!;
    } else if (ch === '"') {
      quoted = !quoted;
      current += ch;
    } else if ((ch === ',' || ch === ';') && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const ALIASES: Record<string, string> = { EMAILADDRESS: 'E', 'EMAIL': 'E', S: 'ST', SN: 'SURNAME', OID: 'OID' };

/** "CN = a, O = b" and "cn=a,o=b" both become "CN=a,O=b" (type upper case, white space around = and , gone). */
export function normalizeName(name: string): string {
  return rdns(name.trim().replace(/^\/|^subject=|^issuer=/i, ''))
    .map((rdn) => {
      const eq = rdn.indexOf('=');
      if (eq < 0) return rdn;
      const type = rdn.slice(0, eq).trim().toUpperCase();
      return `${ALIASES[type] ?? type}=${rdn.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase()}`;
    })
    .join(',');
}

/**
 * Whether two printed names are the same name. OpenSSL prints the RDNs in the certificate's order
 * (C first), Java and RFC 4514 in reverse (CN first): compared as a set of RDNs, which only mistakes
 * names that differ in nothing but the order of their attributes.
 */
export function sameName(a: string, b: string): boolean {
  const key = (name: string) => normalizeName(name).split(',').sort().join(',');
  return key(a) === key(b);
}

/** A serial number as a log prints it ("00:87:e7:…", "87E7…") in the contract's form: lower hex, no leading zero bytes. */
export function normalizeSerial(serial: string): string {
  const hex = serial.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  return hex.replace(/^(00)+(?=..)/, '') || '0';
}
