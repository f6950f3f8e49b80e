// Each extension family as TrustLens decodes it, compared with `openssl x509 -text` and `asn1parse`
// for the fixtures of test/fixtures/x509/make.sh.
import { describe, expect, test } from 'vitest';
import { extension, field, load, section, values } from './fixture-details';
import { canonicalIp, extensionLines, maskToPrefix, opensslExtensionValue } from './openssl-text';

describe('extensions of the rich leaf, compared with openssl x509 -text', () => {
  const { text, details } = load('leaf-rich');

  test('Subject Alternative Name: DNS, IP v4 and v6, email, URI', () => {
    const expected = extensionLines(text, 'X509v3 Subject Alternative Name')[0]!
      .split(', ')
      .map((entry) => entry.replace(/^IP Address:/, 'IP:'))
      .map((entry) => (entry.startsWith('IP:') ? `IP:${canonicalIp(entry.slice(3))}` : entry));
    const san = extension(details, 'Subject Alternative Name');
    const ours = san.children!.map((r) => `${r.label}:${r.label === 'IP' ? canonicalIp(r.value) : r.value}`);
    expect(ours).toEqual(expected);
    expect(expected.map((e) => e.split(':')[0])).toEqual(['DNS', 'DNS', 'IP', 'IP', 'email', 'URI']);
    expect(san.children!.every((r) => r.copyable)).toBe(true);
    // The line above the names counts them rather than listing them again.
    expect(san.value).toBe('6 names: 2 DNS, 2 IP, 1 email, 1 URI');
  });

  test('Key Usage, Extended Key Usage, Basic Constraints (critical marked)', () => {
    const ku = extension(details, 'Key Usage');
    expect(ku.label).toBe('Key Usage (critical)');
    expect(ku.value).toBe(extensionLines(text, 'X509v3 Key Usage')[0]);
    expect(ku.children).toBeUndefined(); // the value names every usage: no sub-rows saying it again
    const eku = extension(details, 'Extended Key Usage');
    const expected = extensionLines(text, 'X509v3 Extended Key Usage')[0]!.split(', ');
    expect(values(eku.children).map((v) => v.replace(/ \(\w+\)$/, ''))).toEqual(expected);
    expect(values(eku.children)).toContain('TLS Web Server Authentication (serverAuth)');
    const bc = extension(details, 'Basic Constraints');
    expect(bc.label).toBe('Basic Constraints (critical)');
    expect(extensionLines(text, 'X509v3 Basic Constraints')[0]).toBe('CA:FALSE');
    expect(bc.value).toBe('CA: false');
    expect(bc.children).toBeUndefined(); // not "CA: false" and then "CA false"
  });

  test('Subject and Authority Key Identifier, with the issuer name and serial', () => {
    const ski = extension(details, 'Subject Key Identifier');
    expect(ski.value).toBe(extensionLines(text, 'X509v3 Subject Key Identifier')[0]);
    expect(ski).toMatchObject({ copyable: true, mono: true }); // copied from its own row: no sub-row repeating it
    expect(ski.children).toBeUndefined();
    const lines = extensionLines(text, 'X509v3 Authority Key Identifier');
    const aki = extension(details, 'Authority Key Identifier');
    expect(field(aki.children!, 'Key identifier').value).toBe(lines.find((l) => l.startsWith('keyid:'))!.slice(6));
    expect(field(aki.children!, 'Issuer serial number').value).toBe(lines.find((l) => l.startsWith('serial:'))!.slice(7));
    expect(field(aki.children!, 'Issuer serial number').value).toBe(field(section(load('ca').details, 'Signature'), 'Serial number').value);
    expect(field(aki.children!, 'Issuer').children![0]!.value).toBe(details.summary.issuer);
  });

  test('Authority Information Access and CRL Distribution Points: the URLs', () => {
    const aia = extension(details, 'Authority Information Access');
    const expected = extensionLines(text, 'Authority Information Access').map((l) => {
      const [method, location] = l.split(' - URI:') as [string, string];
      return { label: method, value: location };
    });
    expect(aia.children!.map((r) => ({ label: r.label, value: r.value }))).toEqual(expected);
    const crl = extension(details, 'CRL Distribution Points');
    const urls = extensionLines(text, 'X509v3 CRL Distribution Points').filter((l) => l.startsWith('URI:')).map((l) => l.slice(4));
    expect(values(crl.children, 'URI')).toEqual(urls);
    expect(urls).toHaveLength(2);
  });

  test('Certificate Policies: CA/B Forum names, CPS URL and user notice', () => {
    const lines = extensionLines(text, 'X509v3 Certificate Policies');
    const oids = lines.filter((l) => l.startsWith('Policy: ')).map((l) => l.slice(8));
    const policies = extension(details, 'Certificate Policies').children!;
    expect(policies.map((p) => /(\d+(?:\.\d+)+)\)?$/.exec(p.value)![1])).toEqual(oids);
    expect(policies[0]!.value).toBe('CA/B Forum Organization Validated (OV) (2.23.140.1.2.2)');
    const cps = lines.find((l) => l.startsWith('CPS: '))!.slice(5);
    expect(field(policies[1]!.children!, 'CPS').value).toBe(cps);
    const notice = lines.find((l) => l.startsWith('Explicit Text: '))!.slice(15);
    expect(field(field(policies[1]!.children!, 'User notice').children!, 'Explicit text').value).toBe(notice);
  });

  test('TLS Feature, Netscape Cert Type and Comment', () => {
    expect(extensionLines(text, 'TLS Feature')).toEqual(['status_request']);
    const feature = extension(details, 'TLS Feature');
    expect(feature.value).toBe('OCSP Must-Staple');
    expect(feature.children![0]!.value).toMatch(/^status_request /);
    expect(extension(details, 'Netscape Cert Type').value).toBe(extensionLines(text, 'Netscape Cert Type')[0]);
    expect(extension(details, 'Netscape Comment').value).toBe(extensionLines(text, 'Netscape Comment')[0]);
  });

  test('Signed Certificate Timestamps: count, log IDs and times', () => {
    const lines = extensionLines(text, 'CT Precertificate SCTs');
    const count = lines.filter((l) => l === 'Signed Certificate Timestamp:').length;
    const sct = extension(details, 'Signed Certificate Timestamps');
    expect(sct.value).toBe(`${count} SCTs`);
    expect(sct.children).toHaveLength(count);
    const logIds: string[] = [];
    lines.forEach((l, i) => {
      if (l.startsWith('Log ID    : ')) logIds.push((l.slice(12) + lines[i + 1]).replace(/:$/, ''));
    });
    expect(sct.children!.map((c) => field(c.children!, 'Log ID').value)).toEqual(logIds);
    const times = lines.filter((l) => l.startsWith('Timestamp : ')).map((l) => new Date(l.slice(12).replace(/(\d+:\d+:\d+\.\d+) (\d{4}) GMT/, '$2 $1Z')).toISOString());
    expect(sct.children!.map((c) => field(c.children!, 'Timestamp').value)).toEqual(times);
  });

  test('every extension OpenSSL lists has a row, none of them undecoded', () => {
    const count = text.split('\n').filter((l) => /^ {12}\S.*:\s*(critical)?\s*$/.test(l)).length;
    const rows = section(details, 'Extensions');
    expect(rows).toHaveLength(count);
    expect(rows.filter((r) => r.value === 'could not decode')).toEqual([]);
  });
});

