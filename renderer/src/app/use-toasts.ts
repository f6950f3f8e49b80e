// Transient messages: errors from the main process (stay until dismissed) and short notices (fade).
import { useCallback, useEffect, useRef, useState } from 'react';

export type ToastTone = 'error' | 'info' | 'success';

export interface Toast {
  readonly id: number;
  readonly tone: ToastTone;
  readonly message: string;
}

const MAX_TOASTS = 4;
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
        const without = list.filter((toast) => toast.message !== message);
        return [...without, { id, tone, message }].slice(-MAX_TOASTS);
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
