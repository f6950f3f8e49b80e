// Toasts in the bottom corner: errors (announced at once, kept until dismissed) and notices.
import { CheckIcon, CloseIcon, ErrorIcon, InfoIcon } from '../ui/icons';
import type { Toast } from './use-toasts';

export function ToastList({ toasts, onDismiss }: { readonly toasts: readonly Toast[]; readonly onDismiss: (id: number) => void }) {
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          {toast.tone === 'error' ? <ErrorIcon className="toast-icon" /> : toast.tone === 'success' ? <CheckIcon className="toast-icon" /> : <InfoIcon className="toast-icon" />}
          <span className="toast-message" title={toast.message}>
            {toast.message}
          </span>
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
            <CloseIcon />
          </button>
        </div>
      ))}
    </div>
  );
}
