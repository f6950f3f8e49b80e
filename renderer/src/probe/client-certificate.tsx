// What a server that asks for a client certificate (mutual TLS) wants: whether it requires one, and the
// CAs whose client certificates it accepts. That is the keystore's business, not the trust store's, and
// the note says so: a handshake can fail on that side even when the verdict above is "trusted".
import { useState } from 'react';
import type { ClientCertificateRequest } from '../../../shared/model/probe';
import { commonName } from '../ui/format';
import { InfoIcon, KeyIcon } from '../ui/icons';

/** Some servers list every CA they trust (hundreds): the first few are shown, the rest on request. */
const SHOWN = 6;

export function ClientCertificateNote({ request }: { readonly request: ClientCertificateRequest }) {
  const { required, acceptedIssuers } = request;
  const [all, setAll] = useState(false);
  const shown = all ? acceptedIssuers : acceptedIssuers.slice(0, SHOWN);
  return (
    <section className="probe-section" aria-labelledby="client-certificate-heading">
      <h2 className="section-title" id="client-certificate-heading">
        Client certificate
      </h2>
      <div className={required ? 'callout callout-warn client-certificate' : 'callout client-certificate'} role="note">
        {required ? <KeyIcon className="icon-sm" /> : <InfoIcon className="icon-sm" />}
        <div className="callout-body">
          <p>
            {required
              ? 'This server requires a client certificate (mutual TLS): it ended the handshake when none was sent.'
              : 'This server asks for a client certificate (mutual TLS), but goes on without one.'}
          </p>
          {acceptedIssuers.length ? (
            <>
              <p className="client-certificate-lead">It accepts client certificates issued by:</p>
              <ul className="client-certificate-issuers">
                {shown.map((name, i) => (
                  <li key={`${i}-${name}`} title={name}>
                    <span className="client-certificate-cn">{commonName(name) || name}</span>
                    <span className="client-certificate-dn mono">{name}</span>
                  </li>
                ))}
              </ul>
              {acceptedIssuers.length > shown.length ? (
                <button type="button" className="link-button" onClick={() => setAll(true)}>
                  Show all {acceptedIssuers.length}
                </button>
              ) : null}
            </>
          ) : null}
          {required ? (
            <p className="client-certificate-hint">
              Your application’s keystore (not its trust store) needs a key entry whose chain ends at {acceptedIssuers.length ? 'one of these' : 'a CA the server trusts'}.
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
