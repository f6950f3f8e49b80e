// Every inline SVG icon of the app, entries and actions alike (no icon font, no remote assets: the CSP
// allows neither). Stroke icons on a 24-unit grid that take the text colour; size comes from CSS
// (.icon, .icon-sm, .icon-lg).
import type { ReactNode, SVGProps } from 'react';

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { readonly title?: string };

function Icon({ title, className, children, ...rest }: IconProps & { readonly children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className ? `icon ${className}` : 'icon'}
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
      focusable="false"
      {...rest}
    >
      {title ? <title>{title}</title> : null}
      {children}
    </svg>
  );
}

/** A trusted certificate: a sheet with a seal. */
export function CertificateIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M5 3.5h11.5L20 7v9.5" />
      <path d="M20 16.5V7l-3.5-3.5H5A1.5 1.5 0 0 0 3.5 5v12A1.5 1.5 0 0 0 5 18.5h6" />
      <path d="M7.5 8h8M7.5 11.5h5" />
      <circle cx="16.5" cy="16" r="2.75" />
      <path d="m15 18.4-.8 3.1 2.3-1.2 2.3 1.2-.8-3.1" />
    </Icon>
  );
}

/** A private key entry: a key. */
export function KeyIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="8" cy="15.5" r="4.25" />
      <path d="m11 12.5 8.5-8.5M16.5 7l2.5 2.5M14 9.5l2 2" />
    </Icon>
  );
}

/** A secret (symmetric) key entry: a padlock. */
export function SecretKeyIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="4.5" y="10.5" width="15" height="10" rx="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" />
      <path d="M12 14.5v2.5" />
    </Icon>
  );
}

export function WarningIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M10.3 4.2 2.9 17.5A2 2 0 0 0 4.6 20.5h14.8a2 2 0 0 0 1.7-3L13.7 4.2a2 2 0 0 0-3.4 0Z" />
      <path d="M12 9.5v4M12 17h.01" />
    </Icon>
  );
}

export function ErrorIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="12" cy="12" r="8.75" />
      <path d="m9 9 6 6M15 9l-6 6" />
    </Icon>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="12" cy="12" r="8.75" />
      <path d="M12 11v5.5M12 7.75h.01" />
    </Icon>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="m6.5 6.5 11 11M17.5 6.5l-11 11" />
    </Icon>
  );
}

export function FolderOpenIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M3.5 18.5V6A1.5 1.5 0 0 1 5 4.5h4l2 2.5h7.5A1.5 1.5 0 0 1 20 8.5V10" />
      <path d="M3.5 18.5 6.3 11.4A1.5 1.5 0 0 1 7.7 10.5h13a1 1 0 0 1 .9 1.4l-2.5 6a1.5 1.5 0 0 1-1.4.9H3.5Z" />
    </Icon>
  );
}

export function PathIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M4 19.5V4.5h6l2 2.5h8v12.5Z" />
      <path d="m10 11.5 2.5 2.5-2.5 2.5M14 16.5h2.5" />
    </Icon>
  );
}

export function GlobeIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="12" cy="12" r="8.75" />
      <path d="M3.5 12h17M12 3.3c2.3 2.4 3.5 5.3 3.5 8.7s-1.2 6.3-3.5 8.7c-2.3-2.4-3.5-5.3-3.5-8.7s1.2-6.3 3.5-8.7Z" />
    </Icon>
  );
}

export function SearchIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="10.5" cy="10.5" r="6.25" />
      <path d="m15.25 15.25 5 5" />
    </Icon>
  );
}

export function CopyIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="8.5" y="8.5" width="11" height="11" rx="2" />
      <path d="M15.5 8.5V6a1.5 1.5 0 0 0-1.5-1.5H6A1.5 1.5 0 0 0 4.5 6v8A1.5 1.5 0 0 0 6 15.5h2.5" />
    </Icon>
  );
}

export function CheckIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="m5 12.5 4.5 4.5L19 7.5" />
    </Icon>
  );
}

export function ChevronIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="m9 6 6 6-6 6" />
    </Icon>
  );
}

export function SortIcon({ direction, ...props }: IconProps & { readonly direction: 'ascending' | 'descending' | 'none' }) {
  return (
    <Icon {...props}>
      {direction === 'none' ? <path d="m8.5 10 3.5-3.5 3.5 3.5M8.5 14l3.5 3.5 3.5-3.5" /> : null}
      {direction === 'ascending' ? <path d="m7.5 14.5 4.5-5 4.5 5" /> : null}
      {direction === 'descending' ? <path d="m7.5 9.5 4.5 5 4.5-5" /> : null}
    </Icon>
  );
}

