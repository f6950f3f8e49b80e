// The store table's columns: the seven shown by default and KeyStore Explorer's optional ones, each with
// its header and its default width (the cells are in entry-cells.tsx); which are shown and how wide is the person's choice, kept
// by the main process (viewSettings) so that it outlives the run. The values come from the listing the
// main process made; nothing here reads a certificate.
import type { ColumnId } from './entry-rows';

export interface Column {
  readonly id: ColumnId;
  readonly label: string;
  /** The grid track until the person sets a width: flexible columns share the room. */
  readonly track: string;
  /** The narrowest it can be dragged to, in pixels. */
  readonly min: number;
}

export const COLUMNS: readonly Column[] = [
  { id: 'type', label: 'Type', track: '18px', min: 18 },
  { id: 'alias', label: 'Alias', track: 'minmax(96px, 1.1fr)', min: 48 },
  { id: 'subject', label: 'Subject', track: 'minmax(100px, 1.45fr)', min: 48 },
  { id: 'issuer', label: 'Issuer', track: 'minmax(90px, 1.15fr)', min: 48 },
  { id: 'expires', label: 'Expires', track: '92px', min: 48 },
  { id: 'key', label: 'Key', track: 'minmax(64px, 84px)', min: 40 },
  { id: 'sha256', label: 'SHA-256', track: '124px', min: 48 },
  { id: 'created', label: 'Entry date', track: '92px', min: 48 },
  { id: 'validFrom', label: 'Valid from', track: '92px', min: 48 },
  { id: 'serial', label: 'Serial', track: '124px', min: 48 },
  { id: 'authorityKeyId', label: 'AKI', track: '124px', min: 48 },
  { id: 'subjectKeyId', label: 'SKI', track: '124px', min: 48 },
  { id: 'subjectOrganization', label: 'Subject O', track: 'minmax(80px, 1fr)', min: 48 },
  { id: 'issuerOrganization', label: 'Issuer O', track: 'minmax(80px, 1fr)', min: 48 },
  { id: 'sha1', label: 'SHA-1', track: '124px', min: 48 },
  { id: 'curve', label: 'Curve', track: '80px', min: 40 },
];

const BY_ID = new Map(COLUMNS.map((column) => [column.id, column]));
export const columnById = (id: ColumnId): Column => BY_ID.get(id)!;

export const DEFAULT_SHOWN: readonly ColumnId[] = ['type', 'alias', 'subject', 'issuer', 'expires', 'key', 'sha256'];
/** The alias names the entry: it cannot be hidden. */
export const ALWAYS_SHOWN: ReadonlySet<ColumnId> = new Set(['alias']);

export interface ColumnLayout {
  readonly shown: readonly ColumnId[];
  readonly widths: Readonly<Partial<Record<ColumnId, number>>>;
}

export const DEFAULT_LAYOUT: ColumnLayout = { shown: DEFAULT_SHOWN, widths: {} };

/** A saved layout, with unknown columns dropped and the alias put back (an older or hand-edited file). */
export function readLayout(saved: { readonly shown: readonly string[]; readonly widths: Readonly<Record<string, number>> } | undefined): ColumnLayout {
  if (!saved) return DEFAULT_LAYOUT;
  const shown = saved.shown.filter((id, i, all): id is ColumnId => BY_ID.has(id as ColumnId) && all.indexOf(id) === i);
  if (!shown.includes('alias')) shown.splice(shown.includes('type') ? 1 : 0, 0, 'alias');
  const widths: Partial<Record<ColumnId, number>> = {};
  for (const [id, width] of Object.entries(saved.widths)) {
    const column = BY_ID.get(id as ColumnId);
    if (column) widths[column.id] = Math.max(column.min, width);
  }
  return { shown, widths };
}

export const isDefaultLayout = (layout: ColumnLayout) =>
  Object.keys(layout.widths).length === 0 && layout.shown.length === DEFAULT_SHOWN.length && layout.shown.every((id, i) => DEFAULT_SHOWN[i] === id);

/** Show or hide one column; a shown one goes where it stands in COLUMNS among the others. */
export function toggleColumn(layout: ColumnLayout, id: ColumnId): ColumnLayout {
  if (ALWAYS_SHOWN.has(id)) return layout;
  if (layout.shown.includes(id)) return { ...layout, shown: layout.shown.filter((c) => c !== id) };
  const order = (c: ColumnId) => COLUMNS.findIndex((column) => column.id === c);
  return { ...layout, shown: [...layout.shown, id].sort((a, b) => order(a) - order(b)) };
}

/**
 * The narrowest the table's rows can be (tracks at their minimum, the gaps and padding of .grid-row): the
 * rows and the header are at least this wide, and the body scrolls sideways when the table is narrower.
 */
export function minimumWidth(layout: ColumnLayout): number {
  const tracks = layout.shown.map((id) => layout.widths[id] ?? Number(/\d+/.exec(columnById(id).track)?.[0] ?? 0));
  return tracks.reduce((sum, width) => sum + width, 0) + 12 * (tracks.length - 1) + 12 + 20;
}

export function gridTemplate(layout: ColumnLayout): string {
  return layout.shown.map((id) => (layout.widths[id] !== undefined ? `${layout.widths[id]}px` : columnById(id).track)).join(' ');
}

/**
 * An alias in two parts: the start, which gives way (ellipsis) when the column is narrow, and the last
 * characters, which never do: "debian:globalsign_r…_r6.pem" keeps seven GlobalSign roots apart.
 */
export function aliasParts(alias: string): readonly [string, string] {
  if (alias.length <= 16) return [alias, ''];
  const tail = Math.min(10, Math.ceil(alias.length * 0.4));
  return [alias.slice(0, alias.length - tail), alias.slice(alias.length - tail)];
}
