// One open store: its header, the filter, the entry table and the details pane. Each tab keeps its
// own filter, sort, selection and pane width while other tabs are in front.
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { StoreListing } from '../../../shared/model/keystore';
import { DetailsPane } from '../details/details-pane';
import { SelectionPane } from '../details/selection-pane';
import { useNow } from './use-now';
import { isWritable } from '../import/writable';
import type { StoreTab } from '../app/store-tabs';
import { hasCommandKey, shortcutLabel } from '../app/keys';
import { panelId, tabId } from '../app/tab-strip';
import { errorMessage } from '../api/remote-error';
import { copyText } from '../ui/clipboard';
import { ContextMenu, type MenuEntry } from '../ui/context-menu';
import { baseName, colonHex } from '../ui/format';
import { CloseIcon, PanelIcon, SearchIcon } from '../ui/icons';
import { DeleteEntriesDialog, EntryActionButtons, RenameEntryDialog, TrashIcon, canEditEntries, renameBlocked, type EntryEdit } from './entry-actions';
import { DEFAULT_SORT, buildRows, filterByExpiry, filterRows, nextSort, sortRows, type ColumnId, type ExpiryFilter, type SortOrder } from './entry-rows';
import { ColumnChooser } from './column-chooser';
import { useColumnLayout } from './use-column-layout';
import { EXPIRY_WARNING_DAYS } from '../ui/format';
import { EntryTable } from './entry-table';
import { copiedLabel, type CopiedEntries, type EntryClipboard } from './entry-clipboard';
import { NO_SELECTION, chosenInOrder, selectOnly, type ChosenEntries, type Selection } from './selection';
import { Splitter } from './splitter';
import { StoreHeader } from './store-header';
import { StoreProperties } from './store-properties';

export interface ExplorerProps {
  readonly tab: StoreTab;
  readonly active: boolean;
  readonly onVerify: (storeId: string) => void;
  readonly onCopyError: (message: string) => void;
  /** Something was copied to the clipboard: a sentence saying what. */
  readonly onCopied?: (message: string) => void;
  /** Store actions in the header (left out, the button is not shown). `selected`: the entries chosen in the table. */
  readonly onImport?: (storeId: string) => void;
  readonly onExport?: (storeId: string, selected: ChosenEntries | null) => void;
  readonly onSave?: (storeId: string) => void;
  readonly onUndo?: (storeId: string) => void;
  readonly onSaveAs?: (storeId: string) => void;
  /** An entry was deleted or renamed: show the store as edited, and say what changed. */
  readonly onEdited?: (storeId: string, view: StoreListing, message: string) => void;
  /** Copy the chosen entries, paste copied ones into this store (entry-clipboard.tsx). */
  readonly clipboard?: Pick<EntryClipboard, 'copied' | 'copy' | 'paste'>;
}

const PANE_MIN = 320;
const PANE_MAX = 960;

