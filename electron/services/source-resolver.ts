// Turn a certificate source as the UI names it (a target, a probe it ran, entries of an open store, pasted
// PEM) into certificates with roles. Probed chains come from the probe cache when the server was probed
// recently, so the renderer never has to send back certificate bytes it received.
import * as path from 'node:path';
import type { CryptoProvider } from '../../shared/crypto-provider';
import { UsageError } from '../../shared/errors';
import type { CertificateSourceSpec } from '../../shared/ipc';
import type { CertificateRole } from '../../shared/model/certificate';
import {
  ALL_ROLES,
  DEFAULT_ROLES,
  pemTextCertificates,
  probedCertificates,
  storeCertificates,
  type CertificateSource,
} from './certificate-sources';
import { nodeCrypto } from './node-crypto';
import type { ProbeCache } from './probe-cache';
import { openSystemStore } from './known-stores';
import { probe } from './probe-service';
import type { StoreSessions } from './store-sessions';
import type { ProbeRecord } from './tls-probe';

export interface ResolvedSource extends CertificateSource {
  /** A name for a PKCS#7 bundle of these certificates (without extension). */
  readonly bundleName: string;
  readonly kind: 'server' | 'store' | 'pem';
}

export interface SourceContext {
  readonly sessions: StoreSessions;
  readonly probes: ProbeCache;
  readonly crypto?: CryptoProvider;
}

function endpointLabel(record: ProbeRecord): string {
  return record.host.includes(':') ? `[${record.host}]:${record.port}` : `${record.host}:${record.port}`;
}

async function fromRecord(record: ProbeRecord, trustStoreId: string | undefined, ctx: SourceContext, rootsFrom?: string): Promise<ResolvedSource> {
  const system = rootsFrom ? await openSystemStore(rootsFrom, ctx.crypto ?? nodeCrypto) : undefined;
  const session = !system && trustStoreId ? ctx.sessions.get(trustStoreId) : undefined;
  const trustStore = system?.decoded ?? session?.decoded;
  const trustStoreName = system ? system.label : session ? path.basename(session.file) : undefined;
  const source = probedCertificates(endpointLabel(record), record, trustStore, ctx.crypto ?? nodeCrypto, trustStoreName);
  return { ...source, bundleName: `${record.servername || record.host} chain`, kind: 'server' };
}

export async function resolveSource(spec: CertificateSourceSpec, ctx: SourceContext, signal?: AbortSignal): Promise<ResolvedSource> {
  const crypto = ctx.crypto ?? nodeCrypto;
  if ('probeId' in spec) {
    const record = ctx.probes.byId(spec.probeId);
    if (!record) throw new UsageError('That probe result is no longer available; probe the server again.');
    return fromRecord(record, spec.trustStoreId, ctx, spec.rootsFrom);
  }
  if ('target' in spec) {
    let record = ctx.probes.forTarget(spec.target, spec.servername);
    if (!record) {
      record = (await probe(spec.target, { servername: spec.servername, timeoutMs: spec.timeoutMs, signal }, crypto)).record;
      ctx.probes.remember(`target:${spec.target}`, spec.target, spec.servername, record);
    }
    return fromRecord(record, spec.trustStoreId, ctx);
  }
  if ('storeId' in spec) {
    const store = ctx.sessions.get(spec.storeId);
    const name = path.basename(store.file);
    return { ...storeCertificates(name, store.decoded, spec.indexes, crypto), bundleName: name.replace(/\.[^.]+$/, '') || name, kind: 'store' };
  }
  return { ...pemTextCertificates(spec.pem, crypto), bundleName: 'certificates', kind: 'pem' };
}

/** The roles asked for; by default root and intermediates of a server, everything of a store or PEM text. */
export function rolesFor(source: ResolvedSource, certs: readonly CertificateRole[] | undefined): ReadonlySet<CertificateRole> {
  if (certs?.length) return new Set(certs);
  return source.kind === 'server' ? DEFAULT_ROLES : ALL_ROLES;
}
