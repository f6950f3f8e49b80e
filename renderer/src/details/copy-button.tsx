// A small button that copies a value and says "Copied" for a moment.
import { useEffect, useState } from 'react';
import { copyText } from '../ui/clipboard';
import { CheckIcon, CopyIcon } from '../ui/icons';

export interface CopyButtonProps {
  readonly value: string;
  /** What is copied, for screen readers: "Copy SHA-256 fingerprint". */
  readonly label: string;
  /** Visible text; icon-only when omitted. */
  readonly text?: string;
  readonly onError?: (message: string) => void;
}

export function CopyButton({ value, label, text, onError }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 1500);
    return () => window.clearTimeout(timer);
  }, [copied]);

  return (
    <button
      type="button"
      className={`copy-button${text ? ' with-text' : ''}${copied ? ' copied' : ''}`}
      aria-label={copied ? 'Copied' : label}
      title={copied ? 'Copied' : label}
      onClick={() => {
        copyText(value).then(
          () => setCopied(true),
          (error: unknown) => onError?.(error instanceof Error ? error.message : String(error)),
        );
      }}
    >
      {copied ? <CheckIcon className="icon-sm" /> : <CopyIcon className="icon-sm" />}
      {text ? <span>{copied ? 'Copied' : text}</span> : copied ? <span className="copied-text">Copied</span> : null}
    </button>
  );
}
