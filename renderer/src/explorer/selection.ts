// Which entries of the table are chosen, as desktop lists do it: a click chooses one, Ctrl/⌘+click adds
// or removes one, Shift+click (and Shift+arrows) chooses the run from the anchor to the row in the order
// the table shows, Ctrl/⌘+A chooses every row shown. `focus` is the row the keyboard is on and the
// details pane shows. Indexes are the entries' places in the store, so sorting keeps the choice.

export interface Selection {
  /** The row the keyboard is on (and the details pane shows), or null. */
  readonly focus: number | null;
  /** Where a Shift-extended run starts. */
  readonly anchor: number | null;
  readonly chosen: ReadonlySet<number>;
}

/** The entries chosen in the table, for an action on them: their store indexes, and how to name them. */
export interface ChosenEntries {
  readonly indexes: readonly number[];
  /** "“alias”" for one, "3 selected entries" for more. */
  readonly label: string;
}

export const NO_SELECTION: Selection = { focus: null, anchor: null, chosen: new Set() };

export function selectOnly(index: number): Selection {
  return { focus: index, anchor: index, chosen: new Set([index]) };
}

/** Ctrl/⌘+click: add the row, or take it out; the focus moves to it either way. */
export function toggle(selection: Selection, index: number): Selection {
  const chosen = new Set(selection.chosen);
  if (chosen.has(index)) chosen.delete(index);
  else chosen.add(index);
  return { focus: index, anchor: index, chosen };
}

/** Shift+click or Shift+arrow: the rows from the anchor to `index`, as `order` (the rows shown) has them. */
export function extendTo(selection: Selection, order: readonly number[], index: number): Selection {
  const anchor = selection.anchor ?? selection.focus ?? index;
  const from = order.indexOf(anchor);
  const to = order.indexOf(index);
  if (from < 0 || to < 0) return selectOnly(index);
  const [low, high] = from <= to ? [from, to] : [to, from];
  return { focus: index, anchor, chosen: new Set(order.slice(low, high + 1)) };
}

export function selectAll(order: readonly number[], focus: number | null): Selection {
  if (order.length === 0) return NO_SELECTION;
  const at = focus !== null && order.includes(focus) ? focus : order[0]!;
  return { focus: at, anchor: at, chosen: new Set(order) };
}

/** The chosen rows that are shown, in the order shown (what actions act on while a filter hides some). */
export function chosenInOrder(selection: Selection, order: readonly number[]): number[] {
  if (selection.chosen.size === 0) return [];
  return order.filter((index) => selection.chosen.has(index));
}
