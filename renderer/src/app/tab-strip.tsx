// Tabs for the open stores. Arrow keys move between tabs; Delete, the ×, a middle click or
// Ctrl/Cmd+W close one.
import type { KeyboardEvent } from 'react';
import { FORMAT_LABELS } from '../ui/format';
import { CloseIcon, PlusIcon } from '../ui/icons';
import type { StoreTab } from './store-tabs';

export interface TabStripProps {
  readonly tabs: readonly StoreTab[];
  readonly activeId: string | null;
  readonly onActivate: (storeId: string) => void;
  readonly onClose: (storeId: string) => void;
  readonly onOpen: () => void;
}

export const tabId = (storeId: string) => `tab-${storeId}`;
export const panelId = (storeId: string) => `panel-${storeId}`;

export function TabStrip({ tabs, activeId, onActivate, onClose, onOpen }: TabStripProps) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((t) => t.storeId === activeId);
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
    const storeId = target.storeId;
    onActivate(storeId);
    document.getElementById(tabId(storeId))?.focus();
  }

  return (
    <nav className="tab-bar" aria-label="Open stores">
      <div className="tab-list" role="tablist" aria-label="Open stores" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const active = tab.storeId === activeId;
          return (
            <div
              key={tab.storeId}
              className={active ? 'tab active' : 'tab'}
              onMouseDown={(event) => {
                if (event.button === 1) event.preventDefault(); // no autoscroll cursor
              }}
              onAuxClick={(event) => {
                if (event.button === 1) {
                  event.preventDefault();
                  onClose(tab.storeId);
                }
              }}
            >
              <button
                type="button"
                role="tab"
                id={tabId(tab.storeId)}
                aria-selected={active}
                aria-controls={panelId(tab.storeId)}
                tabIndex={active ? 0 : -1}
                className="tab-label"
                title={tab.view.file}
                onClick={() => onActivate(tab.storeId)}
              >
                <span className="tab-title">{tab.title}</span>
                <span className="tab-format">{FORMAT_LABELS[tab.view.format]}</span>
              </button>
              <button type="button" className="tab-close" tabIndex={-1} aria-label={`Close ${tab.title}`} title="Close" onClick={() => onClose(tab.storeId)}>
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
