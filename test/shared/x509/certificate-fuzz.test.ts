// Seeded, bounded mutation fuzzing of certificates and of the files that carry them (DER, PEM, PKCS#7).
// Two kinds of damage: anywhere in a whole file, and deep inside one certificate with every enclosing
// length re-encoded, so the damage reaches the names, times, keys and extensions behind well-formed outer
// layers (random bytes in a whole file mostly break the outermost length and stop there).
// The only acceptable outcomes of opening a file, listing it, projecting its entries and describing
// every certificate (what the details pane shows) are success or a typed TrustLensError with a one-line
// message. And where both the fast DER reader and @peculiar/asn1-x509 read a damaged certificate, they
// must read the same thing; the fast reader may refuse (and hand over) more, never accept something else.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CorruptInputError, TrustLensError } from '../../../shared/errors';
import { decodeStore } from '../../../shared/formats';
import { storeListing } from '../../../shared/formats/view/store-listing';
import { entryView } from '../../../shared/formats/view/store-view';
import { parseCertificate, parseWithLibrary, summarize } from '../../../shared/x509/certificate';
import { isUnreadable } from '../../../shared/x509/der-reader';
import { describeCertificate } from '../../../shared/x509/describe';
import { summaryFromDer } from '../../../shared/x509/fast-summary';
import { pemBlocks } from '../../../shared/x509/pem';
import { nodeCrypto as crypto } from '../../support/crypto';
import { mutateDer, seededRandom } from '../../support/mutations';
import { run } from '../../support/peers';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function pemFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return pemFiles(file);
    return name.endsWith('.pem') ? [file] : [];
  });
}

/** Every certificate in the fixtures, once each. */
function fixtureCertificates(): Uint8Array[] {
  const seen = new Set<string>();
  return pemFiles(FIXTURES).flatMap((file) =>
    pemBlocks(readFileSync(file, 'latin1'))
      .filter((block) => block.label === 'CERTIFICATE')
      .map((block) => block.der)
      .filter((der) => {
        const key = Buffer.from(der).toString('base64');
        return !seen.has(key) && Boolean(seen.add(key));
      }),
  );
}

/** A DER element as a tree: constructed elements hold children, primitive ones their contents. */
interface Node {
  tag: number;
  children?: Node[];
  content?: Uint8Array;
}

/** Low tag numbers and definite lengths only (what our fixtures hold); null for anything else. */
function parseTree(bytes: Uint8Array, start = 0, end = bytes.length): Node[] | null {
  const nodes: Node[] = [];
  for (let at = start; at < end; ) {
    if (at + 2 > end) return null;
    const tag = bytes[at]!;
    let length = bytes[at + 1]!;
    let body = at + 2;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 3) return null;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[body + i]!;
      body += count;
    }
    if ((tag & 0x1f) === 0x1f || body + length > end) return null;
    if (tag & 0x20) {
      const children = parseTree(bytes, body, body + length);
      if (!children) return null;
      nodes.push({ tag, children });
    } else {
      nodes.push({ tag, content: bytes.subarray(body, body + length) });
    }
    at = body + length;
  }
  return nodes;
}

function lengthOctets(length: number): number[] {
  if (length < 0x80) return [length];
  const out: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) out.unshift(n % 256);
  return [0x80 | out.length, ...out];
}

function encodeTree(node: Node): Uint8Array {
  const body = node.children ? Buffer.concat(node.children.map(encodeTree)) : (node.content ?? new Uint8Array(0));
  return Uint8Array.from([node.tag, ...lengthOctets(body.length), ...body]);
}

function allNodes(node: Node, into: Node[] = []): Node[] {
  into.push(node);
  for (const child of node.children ?? []) allNodes(child, into);
  return into;
}

/** Universal and context tags a field could wrongly carry. */
const TAGS = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1e, 0x30, 0x31, 0x80, 0x81, 0x82, 0x86, 0x87, 0xa0, 0xa3, 0xa4];

/** One or two changes to the elements of a certificate, lengths re-encoded around them. */
function mutateInside(der: Uint8Array, next: () => number): Uint8Array {
  const root = parseTree(der)![0]!;
  const nodes = allNodes(root);
  const pick = (n: number) => Math.floor(next() * n);
  for (let round = 1 + pick(2); round > 0; round--) {
    const node = nodes[pick(nodes.length)]!;
    const choice = pick(6);
    if (choice === 0) {
      node.tag = TAGS[pick(TAGS.length)]!;
      if (node.tag & 0x20 && !node.children) node.children = parseTree(node.content!) ?? [];
      if (!(node.tag & 0x20) && node.children) node.content = encodeTree({ tag: 0x30, children: node.children }).subarray(2);
    } else if (node.children && node.children.length > 0) {
      const i = pick(node.children.length);
      if (choice === 1) node.children.splice(i, 1);
      else if (choice === 2) node.children.splice(i, 0, structuredClone(node.children[i]!));
      else if (choice === 3) node.children.push(node.children.splice(i, 1)[0]!);
      else node.children = [];
    } else {
      const content = node.content ?? new Uint8Array(0);
      if (choice === 1) node.content = content.length ? mutateDer(content, next) : Uint8Array.of(pick(256));
      else if (choice === 2) node.content = new Uint8Array(0);
      else if (choice === 3) node.content = Uint8Array.from({ length: 1 + pick(300) }, () => (next() < 0.5 ? 0xff : pick(256)));
      else node.content = content.subarray(0, pick(content.length + 1));
    }
    if (!(node.tag & 0x20)) delete node.children;
    else delete node.content;
  }
  return encodeTree(root);
}

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;

