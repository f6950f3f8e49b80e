// The table's multiple selection, as desktop lists behave: click, Ctrl/⌘+click, Shift+click runs in the
// order shown (sorted or filtered), select all, and what actions act on while a filter hides rows.
import { describe, expect, test } from 'vitest';
import { NO_SELECTION, chosenInOrder, extendTo, selectAll, selectOnly, toggle } from '../../renderer/src/explorer/selection';

const chosen = (selection: { chosen: ReadonlySet<number> }) => [...selection.chosen].sort((a, b) => a - b);

describe('selection', () => {
  // The table shows the store's entries 0..9 sorted some other way.
  const order = [7, 2, 9, 0, 4, 1, 8, 3, 6, 5];

  test('a click chooses one row; Ctrl/⌘+click adds and removes rows', () => {
    let selection = selectOnly(9);
    expect(chosen(selection)).toEqual([9]);
    selection = toggle(selection, 4);
    selection = toggle(selection, 6);
    expect(chosen(selection)).toEqual([4, 6, 9]);
    expect(selection.focus).toBe(6);
    selection = toggle(selection, 9);
    expect(chosen(selection)).toEqual([4, 6]);
    expect(selection.focus).toBe(9); // the keyboard stays where the click was
  });

  test('Shift extends from the anchor in the order shown, either way, and a new Shift+click replaces the run', () => {
    let selection = selectOnly(9);
    selection = extendTo(selection, order, 1);
    expect(chosenInOrder(selection, order)).toEqual([9, 0, 4, 1]);
    selection = extendTo(selection, order, 7);
    expect(chosenInOrder(selection, order)).toEqual([7, 2, 9]);
    expect(selection.anchor).toBe(9);
    expect(selection.focus).toBe(7);
  });

  test('Shift from nothing chosen, or from a row the filter hides, starts at the row clicked', () => {
    expect(chosen(extendTo(NO_SELECTION, order, 4))).toEqual([4]);
    expect(chosen(extendTo(selectOnly(42), order, 4))).toEqual([4]);
  });

  test('select all takes the rows shown; actions act on the chosen rows that are shown', () => {
    const shown = [2, 0, 1];
    const all = selectAll(shown, 0);
    expect(chosenInOrder(all, shown)).toEqual([2, 0, 1]);
    expect(all.focus).toBe(0);
    expect(selectAll([], null)).toBe(NO_SELECTION);
    const mixed = toggle(toggle(selectOnly(7), 2), 5);
    expect(chosenInOrder(mixed, [5, 3, 2])).toEqual([5, 2]);
  });
});
