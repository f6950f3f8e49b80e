// Icons for the probe, import and export actions, drawn like ui/icons.tsx: 24-unit stroke icons that
// take the text colour, sized by CSS.
import type { ReactNode } from 'react';

function ActionIcon({ className, children }: { readonly className?: string; readonly children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className ? `icon ${className}` : 'icon'}
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

type Props = { readonly className?: string };

/** Export: an arrow out of a tray. */
export function ExportIcon({ className }: Props) {
  return (
    <ActionIcon className={className}>
      <path d="M12 14.5v-11M7.5 8 12 3.5 16.5 8" />
      <path d="M4 14.5v3A2.5 2.5 0 0 0 6.5 20h11a2.5 2.5 0 0 0 2.5-2.5v-3" />
    </ActionIcon>
  );
}

/** Import: an arrow into a tray. */
export function ImportIcon({ className }: Props) {
  return (
    <ActionIcon className={className}>
      <path d="M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5" />
      <path d="M4 14.5v3A2.5 2.5 0 0 0 6.5 20h11a2.5 2.5 0 0 0 2.5-2.5v-3" />
    </ActionIcon>
  );
}

export function SaveIcon({ className }: Props) {
  return (
    <ActionIcon className={className}>
      <path d="M5.5 4h10.2L20 8.3v10.2a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18.5v-13A1.5 1.5 0 0 1 5.5 4Z" />
      <path d="M8 4v4.5h7V4M7.5 20v-6h9v6" />
    </ActionIcon>
  );
}

export function UndoIcon({ className }: Props) {
  return (
    <ActionIcon className={className}>
      <path d="M8.5 5 4.5 9l4 4" />
      <path d="M4.5 9h10a5 5 0 0 1 0 10H11" />
    </ActionIcon>
  );
}

export function RefreshIcon({ className }: Props) {
  return (
    <ActionIcon className={className}>
      <path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3" />
      <path d="M19.5 4.5v4h-4" />
    </ActionIcon>
  );
}

/** Two chains side by side. */
export function CompareIcon({ className }: Props) {
  return (
    <ActionIcon className={className}>
      <rect x="3.5" y="4.5" width="7" height="15" rx="1.5" />
      <rect x="13.5" y="4.5" width="7" height="15" rx="1.5" />
      <path d="M6 9h2M6 12h2M16 9h2M16 12h2" />
    </ActionIcon>
  );
}