export function ShieldCheckIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 3.5 5 6v5.5c0 4.3 3 7.6 7 9 4-1.4 7-4.7 7-9V6Z" />
      <path d="m9 12 2.2 2.2L15.5 10" />
    </Icon>
  );
}

/** Sliders: settings. */
export function SettingsIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M4 7h9M17 7h3M4 17h3M11 17h9" />
      <circle cx="15" cy="7" r="2" />
      <circle cx="9" cy="17" r="2" />
    </Icon>
  );
}

export function ShieldQuestionIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 3.5 5 6v5.5c0 4.3 3 7.6 7 9 4-1.4 7-4.7 7-9V6Z" />
      <path d="M10.2 9.8a1.9 1.9 0 0 1 3.7.6c0 1.3-1.9 1.6-1.9 2.9M12 16h.01" />
    </Icon>
  );
}

export function ShieldOffIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 3.5 5 6v5.5c0 4.3 3 7.6 7 9 4-1.4 7-4.7 7-9V6Z" />
      <path d="M9 12h6" />
    </Icon>
  );
}

export function PlusIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 5.5v13M5.5 12h13" />
    </Icon>
  );
}

export function ClockIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="12" cy="12" r="8.75" />
      <path d="M12 7.5V12l3 2" />
    </Icon>
  );
}

export function DropIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5" />
      <path d="M4 14.5v3A2.5 2.5 0 0 0 6.5 20h11a2.5 2.5 0 0 0 2.5-2.5v-3" />
    </Icon>
  );
}

export function PanelIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <path d="M14.5 4.5v15" />
    </Icon>
  );
}

/** Columns: a table with three upright bands. */
export function ColumnsIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <path d="M9.5 4.5v15M14.5 4.5v15" />
    </Icon>
  );
}

/** Export: an arrow out of a tray. */
export function ExportIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 14.5v-11M7.5 8 12 3.5 16.5 8" />
      <path d="M4 14.5v3A2.5 2.5 0 0 0 6.5 20h11a2.5 2.5 0 0 0 2.5-2.5v-3" />
    </Icon>
  );
}

/** Import: an arrow into a tray. */
export function ImportIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M12 3.5v11M7.5 10l4.5 4.5 4.5-4.5" />
      <path d="M4 14.5v3A2.5 2.5 0 0 0 6.5 20h11a2.5 2.5 0 0 0 2.5-2.5v-3" />
    </Icon>
  );
}

/** Save: a floppy disk. */
export function SaveIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M5.5 4h10.2L20 8.3v10.2a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18.5v-13A1.5 1.5 0 0 1 5.5 4Z" />
      <path d="M8 4v4.5h7V4M7.5 20v-6h9v6" />
    </Icon>
  );
}

/** Undo: an arrow turning back. */
export function UndoIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M8.5 5 4.5 9l4 4" />
      <path d="M4.5 9h10a5 5 0 0 1 0 10H11" />
    </Icon>
  );
}

/** Refresh: a circular arrow. */
export function RefreshIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M19.5 12a7.5 7.5 0 1 1-2.2-5.3" />
      <path d="M19.5 4.5v4h-4" />
    </Icon>
  );
}

/** Two chains side by side. */
export function CompareIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="3.5" y="4.5" width="7" height="15" rx="1.5" />
      <rect x="13.5" y="4.5" width="7" height="15" rx="1.5" />
      <path d="M6 9h2M6 12h2M16 9h2M16 12h2" />
    </Icon>
  );
}

/** The app's mark: a lens over a shield. Filled, so it reads at 18 px. */
export function LogoMark({ className }: { readonly className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={className ? `logo-mark ${className}` : 'logo-mark'} aria-hidden="true" focusable="false">
      <path d="M11 2.5 4 5v5.6c0 4.5 3 8 7 9.4 1-.35 1.95-.82 2.8-1.4" fill="var(--accent)" />
      <circle cx="15.5" cy="13.5" r="4.25" fill="none" stroke="var(--accent-strong)" strokeWidth="2" />
      <path d="m18.6 16.6 3 3" stroke="var(--accent-strong)" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

export function EntryTypeIcon({ type, className }: { readonly type: 'trustedCertificate' | 'privateKey' | 'secretKey'; readonly className?: string }) {
  const classes = `entry-icon entry-icon-${type}${className ? ` ${className}` : ''}`;
  if (type === 'privateKey') return <KeyIcon className={classes} />;
  if (type === 'secretKey') return <SecretKeyIcon className={classes} />;
  return <CertificateIcon className={classes} />;
}
