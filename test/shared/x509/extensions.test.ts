// Hostile extension values: every registered decoder, fed truncated, garbage, huge-length and deeply
// nested values, must come back as one "could not decode" row, never a throw or a hang.
import { OctetString } from '@peculiar/asn1-schema';
import { Extension } from '@peculiar/asn1-x509';
import { expect, test } from 'vitest';
import { describeExtension, extensionName, registeredExtensionOids } from '../../../shared/x509/extensions/registry';
import { run } from '../../support/peers';

function extension(oid: string, value: Uint8Array, critical = false): Extension {
  return new Extension({ extnID: oid, critical, extnValue: new OctetString(value) });
}

const deep = (depth: number) => {
  const out = new Uint8Array(depth * 2);
  for (let i = 0; i < depth; i++) out.set([0x30, 0x80], i * 2); // indefinite-length SEQUENCEs, never closed
  return out;
};

const HOSTILE: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['a lone tag', Uint8Array.of(0x30)],
  ['a 4 GiB length', Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x00)],
  ['a length past the end', Uint8Array.of(0x30, 0x10, 0x02, 0x01, 0x05)],
  ['an INTEGER', Uint8Array.of(0x02, 0x01, 0x05)],
  ['10,000 levels of nesting', deep(10_000)],
  ['10,000 closed levels of nesting', Uint8Array.from([...deep(10_000), ...new Uint8Array(20_000)])],
  ['a value followed by junk', Uint8Array.of(0x30, 0x03, 0x01, 0x01, 0xff, 0x99)],
  ['random bytes from openssl', Uint8Array.from(Buffer.from(run('openssl', ['rand', '-hex', '64']).stdout.trim(), 'hex'))],
];

test('the registry knows the extension families by name', () => {
  const oids = registeredExtensionOids();
  for (const name of ['Subject Alternative Name', 'Key Usage', 'Extended Key Usage', 'Basic Constraints', 'Subject Key Identifier',
    'Authority Key Identifier', 'Authority Information Access', 'CRL Distribution Points', 'Certificate Policies', 'Name Constraints',
    'Policy Constraints', 'Inhibit anyPolicy', 'Netscape Cert Type', 'Netscape Comment', 'Signed Certificate Timestamps', 'TLS Feature']) {
    expect(oids.map(extensionName)).toContain(name);
  }
  expect(extensionName('1.2.3.4.5')).toBe('1.2.3.4.5');
});

test.each(HOSTILE)('every decoder survives %s', (_, value) => {
  const started = Date.now();
  for (const oid of registeredExtensionOids()) {
    const row = describeExtension(extension(oid, value, true));
    expect(row.label).toBe(`${extensionName(oid)} (critical)`);
    if (row.value === 'could not decode') {
      expect(row.tone).toBe('warn');
      expect(row.children!.find((r) => r.label === 'Value (hex)')!.value.replace(/:/g, '')).toBe(Buffer.from(value).toString('hex').toUpperCase());
    }
  }
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('items of the wrong type and trailing bytes are refused, not shown as "[object Object]"', () => {
  const reason = (oid: string, value: number[]) => {
    const row = describeExtension(extension(oid, Uint8Array.from(value)));
    expect(row.value).toBe('could not decode');
    return row.children!.find((r) => r.label === 'Reason')!.value;
  };
  expect(reason('2.5.29.37', [0x30, 0x03, 0x01, 0x01, 0xff])).toMatch(/not an OBJECT IDENTIFIER/); // EKU holding a BOOLEAN
  expect(reason('1.3.6.1.5.5.7.1.24', [0x30, 0x03, 0x01, 0x01, 0xff])).toMatch(/not a small INTEGER/); // TLS Feature holding a BOOLEAN
  expect(reason('2.5.29.19', [0x30, 0x03, 0x01, 0x01, 0xff, 0x99])).toMatch(/1 unexpected byte/); // Basic Constraints + junk
  expect(describeExtension(extension('2.5.29.19', Uint8Array.of(0x30, 0x03, 0x01, 0x01, 0xff))).value).toBe('CA: true, path length unlimited');
});

test('SCT lists whose TLS lengths lie are refused with a reason', () => {
  const scts = '1.3.6.1.4.1.11129.2.4.2';
  // OCTET STRING { list length 0xffff, then 2 bytes }
  const lying = describeExtension(extension(scts, Uint8Array.of(0x04, 0x04, 0xff, 0xff, 0x00, 0x01)));
  expect(lying.value).toBe('could not decode');
  expect(lying.children!.find((r) => r.label === 'Reason')!.value).toMatch(/runs past the end/);
  const empty = describeExtension(extension(scts, Uint8Array.of(0x04, 0x02, 0x00, 0x00)));
  expect(empty.value).toBe('0 SCTs');
});

test('an unknown extension is shown as hex, even when empty', () => {
  expect(describeExtension(extension('1.2.3.4', Uint8Array.of(0x05, 0x00)))).toMatchObject({ label: '1.2.3.4', value: '05:00', copyable: true });
  expect(describeExtension(extension('1.2.3.4', new Uint8Array(0)))).toMatchObject({ label: '1.2.3.4', value: '' });
});
