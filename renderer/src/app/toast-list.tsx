// Toasts in the bottom corner: errors (announced at once, kept until dismissed) and notices (they fade).
// Errors collapse into one stack: the newest is shown, with how many came before it, so that a run of
// failures does not cover the window; the stack opens to show them all, and can be dismissed at once.
import { useState } from 'react';
import { CheckIcon, CloseIcon, ErrorIcon, InfoIcon } from '../ui/icons';
import type { Toast } from './use-toasts';

function ToastItem({ toast, onDismiss, extra }: { readonly toast: Toast; readonly onDismiss: (id: number) => void; readonly extra?: React.ReactNode }) {
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      {toast.tone === 'error' ? <ErrorIcon className="toast-icon" /> : toast.tone === 'success' ? <CheckIcon className="toast-icon" /> : <InfoIcon className="toast-icon" />}
      <span className="toast-message" title={toast.message}>
        {toast.message}
        {extra}
      </span>
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        <CloseIcon />
      </button>
    </div>
  );
}

export function ToastList({ toasts, onDismiss }: { readonly toasts: readonly Toast[]; readonly onDismiss: (id: number) => void }) {
  const [expanded, setExpanded] = useState(false);
  const errors = toasts.filter((t) => t.tone === 'error');
  const notices = toasts.filter((t) => t.tone !== 'error');
  const newest = errors[errors.length - 1];
  const earlier = errors.slice(0, -1);
  const open = expanded && earlier.length > 0;
  return (
    <div className="toasts" aria-live="polite">
      {notices.map((toast) => (
        <ToastItem key={toast.id} toast={toast} onDismiss={onDismiss} />
      ))}
      {open ? earlier.map((toast) => <ToastItem key={toast.id} toast={toast} onDismiss={onDismiss} />) : null}
      {newest ? (
        <ToastItem
          key={newest.id}
          toast={newest}
          onDismiss={onDismiss}
          extra={
            earlier.length > 0 ? (
              <span className="toast-stack">
                <button type="button" className="link-button" aria-expanded={open} onClick={() => setExpanded(!open)}>
                  {open ? 'Show the latest only' : `${earlier.length} earlier ${earlier.length === 1 ? 'error' : 'errors'}`}
                </button>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    for (const toast of errors) onDismiss(toast.id);
                    setExpanded(false);
                  }}
                >
                  Dismiss all
                </button>
              </span>
            ) : null
          }
        />
      ) : null}
    </div>
  );
}
