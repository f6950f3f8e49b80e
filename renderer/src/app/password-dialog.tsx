// Asks for a store's password. The field is uncontrolled and emptied as soon as the value is handed
// to the unlock call, so the password lives no longer than that call.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { baseName, folderName } from '../ui/format';
import { WarningIcon, SecretKeyIcon } from '../ui/icons';
import { Modal } from './modal';
import type { PasswordPrompt } from './store-tabs';
import { ModalHeading } from '../ui/modal-heading';

export function PasswordDialog({ prompt }: { readonly prompt: PasswordPrompt }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  // Which prompt is being checked: a retry arrives as a new prompt object, which is not.
  const [checking, setChecking] = useState<PasswordPrompt | null>(null);
  const submitting = checking === prompt;
  const [reveal, setReveal] = useState(false);
  const name = baseName(prompt.file);
  const folder = folderName(prompt.file);
  const wrong = prompt.reason === 'wrong';

  // A retry: start again with an empty, focused field.
  useEffect(() => {
    if (input.current) {
      input.current.value = '';
      input.current.focus();
    }
  }, [prompt]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const field = input.current;
    if (!field || submitting) return;
    const password = field.value;
    field.value = '';
    setChecking(prompt);
    await prompt.submit(password);
    setChecking(null);
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={prompt.cancel} initialFocus={input} className="password-dialog">
      <form onSubmit={submit} className="modal-body">
        <ModalHeading titleId={`${id}-title`} icon={<SecretKeyIcon />} subtitle={folder || undefined} subtitleTooltip={prompt.file}>
          {prompt.purpose === 'verify' ? `Verify ${name}` : `Unlock ${name}`}
        </ModalHeading>
        <p id={`${id}-text`} className="modal-text">
          {prompt.purpose === 'verify'
            ? 'Enter the store password to verify the integrity of its contents.'
            : `${name} is protected by a password. Enter it to see the entries.`}
        </p>
        <label className="field-label" htmlFor={`${id}-password`}>
          Password
        </label>
        <div className={wrong ? 'password-field invalid' : 'password-field'}>
          <input
            ref={input}
            id={`${id}-password`}
            className="text-input"
            type={reveal ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={wrong || undefined}
            aria-describedby={wrong ? `${id}-error` : undefined}
            disabled={submitting}
          />
          <button type="button" className="field-button" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
            {reveal ? 'Hide' : 'Show'}
          </button>
        </div>
        {wrong ? (
          <p id={`${id}-error`} className="field-error" role="alert">
            <WarningIcon className="icon-sm" />
            Wrong password — try again
          </p>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={prompt.cancel}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={submitting}>
            {submitting ? 'Checking…' : prompt.purpose === 'verify' ? 'Verify' : 'Unlock'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
