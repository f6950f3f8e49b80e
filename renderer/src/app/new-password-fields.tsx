// A new password typed twice (a new store, or Save As with another password). The fields are
// uncontrolled: the dialog reads them through refs when it submits, so the password is held no longer
// than the call that uses it.
import { useState, type RefObject } from 'react';

export interface NewPasswordFieldsProps {
  readonly idPrefix: string;
  readonly password: RefObject<HTMLInputElement | null>;
  readonly repeat: RefObject<HTMLInputElement | null>;
  readonly label?: string;
  /** Said under the fields (e.g. "Leave both empty to keep the current password"). */
  readonly hint?: string;
  readonly invalid?: boolean;
  readonly disabled?: boolean;
}

export function NewPasswordFields({ idPrefix, password, repeat, label = 'Password', hint, invalid, disabled }: NewPasswordFieldsProps) {
  const [reveal, setReveal] = useState(false);
  const type = reveal ? 'text' : 'password';
  return (
    <div className="new-password">
      <label className="field-label" htmlFor={`${idPrefix}-password`}>
        {label}
      </label>
      <div className={invalid ? 'password-field invalid' : 'password-field'}>
        <input
          ref={password}
          id={`${idPrefix}-password`}
          className="text-input"
          type={type}
          autoComplete="new-password"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          disabled={disabled}
        />
        <button type="button" className="field-button" onClick={() => setReveal((r) => !r)} aria-pressed={reveal} aria-label={reveal ? 'Hide the password' : 'Show the password'}>
          {reveal ? 'Hide' : 'Show'}
        </button>
      </div>
      <label className="field-label new-password-repeat" htmlFor={`${idPrefix}-repeat`}>
        Repeat the password
      </label>
      <input
        ref={repeat}
        id={`${idPrefix}-repeat`}
        className={invalid ? 'text-input invalid' : 'text-input'}
        type={type}
        autoComplete="new-password"
        spellCheck={false}
        aria-invalid={invalid || undefined}
        disabled={disabled}
      />
      {hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

/** The password typed, '' when both fields are empty, or null when the two differ (the caller says so). */
export function readNewPassword(password: HTMLInputElement | null, repeat: HTMLInputElement | null): string | null {
  const first = password?.value ?? '';
  const second = repeat?.value ?? '';
  return first === second ? first : null;
}

/** Empty both fields once the password was handed on. */
export function clearNewPassword(password: HTMLInputElement | null, repeat: HTMLInputElement | null): void {
  if (password) password.value = '';
  if (repeat) repeat.value = '';
}
