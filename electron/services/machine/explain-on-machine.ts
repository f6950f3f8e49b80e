// `explain`, with this machine: the certificate a log says is missing, looked for in the stores here
// (the one the log names, if it is on this machine; the JDKs' and the OS's; the ones running JVMs read;
// any given) by subject name and key identifier, and the certificates the server sent, by issuer and
// serial number. The fix then names where to get the certificate and the store to put it in.
import { promises as fs } from 'node:fs';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { explainLog } from '../../../shared/explain/explain-log';
import { normalizeSerial, sameName } from '../../../shared/explain/names';
import { decodeStore } from '../../../shared/formats';
import type { LogDiagnosis, LogExplanation, MachineMatch } from '../../../shared/model/explanation';
import { keyIdentifierHex, readCertificateLayout } from '../../../shared/x509/certificate-fields';
import { summarizeDer } from '../../../shared/x509/certificate';
import { javaProcesses } from './jvm-processes';
import { findSystemTrustStores } from './system-stores';

interface StoredCertificate {
  readonly file: string;
  readonly format: string;
  /** The password it was listed with (undefined: none needed, a JKS lists without one). */
  readonly password: string | undefined;
  readonly alias: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly sha256: string;
  readonly subjectKeyId?: string;
}

/** The trusted certificates of a store TrustLens can list (a JKS without its password, a PKCS#12 with the JDK's default). */
async function certificatesOf(file: string, crypto: CryptoProvider, passwords: readonly (string | undefined)[]): Promise<StoredCertificate[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    return [];
  }
  for (const password of passwords) {
    try {
      const store = decodeStore(bytes, { password, crypto });
      return store.entries.flatMap((entry) => {
        const der = entry.certificates[0];
        if (!der) return [];
        try {
          const summary = summarizeDer(der, crypto);
          const layout = readCertificateLayout(der);
          const subjectKeyId = layout.subjectKeyIdentifier ? keyIdentifierHex(der, layout.subjectKeyIdentifier) : undefined;
          return [{ file, format: store.format, password, alias: entry.alias, subject: summary.subject, issuer: summary.issuer, serialNumber: summary.serialNumber, sha256: summary.sha256, ...(subjectKeyId ? { subjectKeyId } : {}) }];
        } catch {
          return [];
        }
      });
    } catch {
      // the next password
    }
  }
  return [];
}

export interface ExplainOptions {
  readonly crypto: CryptoProvider;
  /** More stores to look in, e.g. the ones `trustlens stores --scan` found. */
  readonly stores?: readonly string[];
  /** Tests: leave out the machine's own stores (JDK cacerts, OS bundle, running JVMs'). */
  readonly onlyGiven?: boolean;
}

function storesToSearch(explanation: LogExplanation, options: ExplainOptions): string[] {
  const files = [...(options.stores ?? [])];
  if (explanation.trustStore) files.unshift(explanation.trustStore.path);
  if (!options.onlyGiven) {
    files.push(...findSystemTrustStores().map((store) => store.path));
    for (const p of javaProcesses() ?? []) if (p.trustStore) files.push(p.trustStore);
  }
  return [...new Set(files)];
}

function match(cert: StoredCertificate, by: MachineMatch['by']): MachineMatch {
  return { file: cert.file, alias: cert.alias, by, sha256: cert.sha256, subject: cert.subject };
}

/** A word for a shell: quoted unless it is plain path and name characters. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** keytool exports the certificate from the keystore this machine has it in; trustlens imports it (a backup is kept). */
function importCommands(from: StoredCertificate, into: string): string[] {
  if (from.format !== 'JKS' && from.format !== 'PKCS12' && from.format !== 'JCEKS') return [];
  const file = `${from.alias.replace(/[^\w.-]+/g, '-') || 'issuer'}.pem`;
  const export_ = ['keytool', '-exportcert', '-rfc', '-alias', from.alias, '-keystore', from.file, ...(from.format !== 'JKS' ? ['-storetype', from.format] : []), '-storepass', from.password ?? 'changeit', '-file', file];
  return [export_.map(shellWord).join(' '), ['trustlens', 'import', into, '--from', file].map(shellWord).join(' ')];
}

function withMachine(diagnosis: LogDiagnosis, found: readonly MachineMatch[], inLogStore: boolean | undefined, logStore: string | undefined, stored: readonly StoredCertificate[]): LogDiagnosis {
  const elsewhere = found.filter((m) => m.file !== logStore);
  const source = elsewhere.length ? stored.find((c) => c.file === elsewhere[0]!.file && c.alias === elsewhere[0]!.alias) : undefined;
  const commands = !inLogStore && logStore && source ? importCommands(source, logStore) : [];
  let fix = diagnosis.fix;
  if (inLogStore) fix += ` ${logStore} on this machine holds it now: if the failure is older than that, restart the application (JSSE reads its trust store once).`;
  else if (elsewhere.length) {
    const first = elsewhere[0]!;
    fix += ` This machine has it: ${first.file}, alias "${first.alias}" (SHA-256 ${first.sha256}).`;
  }
  return { ...diagnosis, fix, ...(found.length ? { foundOnMachine: found } : {}), ...(commands.length ? { commands } : {}), ...(inLogStore !== undefined ? { trustStoreHasItNow: inLogStore } : {}) };
}

export async function explainOnMachine(text: string, options: ExplainOptions): Promise<LogExplanation> {
  const explanation = explainLog(text);
  const files = storesToSearch(explanation, options);
  const lists = await Promise.all(files.map((file) => certificatesOf(file, options.crypto, [undefined, 'changeit'])));
  const all = lists.flat();
  const chainOnMachine = (explanation.chain ?? []).flatMap((cert, index) => {
    if (!cert.serialNumber) return [];
    const serial = normalizeSerial(cert.serialNumber);
    const matches = all.filter((stored) => stored.serialNumber === serial && sameName(stored.issuer, cert.issuer)).map((stored) => match(stored, 'issuer-serial'));
    return matches.length ? [{ index, matches }] : [];
  });
  let diagnosis = explanation.diagnosis;
  const missing = diagnosis?.missingIssuer;
  if (diagnosis && missing) {
    const found = all
      .filter((stored) => sameName(stored.subject, missing.name) && (!missing.keyId || !stored.subjectKeyId || stored.subjectKeyId === missing.keyId))
      .map((stored) => match(stored, missing.keyId && stored.subjectKeyId ? 'subject-key-id' : 'subject'));
    const logStore = explanation.trustStore?.path;
    const logStoreHere = logStore !== undefined && lists[files.indexOf(logStore)]?.length ? true : undefined;
    const inLogStore = logStoreHere ? found.some((m) => m.file === logStore) : undefined;
    diagnosis = withMachine(diagnosis, found, inLogStore, logStore, all);
  }
  return { ...explanation, diagnosis, ...(chainOnMachine.length ? { chainOnMachine } : {}) };
}