export function Explorer({ tab, active, onVerify, onCopyError, onCopied, onImport, onExport, onSave, onUndo, onSaveAs, onEdited, clipboard }: ExplorerProps) {
  const idPrefix = useId();
  const now = useNow();
  const rows = useMemo(() => buildRows(tab.view), [tab.view]);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [sort, setSort] = useState<SortOrder | null>(DEFAULT_SORT);
  const [expiryFilter, setExpiryFilter] = useState<ExpiryFilter>(null);
  // The clock only matters while the expiry filter is on: otherwise its minute tick must not re-sort the rows.
  const expiryNow = expiryFilter ? now : 0;
  const visible = useMemo(
    () => sortRows(filterByExpiry(filterRows(rows, deferredFilter), expiryFilter, EXPIRY_WARNING_DAYS, expiryNow), sort),
    [rows, deferredFilter, expiryFilter, expiryNow, sort],
  );
  const columns = useColumnLayout();
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const selected = selection.focus;
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [propertiesOpen, setPropertiesOpen] = useState(false);
  // The pane starts at 460 px, or less on a small window so the table keeps most of it.
  const [paneWidth, setPaneWidth] = useState(() => Math.max(PANE_MIN, Math.min(460, Math.round(window.innerWidth * 0.4))));
  const filterRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!active) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (hasCommandKey(event) && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active]);

  // A store that comes to the front takes the keyboard, unless the person is typing somewhere else.
  useEffect(() => {
    if (active && (document.activeElement === null || document.activeElement === document.body)) gridRef.current?.focus({ preventScroll: true });
  }, [active]);

  const open = useCallback((index: number) => {
    setSelection(selectOnly(index));
    setDetailsOpen(true);
  }, []);
  const onSort = useCallback((column: ColumnId) => setSort((current) => nextSort(current, column)), []);

  const selectAlias = useCallback(
    (alias: string) => {
      const row = rows.find((r) => r.alias === alias);
      if (!row) return;
      if (!visible.includes(row)) setFilter('');
      setSelection(selectOnly(row.index));
      setDetailsOpen(true);
      gridRef.current?.focus({ preventScroll: true });
    },
    [rows, visible],
  );

  const closeDetails = useCallback(() => {
    setDetailsOpen(false);
    gridRef.current?.focus();
  }, []);

  // A row the filter hides is not acted on, nor shown in the details pane: the person cannot see it.
  const focusShown = useMemo(() => selected !== null && visible.some((row) => row.index === selected), [selected, visible]);
  const selectedEntry = selected === null || !focusShown ? null : (tab.view.entries[selected] ?? null);
  // What actions act on: the chosen rows that are shown, else the focused one if it is shown.
  const chosen = useMemo(() => {
    const shown = chosenInOrder(selection, visible.map((row) => row.index));
    return shown.length > 0 ? shown : selected !== null && selectedEntry ? [selected] : [];
  }, [selection, visible, selected, selectedEntry]);
  const chosenEntries: ChosenEntries | null =
    chosen.length === 0 ? null : { indexes: chosen, label: chosen.length === 1 ? `“${tab.view.entries[chosen[0]!]?.alias ?? ''}”` : `${chosen.length.toLocaleString('en-US')} selected entries` };
  const [edit, setEdit] = useState<EntryEdit | null>(null);
  const editable = onEdited !== undefined && canEditEntries(tab.view);
  const startRename = () => {
    if (editable && selectedEntry && selected !== null && renameBlocked(tab.view) === null) setEdit({ kind: 'rename', index: selected, alias: selectedEntry.alias });
  };
  /** Delete (the key, or the toolbar's button): every chosen row. The details pane's button: the entry it shows. */
  const startDelete = (indexes: readonly number[] = chosen) => {
    if (editable && indexes.length > 0) setEdit({ kind: 'delete', indexes });
  };
  const edited = (view: StoreListing, message: string, alias?: string) => {
    const at = edit?.kind === 'delete' ? Math.min(edit.indexes.reduce((low, i) => Math.min(low, i), Infinity), view.entries.length - 1) : view.entries.findIndex((e) => e.alias === alias);
    setEdit(null);
    setSelection(at >= 0 ? selectOnly(at) : NO_SELECTION);
    onEdited?.(tab.storeId, view, message);
  };
  const copiedFrom = (indexes: readonly number[]): CopiedEntries => ({ storeId: tab.storeId, file: tab.view.file, aliases: indexes.flatMap((i) => tab.view.entries[i]?.alias ?? []) });
  const copyEntries = () => {
    if (clipboard && chosen.length > 0) clipboard.copy(copiedFrom(chosen));
  };
  const pasteBlocked = !clipboard?.copied
    ? `Nothing to paste: copy entries of another store first (${shortcutLabel('C')}).`
    : clipboard.copied.storeId === tab.storeId
      ? 'These entries are already in this store; paste them into another open store.'
      : !editable
        ? `A ${tab.view.format} file cannot be changed in place; use Save As first.`
        : null;
  const pasteEntries = () => {
    if (pasteBlocked) onCopyError(pasteBlocked);
    else void clipboard?.paste(tab.storeId);
  };
  // Edit ▸ Copy / Paste of the desktop menu run the browser's copy and paste commands: their events go to the
  // selection or the document, not to the focused table, so they are taken here while the table has the keyboard.
  const frameRef = useRef<HTMLDivElement>(null);
  const latestClipboardActions = useRef({ copyEntries, pasteEntries, canCopy: chosen.length > 0, chosenAliases: () => copiedFrom(chosen).aliases });
  useEffect(() => {
    latestClipboardActions.current = { copyEntries, pasteEntries, canCopy: chosen.length > 0, chosenAliases: () => copiedFrom(chosen).aliases };
  });
  const takesClipboard = clipboard !== undefined;
  useEffect(() => {
    if (!active || !takesClipboard) return;
    const inTable = () => frameRef.current?.contains(document.activeElement) === true;
    const onCopy = (event: ClipboardEvent) => {
      const run = latestClipboardActions.current;
      if (!inTable() || !run.canCopy) return;
      event.preventDefault();
      event.clipboardData?.setData('text/plain', run.chosenAliases().join('\n'));
      run.copyEntries();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!inTable()) return;
      event.preventDefault();
      latestClipboardActions.current.pasteEntries();
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [active, takesClipboard]);
  const [menu, setMenu] = useState<{ readonly x: number; readonly y: number } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const copy = (text: string, what: string) => {
    copyText(text).then(
      () => onCopied?.(`Copied ${what}.`),
      (error: unknown) => onCopyError(errorMessage(error)),
    );
  };
  const menuEntries = (): MenuEntry[] => {
    const one = chosen.length === 1 ? (tab.view.entries[chosen[0]!] ?? null) : null;
    const entries: MenuEntry[] = [];
    if (one) {
      entries.push({ label: 'Show details', shortcut: 'Enter', run: () => open(chosen[0]!) });
      entries.push({ label: 'Copy alias', run: () => copy(one.alias, `the alias “${one.alias}”`) });
      if (one.leaf) {
        const sha256 = colonHex(one.leaf.sha256);
        entries.push({ label: 'Copy SHA-256 fingerprint', run: () => copy(sha256, `the SHA-256 fingerprint of “${one.alias}”`) });
      }
    }
    if (clipboard) {
      if (entries.length) entries.push('separator');
      if (chosen.length) entries.push({ label: chosen.length > 1 ? `Copy ${chosen.length} entries` : 'Copy entry', shortcut: shortcutLabel('C'), run: copyEntries });
      const source = clipboard.copied ? ` ${copiedLabel(clipboard.copied)}` : '';
      entries.push({ label: `Paste${source}`, shortcut: shortcutLabel('V'), run: pasteEntries, ...(pasteBlocked ? { disabledReason: pasteBlocked } : {}) });
    }
    if (onExport && chosenEntries) {
      if (entries.length) entries.push('separator');
      entries.push({ label: chosen.length > 1 ? `Export ${chosen.length} entries…` : 'Export…', run: () => onExport(tab.storeId, chosenEntries) });
    }
    if (editable && chosen.length > 0) {
      entries.push('separator');
      const blocked = renameBlocked(tab.view) ?? (chosen.length > 1 ? 'Choose one entry to rename it.' : null);
      entries.push({ label: 'Rename…', shortcut: 'F2', run: startRename, ...(blocked ? { disabledReason: blocked } : {}) });
      entries.push({ label: chosen.length > 1 ? `Delete ${chosen.length} entries…` : 'Delete…', shortcut: 'Del', danger: true, run: () => startDelete() });
    }
    return entries;
  };
  const propertiesId = `${idPrefix}-properties`;
  const detailsId = `${idPrefix}-details`;
  const shownText =
    (filter.trim() || expiryFilter) && visible.length !== rows.length
      ? `${visible.length.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')}`
      : `${rows.length.toLocaleString('en-US')} ${rows.length === 1 ? 'entry' : 'entries'}`;
  const countText = chosen.length > 1 ? `${chosen.length.toLocaleString('en-US')} selected · ${shownText}` : shownText;

  return (
    <section className="explorer" role="tabpanel" id={panelId(tab.storeId)} aria-labelledby={tabId(tab.storeId)} hidden={!active}>
      <StoreHeader
        view={tab.view}
        now={now}
        expiryFilter={expiryFilter}
        onExpiryFilter={setExpiryFilter}
        propertiesId={propertiesId}
        propertiesOpen={propertiesOpen}
        onToggleProperties={() => setPropertiesOpen((o) => !o)}
        onVerify={() => onVerify(tab.storeId)}
        onImport={onImport && isWritable(tab.view.format) ? () => onImport(tab.storeId) : undefined}
        onExport={onExport ? () => onExport(tab.storeId, chosenEntries) : undefined}
        onSave={onSave ? () => onSave(tab.storeId) : undefined}
        onUndo={onUndo ? () => onUndo(tab.storeId) : undefined}
        onSaveAs={onSaveAs ? () => onSaveAs(tab.storeId) : undefined}
      />
      {propertiesOpen ? <StoreProperties id={propertiesId} properties={tab.view.properties} onClose={() => setPropertiesOpen(false)} /> : null}
      <div className="explorer-body">
        <div className="explorer-main" data-import-target={tab.storeId}>
          <div className="explorer-toolbar">
            <div className="filter-box">
              <SearchIcon className="icon-sm filter-icon" />
              <input
                ref={filterRef}
                className="filter-input"
                type="text"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Escape' && filter) {
                    event.preventDefault();
                    setFilter('');
                  } else if (event.key === 'ArrowDown' || (event.key === 'Enter' && visible.length > 0)) {
                    event.preventDefault();
                    if (visible[0] && (selected === null || !visible.some((r) => r.index === selected))) setSelection(selectOnly(visible[0].index));
                    gridRef.current?.focus();
                  }
                }}
                placeholder="Filter by alias, subject, issuer or fingerprint"
                aria-label="Filter entries by alias, subject, issuer or fingerprint"
                aria-controls={`${idPrefix}-grid`}
                spellCheck={false}
                autoComplete="off"
              />
              {filter ? (
                <button type="button" className="filter-clear" aria-label="Clear the filter" onClick={() => setFilter('')}>
                  <CloseIcon />
                </button>
              ) : (
                <kbd className="shortcut-hint" aria-hidden="true">
                  {shortcutLabel('F')}
                </kbd>
              )}
            </div>
            <span className="entry-count" aria-live="polite">
              {countText}
            </span>
            {editable && chosen.length > 1 && !detailsOpen ? (
              <button type="button" className="button quiet danger-text" onClick={() => startDelete()} title="Delete the selected entries (Delete)">
                <TrashIcon className="icon-sm" />
                Delete {chosen.length.toLocaleString('en-US')}…
              </button>
            ) : null}
            <ColumnChooser layout={columns.layout} onToggle={columns.toggle} onReset={columns.reset} />
            <button
              type="button"
              className={detailsOpen ? 'icon-button toggled' : 'icon-button'}
              aria-pressed={detailsOpen}
              aria-label="Show the details pane"
              title="Details pane"
              onClick={() => setDetailsOpen((o) => !o)}
            >
              <PanelIcon />
            </button>
          </div>
          <div
            ref={frameRef}
            className="grid-frame"
            id={`${idPrefix}-grid`}
            onKeyDown={(event) => {
              if (event.key === 'Delete' || (event.key === 'Backspace' && hasCommandKey(event))) startDelete();
              else if (event.key === 'F2') startRename();
              else if (hasCommandKey(event) && !event.shiftKey && event.key.toLowerCase() === 'z' && tab.view.undoable && onUndo) onUndo(tab.storeId);
              else if (hasCommandKey(event) && !event.shiftKey && event.key.toLowerCase() === 'c' && clipboard) copyEntries();
              else if (hasCommandKey(event) && !event.shiftKey && event.key.toLowerCase() === 'v' && clipboard) pasteEntries();
              else return;
              event.preventDefault();
            }}
          >
            <EntryTable
              idPrefix={idPrefix}
              label={`Entries of ${baseName(tab.view.file)}`}
              rows={visible}
              selection={selection}
              sort={sort}
              onSort={onSort}
              onSelect={setSelection}
              onOpen={open}
              onContextMenu={(x, y) => setMenu({ x, y })}
              dragPayload={clipboard ? (index) => JSON.stringify(copiedFrom(chosen.includes(index) ? chosen : [index])) : undefined}
              gridRef={gridRef}
              layout={columns.layout}
              onResize={columns.resize}
              emptyMessage={rows.length === 0 ? 'This store has no entries.' : deferredFilter.trim() ? `No entries match “${deferredFilter.trim()}”.` : 'No entries match the expiry filter.'}
            />
          </div>
        </div>
        {detailsOpen ? (
          <>
            <Splitter width={paneWidth} min={PANE_MIN} max={PANE_MAX} onResize={setPaneWidth} controls={detailsId} />
            <div className="details-frame" id={detailsId} style={{ width: paneWidth }}>
              {chosen.length > 1 ? (
                <SelectionPane
                  entries={chosen.flatMap((index) => (tab.view.entries[index] ? [{ index, entry: tab.view.entries[index] }] : []))}
                  now={now}
                  onShow={open}
                  onExport={onExport && chosenEntries ? () => onExport(tab.storeId, chosenEntries) : undefined}
                  onDelete={editable ? () => startDelete() : undefined}
                  onClose={closeDetails}
                />
              ) : (
                <DetailsPane
                  storeId={tab.storeId}
                  index={selectedEntry ? selected : null}
                  entry={selectedEntry}
                  onSelectAlias={selectAlias}
                  onClose={closeDetails}
                  onCopyError={onCopyError}
                  actions={
                    editable ? <EntryActionButtons view={tab.view} onRename={startRename} onDelete={() => startDelete(selected === null ? [] : [selected])} /> : undefined
                  }
                />
              )}
            </div>
          </>
        ) : null}
      </div>
      {menu && menuEntries().length > 0 ? <ContextMenu x={menu.x} y={menu.y} label={`Entries of ${baseName(tab.view.file)}`} entries={menuEntries()} onClose={closeMenu} /> : null}
      {edit?.kind === 'rename' ? (
        <RenameEntryDialog storeId={tab.storeId} view={tab.view} index={edit.index} alias={edit.alias} onDone={edited} onCancel={() => setEdit(null)} />
      ) : edit?.kind === 'delete' ? (
        <DeleteEntriesDialog storeId={tab.storeId} view={tab.view} indexes={edit.indexes} onDone={edited} onCancel={() => setEdit(null)} />
      ) : null}
    </section>
  );
}
