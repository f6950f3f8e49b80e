// Turn a certificate source as the UI names it (a target, a probe it ran, entries of an open store, pasted
// PEM, files opened to import from) into certificates with roles. Probed chains come from the probe cache when the server was probed
// recently, so the renderer never has to send back certificate bytes it received.
import * as path from 'node:path';
import type { CryptoProvider } from '../../../shared/crypto-provider';
import { UsageError } from '../../../shared/errors';
import type { CertificateSourceSpec } from '../../../shared/ipc';
import type { CertificateRole } from '../../../shared/model/certificate';
import {
  ALL_ROLES,
  DEFAULT_ROLES,
  pemTextCertificates,
  probedCertificates,
  storeCertificates,
  type CertificateSource,
  type SourceCertificate,
} from './certificate-sources';
import { nodeCrypto } from '../crypto/node-crypto';
import type { ProbeCache } from '../diagnosis/probe-cache';
import { certificateEntries } from '../../../shared/formats/entries/certificate-entries';
import { isSelfIssued, parseCertificate } from '../../../shared/x509/certificate';
import { probe } from '../diagnosis/probe-service';
import type { StoreSessions } from './sessions';
import type { ProbeRecord } from '../tls/probe';

export interface ResolvedSource extends CertificateSource {
  /** A name for a PKCS#7 bundle of these certificates (without extension). */
  readonly bundleName: string;
  readonly kind: 'server' | 'store' | 'pem';
}

export interface SourceContext {
  readonly sessions: StoreSessions;
  readonly probes: ProbeCache;
  /** The proxy a new probe goes through (the probe's `proxy` option); the environment's when absent. */
  readonly proxy?: () => Promise<string | null | undefined>;
  readonly crypto?: CryptoProvider;
}

function endpointLabel(record: ProbeRecord): string {
  return record.host.includes(':') ? `[${record.host}]:${record.port}` : `${record.host}:${record.port}`;
}

/**
 * The chain of a probe, its root from the open store `trustStoreId` when the server did not send it, and
 * `withFound`: with what the probe's diagnosis found elsewhere (a JDK's cacerts, a CA Issuers URL).
 */
function fromRecord(record: ProbeRecord, trustStoreId: string | undefined, ctx: SourceContext, withFound = false): ResolvedSource {
  const crypto = ctx.crypto ?? nodeCrypto;
  const session = trustStoreId ? ctx.sessions.get(trustStoreId) : undefined;
  const found = withFound ? ctx.probes.found(record) : [];
  let trustStore = session?.decoded;
  let trustStoreName = session ? path.basename(session.file) : undefined;
  if (found.length) {
    const entries = certificateEntries(found.map((k) => k.der));
    trustStore = { format: 'PEM', integrity: 'none', entries: [...(session?.decoded.entries ?? []), ...entries], properties: [] };
    // Named after where the root came from: found elsewhere, or else the store.
    const root = found.find((k) => isSelfIssued(parseCertificate(k.der)));
    trustStoreName = root ? root.foundIn.label : (trustStoreName ?? found[0]!.foundIn.label);
  }
  const source = probedCertificates(endpointLabel(record), record, trustStore, crypto, trustStoreName);
  return { ...source, bundleName: `${record.servername || record.host}-${record.port}-chain`, kind: 'server' };
}

/** The certificates of files opened to import from, each once, file by file in the order chosen. */
function filesCertificates(storeIds: readonly string[], ctx: SourceContext, crypto: CryptoProvider): ResolvedSource {
  const names = storeIds.map((id) => path.basename(ctx.sessions.get(id).file));
  const label = names.length === 1 ? names[0]! : `${names.length} files`;
  const seen = new Set<string>();
  const certificates: SourceCertificate[] = [];
  const notes: string[] = [];
  storeIds.forEach((id, i) => {
    const source = storeCertificates(names[i]!, ctx.sessions.get(id).decoded, undefined, crypto);
    notes.push(...source.notes);
    for (const certificate of source.certificates) {
      if (seen.has(certificate.summary.sha256)) continue;
      seen.add(certificate.summary.sha256);
      certificates.push(certificate);
    }
  });
  return { label, certificates, notes, bundleName: label.replace(/\.[^.]+$/, '') || label, kind: 'store' };
}

export async function resolveSource(spec: CertificateSourceSpec, ctx: SourceContext, signal?: AbortSignal): Promise<ResolvedSource> {
  const crypto = ctx.crypto ?? nodeCrypto;
  if ('probeId' in spec) {
    const record = ctx.probes.byId(spec.probeId);
    if (!record) throw new UsageError('That probe result is no longer available; probe the server again.');
    return fromRecord(record, spec.trustStoreId, ctx, spec.withFound);
  }
  if ('target' in spec) {
    let record = ctx.probes.forTarget(spec.target, spec.servername);
    if (!record) {
      const proxy = await ctx.proxy?.();
      record = (await probe(spec.target, { servername: spec.servername, timeoutMs: spec.timeoutMs, signal, ...(proxy !== undefined ? { proxy } : {}) }, crypto)).record;
      ctx.probes.remember(`target:${spec.target}`, spec.target, spec.servername, record);
    }
    return fromRecord(record, spec.trustStoreId, ctx);
  }
  if ('storeId' in spec) {
    const store = ctx.sessions.get(spec.storeId);
    const name = path.basename(store.file);
    return { ...storeCertificates(name, store.decoded, spec.indexes, crypto), bundleName: name.replace(/\.[^.]+$/, '') || name, kind: 'store' };
  }
  if ('storeIds' in spec) return filesCertificates(spec.storeIds, ctx, crypto);
  return { ...pemTextCertificates(spec.pem, crypto), bundleName: 'certificates', kind: 'pem' };
}

/** The roles asked for; by default root and intermediates of a server, everything of a store or PEM text. */
export function rolesFor(source: ResolvedSource, certs: readonly CertificateRole[] | undefined): ReadonlySet<CertificateRole> {
  if (certs?.length) return new Set(certs);
  return source.kind === 'server' ? DEFAULT_ROLES : ALL_ROLES;
}
