// Import certificates into a store: ask the main process what it would add (with proposed aliases) and
// skip, let the person change the aliases, then add them. The store stays unsaved until Save. A store
// opened without its password (JKS/JCEKS list without one) needs it here; it lives only for the call.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AppliedImport, CertificateSourceSpec, ImportPlanView } from '../../../shared/ipc';
import type { CertificateRole } from '../../../shared/model/certificate';
import { listsWithoutPassword, type StoreListing } from '../../../shared/model/keystore';
import { api } from '../api';
import { errorCode, errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import { newRequestId } from '../probe/endpoint';
import { baseName, colonHex, commonName, shortFingerprint } from '../ui/format';
import { DialogFooter, FieldError } from '../ui/dialog-footer';
import { ImportIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';

export interface ImportRequest {
  readonly storeId: string;
  readonly store: StoreListing;
  readonly source: CertificateSourceSpec;
  readonly certs?: readonly CertificateRole[];
  /** What the certificates come from, for the text: "localhost:8443", "the pasted text". */
  readonly from: string;
}

export interface ImportDialogProps {
  readonly request: ImportRequest;
  readonly onApplied: (applied: AppliedImport) => void;
  readonly onCancel: () => void;
  /** Back to where the source was chosen (its text kept), when the dialog was reached from there. */
  readonly onBack?: () => void;
}

type Plan = { readonly plan: ImportPlanView } | { readonly error: string } | null;

const ROLE_NAMES: Record<CertificateRole, string> = { leaf: 'Leaf', intermediate: 'Intermediate', root: 'Root' };

function aliasProblem(alias: string, others: readonly string[], taken: ReadonlySet<string>): string | null {
  const text = alias.trim();
  if (!text) return 'Give an alias.';
  if (taken.has(text.toLowerCase())) return 'The store already has an entry with this alias.';
  if (others.filter((o) => o.trim().toLowerCase() === text.toLowerCase()).length > 1) return 'Two certificates cannot share an alias.';
  return null;
}

/** "These 3 certificates will be added…", or how many of them when some are left out. */
function addedText(chosen: number, planned: number): string {
  if (planned === 1) return 'This certificate will be added as a trusted certificate';
  if (chosen === planned) return `These ${planned} certificates will be added as trusted certificates`;
  if (chosen === 0) return `None of these ${planned} certificates is chosen`;
  return `${chosen} of these ${planned} certificates will be added as trusted certificates`;
}

export function ImportDialog({ request, onApplied, onCancel, onBack }: ImportDialogProps) {
  const id = useId();
  const { storeId, store, source, certs, from } = request;
  const name = baseName(store.file);
  const [planned, setPlanned] = useState<Plan>(null);
  const [aliases, setAliases] = useState<readonly string[]>([]);
  /** Which of the planned certificates to add (all at first); a box per certificate when there are several. */
  const [chosen, setChosen] = useState<readonly boolean[]>([]);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needsPassword, setNeedsPassword] = useState(store.integrity === 'not-checked' && listsWithoutPassword(store.format));
  const password = useRef<HTMLInputElement>(null);
  const taken = useMemo(() => new Set(store.entries.map((e) => e.alias.toLowerCase())), [store.entries]);

  useEffect(() => {
    let live = true;
    // Planning from a server probes it (unless it was probed a moment ago): closing the dialog cancels that.
    const requestId = newRequestId('plan');
    api.planImport({ requestId, storeId, source, certs: certs ? [...certs] : undefined }).then(
      (plan) => {
        if (!live) return;
        setPlanned({ plan });
        setAliases(plan.add.map((c) => c.alias));
        setChosen(plan.add.map(() => true));
      },
      (failure: unknown) => live && setPlanned({ error: errorMessage(failure) }),
    );
    return () => {
      live = false;
      void api.cancel({ requestId }).catch(() => undefined);
    };
  }, [storeId, source, certs]);

  const plan = planned && 'plan' in planned ? planned.plan : null;
  // The password the import needs is where the keyboard goes once the plan is shown (not Cancel).
  const asksPassword = needsPassword && plan !== null && plan.add.length > 0;
  useEffect(() => {
    if (asksPassword) password.current?.focus();
  }, [asksPassword]);
  const chosenAliases = aliases.filter((_, i) => chosen[i] !== false);
  const problems = aliases.map((alias, i) => (chosen[i] === false ? null : aliasProblem(alias, chosenAliases, taken)));
  const count = chosenAliases.length;
  const ready = plan !== null && count > 0 && problems.every((p) => p === null) && !applying;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!plan || !ready) return;
    const field = password.current;
    const secret = needsPassword && field ? field.value : undefined;
    if (field) field.value = '';
    setApplying(true);
    setError(null);
    try {
      const items = plan.add.flatMap((c, i) => (chosen[i] === false ? [] : [{ sha256: c.sha256, alias: aliases[i]!.trim() }]));
      const applied = await api.applyImport({ storeId, items, password: secret });
      onApplied(applied);
    } catch (failure) {
      setApplying(false);
      if (errorCode(failure) === 'PASSWORD_REQUIRED' || errorCode(failure) === 'WRONG_PASSWORD') setNeedsPassword(true);
      setError(errorMessage(failure));
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onCancel} className="import-dialog">
      <form className="modal-body" onSubmit={submit}>
        <ModalHeading titleId={`${id}-title`} icon={<ImportIcon />} subtitle={<>From {from}</>}>
          Import into {name}
        </ModalHeading>
        {planned === null ? (
          <div className="import-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            Finding what {name} lacks…
          </div>
        ) : null}
        {planned && 'error' in planned ? <FieldError message={planned.error} /> : null}
        {plan ? (
          <>
            <p id={`${id}-text`} className="modal-text">
              {plan.add.length === 0
                ? `${name} already holds everything this would import.`
                : `${addedText(count, plan.add.length)}. ${name} is not changed on disk until you save it.`}
            </p>
            {plan.add.length > 0 ? (
              <ul className="import-list" aria-label="Certificates to add">
                {plan.add.map((planned, i) => (
                  <li key={planned.sha256} className={chosen[i] === false ? 'import-item left-out' : 'import-item'}>
                    <div className="import-item-head">
                      {plan.add.length > 1 ? (
                        <input
                          type="checkbox"
                          className="import-choose"
                          checked={chosen[i] !== false}
                          onChange={(event) => setChosen((list) => list.map((c, j) => (j === i ? event.target.checked : c)))}
                          aria-label={`Import ${commonName(planned.certificate.subject) || planned.certificate.subject}`}
                        />
                      ) : null}
                      {planned.certificate.role ? <span className={`role-badge role-badge-${planned.certificate.role}`}>{ROLE_NAMES[planned.certificate.role]}</span> : null}
                      <span className="import-name" title={planned.certificate.subject}>
                        {commonName(planned.certificate.subject) || planned.certificate.subject}
                      </span>
                      <span className="import-sha mono" title={colonHex(planned.sha256)}>
                        {shortFingerprint(planned.sha256)}
                      </span>
                    </div>
                    <label className="import-alias">
                      <span className="import-alias-label">Alias</span>
                      <input
                        className={problems[i] ? 'text-input mono invalid' : 'text-input mono'}
                        value={aliases[i] ?? ''}
                        disabled={chosen[i] === false}
                        onChange={(event) => setAliases((list) => list.map((a, j) => (j === i ? event.target.value : a)))}
                        aria-invalid={problems[i] ? true : undefined}
                        aria-label={`Alias for ${commonName(planned.certificate.subject)}`}
                        spellCheck={false}
                        autoComplete="off"
                      />
                    </label>
                    {problems[i] ? <p className="import-alias-error">{problems[i]}</p> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {plan.skipped.length > 0 ? (
              <div className="import-skipped">
                <h3 className="section-title">Skipped</h3>
                <ul>
                  {plan.skipped.map((skipped) => (
                    <li key={`${skipped.sha256}-${skipped.existingAlias ?? ''}`}>
                      <strong title={skipped.certificate.subject}>{commonName(skipped.certificate.subject) || skipped.certificate.subject}</strong>
                      {' — '}
                      {skipped.existingAlias ? `already in the store as “${skipped.existingAlias}”` : skipped.reason}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {plan.notes.length > 0 ? (
              <ul className="import-notes">
                {plan.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
        {needsPassword && plan && plan.add.length > 0 ? (
          <>
            <label className="field-label import-password-label" htmlFor={`${id}-password`}>
              Password of {name} (needed to write it)
            </label>
            <input ref={password} id={`${id}-password`} className="text-input" type="password" autoComplete="off" spellCheck={false} />
          </>
        ) : null}
        <DialogFooter error={error} onCancel={onCancel} cancelLabel={plan && plan.add.length === 0 ? 'Close' : 'Cancel'}>
          {onBack ? (
            <button type="button" className="button" onClick={onBack} disabled={applying}>
              Back
            </button>
          ) : null}
          {plan && plan.add.length > 0 ? (
            <button type="submit" className="button primary" disabled={!ready}>
              {applying ? 'Importing…' : `Import ${count === 1 ? '1 certificate' : `${count} certificates`}`}
            </button>
          ) : null}
        </DialogFooter>
      </form>
    </Modal>
  );
}
