// Tabs for the open stores and the servers being probed. Arrow keys move between tabs; Delete, the ×,
// a middle click, Ctrl/Cmd+W or Alt+W close one. A store with unsaved changes shows a dot. With more tabs than
// room the strip scrolls, keeping the tab in front in view. Entries dragged from a table drop onto a store's tab.
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { ENTRY_DRAG_TYPE } from '../explorer/entry-clipboard';
import { CloseIcon, GlobeIcon, PlusIcon } from '../ui/icons';
import { tabTitleParts } from './tab-title';

/** The title, its distinguishing end (a port, a file name's end) kept when the tab is narrow. */
function TabTitle({ title, kind }: { readonly title: string; readonly kind: 'store' | 'probe' }) {
  const [head, tail] = tabTitleParts(title, kind);
  return (
    <span className="tab-title">
      {/* Two flex items would be read as two words ("trust-only-lig ht.jks"): the name is read whole. */}
      <span className="tab-title-head" aria-hidden="true">
        {head}
      </span>
      {tail ? (
        <span className="tab-title-tail" aria-hidden="true">
          {tail}
        </span>
      ) : null}
      <span className="sr-only">{title}</span>
    </span>
  );
}

/** One tab as the strip draws it; `id` is a store id or a probe tab id. */
export interface TabItem {
  readonly id: string;
  readonly kind: 'store' | 'probe';
  readonly title: string;
  /** A short tag after the title: the store's format, or "TLS". */
  readonly badge: string;
  /** The full name (a path or a URL) shown on hover. */
  readonly tooltip: string;
  readonly dirty?: boolean;
}

export interface TabStripProps {
  readonly tabs: readonly TabItem[];
  readonly activeId: string | null;
  readonly onActivate: (id: string) => void;
  readonly onClose: (id: string) => void;
  readonly onOpen: () => void;
  /** Entries dragged from a store's table were dropped on the store tab `id` (the drag's data, as given). */
  readonly onDropEntries?: (id: string, data: string) => void;
}

export const tabId = (id: string) => `tab-${id}`;
export const panelId = (id: string) => `panel-${id}`;

export function TabStrip({ tabs, activeId, onActivate, onClose, onOpen, onDropEntries }: TabStripProps) {
  const list = useRef<HTMLDivElement>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const takesEntries = (event: DragEvent, tab: TabItem) => onDropEntries !== undefined && tab.kind === 'store' && event.dataTransfer.types.includes(ENTRY_DRAG_TYPE);
  // The tab in front is always in view, whichever way it came there (opened, chosen, the keyboard).
  useEffect(() => {
    if (activeId) document.getElementById(tabId(activeId))?.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeId, tabs.length]);
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((t) => t.id === activeId);
    let next = -1;
    if (event.key === 'ArrowRight') next = (at + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (at - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    else if (event.key === 'Delete' && activeId) {
      event.preventDefault();
      onClose(activeId);
      return;
    }
    const target = tabs[next];
    if (!target) return;
    event.preventDefault();
    onActivate(target.id);
    document.getElementById(tabId(target.id))?.focus();
  }

  return (
    <nav className="tab-bar" aria-label="Open stores and servers">
      <div
        ref={list}
        className="tab-list"
        role="tablist"
        aria-label="Open stores and servers"
        onKeyDown={onKeyDown}
        onWheel={(event) => {
          // A mouse wheel scrolls the strip sideways when it has more tabs than room.
          if (event.deltaY !== 0 && event.deltaX === 0 && list.current) list.current.scrollLeft += event.deltaY;
        }}
      >
        {tabs.map((tab) => {
          const active = tab.id === activeId;
          return (
            <div
              key={tab.id}
              className={`tab${active ? ' active' : ''}${tab.kind === 'probe' ? ' tab-probe' : ''}${tab.dirty ? ' dirty' : ''}${dropTarget === tab.id ? ' drop-target' : ''}`}
              onDragOver={(event) => {
                if (!takesEntries(event, tab)) return;
                event.preventDefault();
                event.dataTransfer.dropEffect = 'copy';
                setDropTarget(tab.id);
              }}
              onDragLeave={() => setDropTarget((current) => (current === tab.id ? null : current))}
              onDrop={(event) => {
                setDropTarget(null);
                if (!takesEntries(event, tab)) return;
                event.preventDefault();
                onDropEntries?.(tab.id, event.dataTransfer.getData(ENTRY_DRAG_TYPE));
              }}
              onMouseDown={(event) => {
                if (event.button === 1) event.preventDefault(); // no autoscroll cursor
              }}
              onAuxClick={(event) => {
                if (event.button === 1) {
                  event.preventDefault();
                  onClose(tab.id);
                }
              }}
            >
              <button
                type="button"
                role="tab"
                id={tabId(tab.id)}
                aria-selected={active}
                aria-controls={panelId(tab.id)}
                tabIndex={active ? 0 : -1}
                className="tab-label"
                title={tab.dirty ? `${tab.tooltip} (unsaved changes)` : tab.tooltip}
                onClick={() => onActivate(tab.id)}
              >
                {tab.kind === 'probe' ? <GlobeIcon className="icon-sm tab-icon" /> : null}
                <TabTitle title={tab.title} kind={tab.kind} />
                {tab.dirty ? (
                  <>
                    <span className="tab-dirty" aria-hidden="true" />
                    <span className="sr-only">(unsaved changes)</span>
                  </>
                ) : null}
                <span className="tab-format">{tab.badge}</span>
              </button>
              <button type="button" className="tab-close" tabIndex={-1} aria-label={`Close ${tab.title}`} title="Close" onClick={() => onClose(tab.id)}>
                <CloseIcon />
              </button>
            </div>
          );
        })}
      </div>
      <button type="button" className="tab-new" aria-label="Open another store" title="Open another store" onClick={onOpen}>
        <PlusIcon />
      </button>
    </nav>
  );
}
