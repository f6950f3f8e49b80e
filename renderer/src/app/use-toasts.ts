// Transient messages: errors from the main process (stay until dismissed) and short notices (fade).
import { useCallback, useEffect, useRef, useState } from 'react';

export type ToastTone = 'error' | 'info' | 'success';

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly message: string;
}

/** Errors are kept (one stack shows them); notices are few and fade. */
const MAX_ERRORS = 20;
const MAX_NOTICES = 3;
const NOTICE_MS = 5000;

export interface Toasts {
  readonly toasts: readonly Toast[];
  readonly push: (tone: ToastTone, message: string) => void;
  readonly dismiss: (id: number) => void;
}

export function useToasts(): Toasts {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer !== undefined) window.clearTimeout(timer);
    timers.current.delete(id);
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);

  const push = useCallback(
    (tone: ToastTone, message: string) => {
      const id = nextId.current++;
      setToasts((list) => {
        // The same message twice in a row (a double drop) is shown once.
        const next = [...list.filter((toast) => toast.message !== message), { id, tone, message }];
        const errors = next.filter((t) => t.tone === 'error').slice(-MAX_ERRORS);
        const notices = next.filter((t) => t.tone !== 'error').slice(-MAX_NOTICES);
        return next.filter((t) => errors.includes(t) || notices.includes(t));
      });
      if (tone !== 'error') timers.current.set(id, window.setTimeout(() => dismiss(id), NOTICE_MS));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
    };
  }, []);

  return { toasts, push, dismiss };
}
