// A modal dialog on the native <dialog> element: the page behind it is inert, Tab stays inside it,
// Escape cancels, and focus returns to where it was when the dialog closes.
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

export interface ModalProps {
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly onCancel: () => void;
  /** The element to focus when the dialog opens (else the first focusable one). */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly className?: string;
  readonly children: ReactNode;
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]):not([type="hidden"]), select, textarea, a[href], [tabindex]:not([tabindex="-1"])';

export function Modal({ labelledBy, describedBy, onCancel, initialFocus, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const unmounting = useRef(false);
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  }, [onCancel]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    unmounting.current = false;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    (initialFocus?.current ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => {
      unmounting.current = true;
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-modal="true"
      onCancel={(event) => {
        event.preventDefault();
        cancel.current();
      }}
      onClose={() => {
        // Chromium closes a dialog by itself on a second Escape; treat that as a cancel too.
        if (!unmounting.current && !ref.current?.open) cancel.current();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Tab') return;
        const focusable = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []).filter((el) => el.offsetParent !== null);
        if (focusable.length === 0) return;
        const first = focusable[0]!;
        const last = focusable[focusable.length - 1]!;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      {children}
    </dialog>
  );
}
