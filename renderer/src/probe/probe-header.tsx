// The strip above a probed server: its endpoint and connection facts (address, SNI, protocol, cipher,
// ALPN), the trust store it is compared with, the client profile, and "connect again".
import type { SystemTrustStore } from '../../../shared/ipc';
import type { ClientProfile, JavaRuntime, ProbeResult } from '../../../shared/model/probe';
import type { StoreTab } from '../app/store-tabs';
import { FORMAT_LABELS } from '../ui/format';
import { GlobeIcon, RefreshIcon } from '../ui/icons';
import { CLIENT_NAMES } from './verdict';
import { STARTTLS_STEPS } from '../../../shared/tls-schemes';

export interface ProbeHeaderProps {
  readonly endpoint: string;
  readonly target: string;
  readonly probe: ProbeResult | null;
  readonly stores: readonly StoreTab[];
  readonly compareId: string | null;
  /** Trust stores of this machine that are not open yet: choosing one opens it. */
  readonly systemStores: readonly SystemTrustStore[];
  readonly client: ClientProfile;
  /** The JDKs this machine has, and the one chosen (null: the JDK of the java on the PATH). */
  readonly jdks: readonly JavaRuntime[];
  readonly javaHome: string | null;
  readonly onJavaHome: (javaHome: string | null) => void;
  readonly busy: boolean;
  /** Every address of the name is probed (chosen, or by default when it has several). */
  readonly allAddresses: boolean;
  readonly onAllAddresses: (on: boolean) => void;
  readonly onCompareStore: (storeId: string) => void;
  readonly onOpenSystemStore: (store: SystemTrustStore) => void;
  readonly onClient: (client: ClientProfile) => void;
  readonly onRerun: () => void;
}

const SYSTEM_PREFIX = 'system:';

function Fact({ label, value }: { readonly label: string; readonly value: string | null | undefined }) {
  if (!value) return null;
  return (
    <div className="probe-fact">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function ProbeHeader(props: ProbeHeaderProps) {
  const { endpoint, target, probe, stores, compareId, systemStores, client, busy, jdks, javaHome } = props;
  const sni = probe ? probe.servername || '(none sent)' : null;
  return (
    <div className="probe-header">
      <div className="probe-identity">
        <div className="store-title-line">
          <GlobeIcon className="probe-title-icon" />
          <h1 className="store-title" title={target}>
            {endpoint}
          </h1>
        </div>
        <dl className="probe-facts" aria-label="Connection">
          {probe ? (
            <>
              {probe.proxy ? <Fact label="Proxy" value={probe.proxy} /> : <Fact label="Address" value={probe.address} />}
              <Fact label="SNI" value={sni} />
              <Fact label="Protocol" value={probe.starttls ? `${probe.protocol} after ${STARTTLS_STEPS[probe.starttls]}` : probe.protocol} />
              <Fact label="Cipher" value={probe.cipher} />
              <Fact label="ALPN" value={probe.alpn ?? 'none'} />
              <Fact label="OCSP staple" value={probe.stapled ? 'yes' : 'none'} />
            </>
          ) : (
            <div className="probe-fact">
              <dd className="muted">{target}</dd>
            </div>
          )}
        </dl>
      </div>
      <div className="probe-controls">
        <label className="compare-picker">
          <span className="control-label">Trust store</span>
          <select
            className="select-input"
            value={compareId ?? ''}
            onChange={(event) => {
              const value = event.target.value;
              if (value.startsWith(SYSTEM_PREFIX)) {
                const store = systemStores.find((s) => s.path === value.slice(SYSTEM_PREFIX.length));
                if (store) props.onOpenSystemStore(store);
              } else if (value) props.onCompareStore(value);
            }}
          >
            {compareId === null ? <option value="">None chosen</option> : null}
            {stores.length > 0 ? (
              <optgroup label="Open stores">
                {stores.map((tab) => (
                  <option key={tab.storeId} value={tab.storeId}>
                    {tab.title} ({FORMAT_LABELS[tab.view.format]})
                  </option>
                ))}
              </optgroup>
            ) : null}
            {systemStores.length > 0 ? (
              <optgroup label="On this machine">
                {systemStores.map((store) => (
                  <option key={store.path} value={`${SYSTEM_PREFIX}${store.path}`}>
                    {store.label}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <div className="segmented" role="group" aria-label="Client">
          {(['java', 'openssl'] as const).map((profile) => (
            <button key={profile} type="button" className={client === profile ? 'segment selected' : 'segment'} aria-pressed={client === profile} onClick={() => props.onClient(profile)}>
              {CLIENT_NAMES[profile]}
            </button>
          ))}
        </div>
        <label className="address-toggle" title="Probe every address the name resolves to (A and AAAA records), side by side">
          <input type="checkbox" checked={props.allAddresses} onChange={(event) => props.onAllAddresses(event.target.checked)} />
          All addresses
        </label>
        {client === 'java' && jdks.length > 0 ? (
          <label className="compare-picker jdk-picker">
            <span className="control-label">JDK</span>
            <select className="select-input" value={javaHome ?? ''} onChange={(event) => props.onJavaHome(event.target.value || null)}>
              <option value="">java on the PATH</option>
              {jdks.map((jdk) => (
                <option key={jdk.home} value={jdk.home} title={jdk.home}>
                  {jdk.version ? `Java ${jdk.version}` : 'Java'} · {jdk.home}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="icon-button" onClick={props.onRerun} disabled={busy} aria-label="Connect again" title="Connect again">
          <RefreshIcon />
        </button>
      </div>
    </div>
  );
}
