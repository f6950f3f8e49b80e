// Every address behind the server's name, side by side: what each sent (grouped, so that addresses serving
// the same chain carry the same letter), its protocol, and with a trust store whether the client would
// trust it. Shown when the name has several addresses (or the "All addresses" toggle asks for them).
import type { AddressProbe, ProbeResult } from '../../../shared/model/probe';
import { commonName } from '../ui/format';

function chainLetters(probe: ProbeResult): Map<string, string> {
  const letters = new Map<string, string>();
  probe.differs?.groups.forEach((group, i) => group.addresses.forEach((address) => letters.set(address, String.fromCharCode(65 + i))));
  return letters;
}

function Verdict({ address }: { readonly address: AddressProbe }) {
  if (address.error) return <span className="badge badge-bad">Failed</span>;
  if (address.trusted === undefined) return null;
  return address.trusted ? <span className="badge badge-ok">Trusted</span> : <span className="badge badge-bad">{address.problems?.[0]?.code ?? 'Not trusted'}</span>;
}

export function AddressCompare({ probe }: { readonly probe: ProbeResult }) {
  const addresses = probe.addresses ?? [];
  const letters = chainLetters(probe);
  const several = (probe.differs?.groups.length ?? 0) > 1;
  return (
    <section className="probe-section address-compare" aria-labelledby="addresses-heading">
      <h2 className="section-title" id="addresses-heading">
        Addresses behind {probe.host} <span className="section-count">{addresses.length}</span>
      </h2>
      <p className={probe.differs?.chain ? 'address-summary differs' : 'address-summary'}>{probe.addressVerdict ?? probe.differs?.summary}</p>
      {probe.addressVerdict && probe.differs ? <p className="muted address-detail">{probe.differs.summary}</p> : null}
      <div className="address-grid" role="list">
        {addresses.map((address) => {
          const letter = letters.get(address.address);
          const failing = address.error !== undefined || address.trusted === false;
          return (
            <div key={address.address} role="listitem" className={failing ? 'address-card failing' : 'address-card'} aria-label={`Address ${address.address}`}>
              <div className="address-head">
                <code className="address-ip">{address.address}</code>
                <Verdict address={address} />
              </div>
              {address.error ? (
                <p className="address-error">{address.error}</p>
              ) : (
                <>
                  <p className="muted address-protocol">
                    {address.protocol}
                    {letter && several ? <span className="address-chain-letter"> · chain {letter}</span> : null}
                  </p>
                  <ol className="address-chain">
                    {address.sent.map((cert, i) => (
                      <li key={`${i}-${cert.sha256}`} title={cert.subject}>
                        {commonName(cert.subject) || cert.subject}
                        {cert.role ? <span className="muted"> · {cert.role}</span> : null}
                      </li>
                    ))}
                  </ol>
                  {address.problems?.[0] ? <p className="address-problem">{address.problems[0].message}</p> : null}
                </>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}
