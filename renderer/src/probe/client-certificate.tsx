// What a server that asks for a client certificate (mutual TLS) wants: whether it requires one, and the
// CAs whose client certificates it accepts. That is the keystore's business, not the trust store's, and
// the note says so: a handshake can fail on that side even when the verdict above is "trusted".
import { useEffect, useState } from 'react';
import type { ClientCertificateRequest, ClientKeys } from '../../../shared/model/probe';
import { api } from '../api';
import type { StoreTab } from '../app/store-tabs';
import { baseName, commonName } from '../ui/format';
import { InfoIcon, KeyIcon } from '../ui/icons';

/** Some servers list every CA they trust (hundreds): the first few are shown, the rest on request. */
const SHOWN = 6;

/** For each open store with key entries, which of them a Java client would offer this server. */
function useClientKeys(request: ClientCertificateRequest, stores: readonly StoreTab[]) {
  const keystores = stores.filter((tab) => tab.view.entries.some((entry) => entry.type === 'privateKey'));
  const key = keystores.map((tab) => `${tab.storeId}:${tab.revision ?? 0}`).join(' ');
  const [answers, setAnswers] = useState<readonly { readonly storeId: string; readonly name: string; readonly keys: ClientKeys }[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all(
      keystores.map(async (tab) => ({ storeId: tab.storeId, name: baseName(tab.view.file), keys: await api.clientKeys({ storeId: tab.storeId, acceptedIssuers: [...request.acceptedIssuers] }) })),
    ).then(
      (list) => live && setAnswers(list),
      () => live && setAnswers([]),
    );
    return () => {
      live = false;
    };
    // The open keystores (and their edits) and the CAs asked for decide it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, request]);
  return answers;
}

export function ClientCertificateNote({ request, stores }: { readonly request: ClientCertificateRequest; readonly stores: readonly StoreTab[] }) {
  const { required, acceptedIssuers } = request;
  const [all, setAll] = useState(false);
  const keystores = useClientKeys(request, stores);
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
          {keystores.map(({ storeId, name, keys }) => (
            <p key={storeId} className={keys.matches.length ? 'client-keys client-keys-ok' : 'client-keys client-keys-none'}>
              {keys.matches.length ? (
                <>
                  A Java client with <strong>{name}</strong> would offer {keys.matches.map((m, i) => (
                    <span key={m.alias}>
                      {i > 0 ? ', ' : ''}“{m.alias}” ({commonName(m.subject) || m.subject})
                    </span>
                  ))}
                  .
                </>
              ) : (
                <>
                  <strong>{name}</strong> holds no key entry whose chain is issued by {acceptedIssuers.length === 1 ? 'this CA' : 'these CAs'}: a Java client with it would send no
                  client certificate.
                </>
              )}
            </p>
          ))}
          {required && keystores.length === 0 ? (
            <p className="client-certificate-hint">
              Your application’s keystore (not its trust store) needs a key entry whose chain ends at {acceptedIssuers.length ? 'one of these' : 'a CA the server trusts'}. Open
              it to see which one a Java client would offer.
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