describe('the CA: name constraints, path length, policy constraints', () => {
  const { text, details } = load('ca');

  test('Basic Constraints path length', () => {
    expect(extensionLines(text, 'X509v3 Basic Constraints')[0]).toBe('CA:TRUE, pathlen:0');
    const bc = extension(details, 'Basic Constraints');
    expect(bc.value).toBe('CA: true, path length 0');
    expect(bc.children).toBeUndefined();
  });

  test('Name Constraints: permitted and excluded subtrees', () => {
    const lines = extensionLines(text, 'X509v3 Name Constraints');
    const excludedAt = lines.indexOf('Excluded:');
    const normalise = (entry: string) => (entry.startsWith('IP:') ? `IP:${maskToPrefix(entry.slice(3))}` : entry);
    const permitted = lines.slice(1, excludedAt).map(normalise);
    const excluded = lines.slice(excludedAt + 1).map(normalise);
    const nc = extension(details, 'Name Constraints');
    expect(nc.label).toBe('Name Constraints (critical)');
    const ours = (label: string) =>
      field(nc.children!, label).children!.map((r) => `${r.label}:${r.label === 'IP' ? maskToPrefix(r.value) : r.value}`);
    expect(ours('Permitted')).toEqual(permitted);
    expect(ours('Excluded')).toEqual(excluded);
  });

  test('Policy Constraints and Inhibit anyPolicy', () => {
    const pc = /Require Explicit Policy:(\d+), Inhibit Policy Mapping:(\d+)/.exec(extensionLines(text, 'X509v3 Policy Constraints')[0]!)!;
    const row = extension(details, 'Policy Constraints');
    expect(field(row.children!, 'Require explicit policy').value).toBe(pc[1]);
    expect(field(row.children!, 'Inhibit policy mapping').value).toBe(pc[2]);
    expect(field(extension(details, 'Inhibit anyPolicy').children!, 'Skip certificates').value).toBe(extensionLines(text, 'X509v3 Inhibit Any Policy')[0]);
    expect(extension(details, 'Certificate Policies').children![0]!.value).toBe('Any policy (2.5.29.32.0)');
  });
});

describe('extensions nobody can read', () => {
  test('an unknown extension shows its OID and the hex of its value', () => {
    const { file, details } = load('custom-ext');
    const row = extension(details, '1.3.6.1.4.1.55555.1.2');
    expect(row.value.replace(/:/g, '')).toBe(opensslExtensionValue(file, '1.3.6.1.4.1.55555.1.2'));
    expect(row.copyable).toBe(true);
  });

  test('a malformed Subject Alternative Name says "could not decode" and does not hide the rest', () => {
    const { file, text, details } = load('malformed-ext');
    const row = extension(details, 'Subject Alternative Name');
    expect(row.value).toBe('could not decode');
    expect(field(row.children!, 'Value (hex)').value.replace(/:/g, '')).toBe(opensslExtensionValue(file, 'X509v3 Subject Alternative Name'));
    expect(extension(details, 'Subject Key Identifier').value).toBe(extensionLines(text, 'X509v3 Subject Key Identifier')[0]);
    expect(section(details, 'Fingerprints')).toHaveLength(3);
  });
});