/** Open, list, project and describe, as the window and the CLI do; anything but a typed one-line error is a failure. */
function openFully(failures: string[], label: string, bytes: Uint8Array): boolean {
  try {
    const store = decodeStore(bytes, { crypto });
    storeListing('fuzzed', store, crypto);
    for (const entry of store.entries) {
      entryView(entry, crypto);
      for (const der of entry.certificates) describeCertificate(parseCertificate(der), crypto);
    }
    return true;
  } catch (error) {
    if (!(error instanceof TrustLensError) || !error.message || error.message.includes('\n')) {
      failures.push(`${label}: ${error instanceof Error ? (error.stack ?? error.message).split('\n').slice(0, 4).join(' | ') : String(error)}`);
    }
    return false;
  }
}

/** The fast reader's summary, or null where it hands the certificate over. */
function fastSummary(der: Uint8Array): unknown {
  try {
    return summaryFromDer(der, crypto);
  } catch (error) {
    if (isUnreadable(error)) return null;
    throw error;
  }
}

function librarySummary(der: Uint8Array): unknown {
  try {
    return summarize(parseWithLibrary(der), crypto);
  } catch {
    return null;
  }
}

describe('certificate files, damaged', () => {
  const certificates = fixtureCertificates();

  it('damage inside a certificate: opened, listed and described, or refused with a one-line error', () => {
    expect(certificates.length).toBeGreaterThan(30);
    const failures: string[] = [];
    const disagreements: string[] = [];
    const next = seededRandom(0xce27);
    let opened = 0;
    let bothRead = 0;
    for (let n = 0; n < 1500; n++) {
      const der = mutateInside(certificates[n % certificates.length]!, next);
      const label = `certificate ${n % certificates.length} mutation #${n}`;
      if (openFully(failures, `${label} (DER)`, der)) opened++;
      if (n % 5 === 0) openFully(failures, `${label} (PEM)`, new TextEncoder().encode(pem(der)));
      const fast = fastSummary(der);
      if (fast === null) continue;
      const library = librarySummary(der);
      if (library === null) disagreements.push(`${label}: the fast reader read what asn1-x509 refuses (${Buffer.from(der).toString('base64')})`);
      else if (JSON.stringify(fast) !== JSON.stringify(library)) disagreements.push(`${label}: ${JSON.stringify(fast)} != ${JSON.stringify(library)}`);
      else bothRead++;
    }
    expect(failures).toEqual([]);
    expect(disagreements).toEqual([]);
    // The damage reaches past the outer layers: many damaged certificates still open.
    expect(opened).toBeGreaterThan(300);
    expect(bothRead).toBeGreaterThan(100);
  });

  it('damage anywhere in DER, PEM and PKCS#7 files: opened or refused with a one-line error', () => {
    const files = ['pem/root.der', 'pem/chain.p7b', 'pem/chain-pem.p7c', 'pem/chain.pem', 'pem/bundle-crlf.pem', 'pem/leaf-with-keys.pem'];
    const failures: string[] = [];
    const next = seededRandom(0xf11e5);
    for (const name of files) {
      const source = new Uint8Array(readFileSync(path.join(FIXTURES, name)));
      for (let n = 0; n < 150; n++) openFully(failures, `${name} #${n}`, mutateDer(source, next));
    }
    expect(failures).toEqual([]);
  });

  /** `certificate` with the first run of `from` replaced by `to` (same length: no lengths change). */
  function edited(file: string, from: number[], to: number[]): Uint8Array {
    const der = pemBlocks(readFileSync(path.join(FIXTURES, file), 'latin1'))[0]!.der.slice();
    const at = Buffer.from(der).indexOf(Buffer.from(from));
    expect(at, file).toBeGreaterThan(0);
    der.set(to, at);
    return der;
  }

  it('two damaged certificates this fuzzer found: read where Java reads them, refused where Java refuses', () => {
    const rsaNull = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
    const mgf1 = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08];
    // The RSA key's NULL parameters turned into an empty UTCTime: asn1-schema read it, then failed to
    // encode it again (an untyped error); Java and OpenSSL read the certificate.
    const oddTime = edited('diagnose/root.pem', rsaNull, [...rsaNull.slice(0, -2), 0x17, 0x00]);
    // MGF1's OBJECT IDENTIFIER tagged [0]: the fast reader used to read past RSASSA-PSS parameters; Java refuses them.
    const badPss = edited('diagnose/leaf-pss.pem', mgf1, [0x80, ...mgf1.slice(1)]);
    const dir = mkdtempSync(path.join(tmpdir(), 'trustlens-fuzz-'));
    const keytool = (der: Uint8Array) => {
      writeFileSync(path.join(dir, 'damaged.der'), der);
      return run('keytool', ['-printcert', '-file', path.join(dir, 'damaged.der')], { allowFailure: true });
    };
    try {
      const read = keytool(oddTime);
      expect(read.status).toBe(0);
      const store = decodeStore(oddTime, { crypto });
      const summary = entryView(store.entries[0]!, crypto).certificates[0]!;
      expect(read.stdout).toContain(`SHA256: ${summary.sha256.toUpperCase().replace(/(..)(?!$)/g, '$1:')}`);
      expect(summary).toEqual(summarize(parseWithLibrary(oddTime), crypto));
      expect(describeCertificate(parseWithLibrary(oddTime), crypto).summary).toEqual(summary);

      expect(keytool(badPss).status).not.toBe(0);
      expect(() => parseCertificate(badPss)).toThrow(CorruptInputError);
      expect(() => decodeStore(badPss, { crypto })).toThrow(/RSASSA-PSS parameters are malformed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
