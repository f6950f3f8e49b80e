// The details pane as a pure projection: a parsed certificate becomes sections of labelled rows
// (subject, issuer, validity, key, signature, fingerprints, extensions) that React and the CLI only render.
// No clock is read unless `now` is left out, and all crypto goes through the injected provider.
import { AsnParser } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, type Name } from '@peculiar/asn1-x509';
import { RsaSaPssParams } from '@peculiar/asn1-rsa';
import type { CryptoProvider } from '../crypto-provider';
import type { CertificateSummary } from '../model/certificate';
import type { CertificateDetails, DetailRow, DetailSection } from '../model/details';
import { keyInfo, signatureAlgorithmName, summarize, type ParsedCertificate } from './certificate';
import { describeExtension } from './extensions/registry';
import { colonHex, toHex } from './hex';
import { ATTRIBUTE_LABELS, ATTRIBUTE_NAMES, HASH_ALGORITHMS } from './oids';
import { toBase64, toPem } from './pem';

const DAY = 24 * 60 * 60 * 1000;
const WARN_DAYS = 30;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RSASSA_PSS = '1.2.840.113549.1.1.10';

const copyable = (label: string, value: string): DetailRow => ({ label, value, copyable: true, mono: true });

/** "2026-11-27T23:16:32Z": ISO 8601 without the milliseconds certificates never have. */
export function isoTime(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'invalid date' : date.toISOString().replace(/\.000Z$/, 'Z');
}

/** "Fri, 27 Nov 2026 23:16:32 UTC": the same instant for people, independent of the machine's locale. */
export function humanTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'invalid date';
  const time = date.toISOString().slice(11, 19);
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${time} UTC`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "45 days", or hours when less than a day is left. */
function span(ms: number): string {
  return ms >= DAY ? plural(Math.floor(ms / DAY), 'day') : plural(Math.max(1, Math.floor(ms / 3_600_000)), 'hour');
}

/** The "Days left" row: how far the certificate is from expiring, with a tone the UI colours. */
export function validityStatus(notBefore: Date, notAfter: Date, now: Date): DetailRow {
  const label = 'Days left';
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    return { label, value: 'unknown: the validity dates cannot be read', tone: 'bad' };
  }
  if (now.getTime() < notBefore.getTime()) {
    return { label, value: `not valid until ${humanTime(notBefore)} (in ${span(notBefore.getTime() - now.getTime())})`, tone: 'bad' };
  }
  const left = notAfter.getTime() - now.getTime();
  if (left < 0) return { label, value: `expired ${span(-left)} ago`, tone: 'bad' };
  return { label, value: `expires in ${span(left)}`, tone: left < WARN_DAYS * DAY ? 'warn' : 'ok' };
}

function nameSection(title: string, name: Name, dn: string): DetailSection {
  const rows: DetailRow[] = [];
  // Most specific first, in the order of the distinguished name as RFC 4514 writes it.
  for (let i = name.length - 1; i >= 0; i--) {
    for (const atv of name[i]!) {
      const label = ATTRIBUTE_LABELS[atv.type] ?? ATTRIBUTE_NAMES[atv.type] ?? atv.type;
      const text = atv.value.anyValue ? `#${toHex(new Uint8Array(atv.value.anyValue))}` : atv.value.toString();
      rows.push({ label, value: text });
    }
  }
  rows.push(dn ? copyable('Distinguished name', dn) : { label: 'Distinguished name', value: 'empty' });
  return { title, rows };
}

function validitySection(cert: ParsedCertificate, now: Date): DetailSection {
  const lifetime = cert.notAfter.getTime() - cert.notBefore.getTime();
  return {
    title: 'Validity',
    rows: [
      { label: 'Not before', value: `${isoTime(cert.notBefore)} (${humanTime(cert.notBefore)})` },
      { label: 'Not after', value: `${isoTime(cert.notAfter)} (${humanTime(cert.notAfter)})` },
      validityStatus(cert.notBefore, cert.notAfter, now),
      ...(lifetime >= 0 ? [{ label: 'Lifetime', value: plural(Math.round(lifetime / DAY), 'day') }] : []),
    ],
  };
}

function publicKeySection(cert: ParsedCertificate, crypto: CryptoProvider): DetailSection {
  const key = keyInfo(cert);
  const spkiHash = crypto.digest('sha256', cert.spkiDer);
  const rows: DetailRow[] = [{ label: 'Algorithm', value: key.algorithm }];
  if (key.size !== undefined) rows.push({ label: 'Key size', value: `${key.size} bits` });
  if (key.curve !== undefined) rows.push({ label: 'Curve', value: key.curve });
  rows.push(copyable('SPKI fingerprint (SHA-256)', colonHex(toHex(spkiHash))));
  rows.push(copyable('SPKI pin (SHA-256, base64)', toBase64(spkiHash)));
  return { title: 'Public key', rows };
}

/** RSASSA-PSS parameters (hash, mask generation, salt length): verification fails if they are not what the key allows. */
function pssRows(parameters: ArrayBuffer | null | undefined): DetailRow[] {
  if (!parameters) return [];
  try {
    const pss = AsnParser.parse(parameters, RsaSaPssParams);
    const hash = (oid: string) => HASH_ALGORITHMS[oid] ?? oid;
    let mgfHash = 'SHA-1';
    if (pss.maskGenAlgorithm.parameters) {
      try {
        mgfHash = hash(AsnParser.parse(pss.maskGenAlgorithm.parameters, AlgorithmIdentifier).algorithm);
      } catch {
        mgfHash = 'unknown';
      }
    }
    return [
      { label: 'Hash', value: hash(pss.hashAlgorithm.algorithm) },
      { label: 'Mask generation', value: `MGF1 with ${mgfHash}` },
      { label: 'Salt length', value: `${pss.saltLength} bytes` },
    ];
  } catch {
    return [{ label: 'Parameters', value: 'could not decode' }];
  }
}

function signatureSection(cert: ParsedCertificate, summary: CertificateSummary): DetailSection {
  const algorithm = cert.asn.signatureAlgorithm;
  const params = algorithm.algorithm === RSASSA_PSS ? pssRows(algorithm.parameters) : [];
  return {
    title: 'Signature',
    rows: [
      { label: 'Algorithm', value: signatureAlgorithmName(cert), ...(params.length ? { children: params } : {}) },
      copyable('Serial number', colonHex(summary.serialNumber)),
      { label: 'Version', value: String(cert.asn.tbsCertificate.version + 1) },
    ],
  };
}

function fingerprintSection(cert: ParsedCertificate, summary: CertificateSummary, crypto: CryptoProvider): DetailSection {
  return {
    title: 'Fingerprints',
    rows: [
      copyable('SHA-256', colonHex(summary.sha256)),
      copyable('SHA-1', colonHex(summary.sha1)),
      copyable('MD5', colonHex(crypto.digestHex('md5', cert.der))),
    ],
  };
}

function extensionsSection(cert: ParsedCertificate): DetailSection {
  const extensions = cert.asn.tbsCertificate.extensions ?? [];
  const rows = extensions.length ? extensions.map(describeExtension) : [{ label: 'None', value: 'this certificate has no extensions' }];
  return { title: 'Extensions', rows };
}

/** Everything the details pane shows for one certificate, in the order a person fixing TLS reads it. */
export function describeCertificate(cert: ParsedCertificate, crypto: CryptoProvider, now: Date = new Date()): CertificateDetails {
  const summary = summarize(cert, crypto);
  const tbs = cert.asn.tbsCertificate;
  return {
    summary,
    pem: toPem(cert.der),
    sections: [
      nameSection('Subject', tbs.subject, cert.subject),
      nameSection('Issuer', tbs.issuer, cert.issuer),
      validitySection(cert, now),
      publicKeySection(cert, crypto),
      signatureSection(cert, summary),
      fingerprintSection(cert, summary, crypto),
      extensionsSection(cert),
    ],
  };
}

/** A certificate summary as label/value rows, for the CLI's human output and compact views. */
export function summaryRows(summary: CertificateSummary): DetailRow[] {
  const key = [summary.keyAlgorithm, summary.curve ?? (summary.keySize !== undefined ? String(summary.keySize) : undefined)];
  return [
    { label: 'Subject', value: summary.subject },
    { label: 'Issuer', value: summary.issuer },
    copyable('Serial number', colonHex(summary.serialNumber)),
    { label: 'Valid from', value: summary.notBefore },
    { label: 'Valid until', value: summary.notAfter },
    { label: 'Key', value: key.filter(Boolean).join(' ') },
    { label: 'Signature algorithm', value: summary.signatureAlgorithm },
    ...(summary.subjectAltNames.length ? [{ label: 'Alternative names', value: summary.subjectAltNames.join(', ') }] : []),
    { label: 'CA', value: summary.isCA ? 'yes' : 'no' },
    { label: 'Self-signed', value: summary.selfSigned ? 'yes' : 'no' },
    ...(summary.role ? [{ label: 'Role', value: summary.role }] : []),
    copyable('SHA-256', colonHex(summary.sha256)),
    copyable('SHA-1', colonHex(summary.sha1)),
  ];
}
