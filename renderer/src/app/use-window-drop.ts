// Files (and URLs) dropped anywhere on the window. Dragging over the window never navigates away:
// dragover and drop are cancelled at window level, whatever is under the pointer.
import { useEffect, useRef, useState } from 'react';
import { ENTRY_DRAG_TYPE } from '../explorer/entry-clipboard';

export interface WindowDropHandlers {
  /** `target`: the element the files were dropped on (a store's table offers to import them). */
  readonly onFiles: (files: readonly File[], target: EventTarget | null) => void;
  readonly onText: (text: string) => void;
}

function carriesSomethingWeTake(transfer: DataTransfer | null): boolean {
  if (!transfer) return false;
  const types = Array.from(transfer.types);
  return types.includes('Files') || types.includes('text/uri-list');
}

/** Returns whether a drag is over the window (to show the drop overlay). */
export function useWindowDrop(handlers: WindowDropHandlers): boolean {
  const [dragging, setDragging] = useState(false);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  }, [handlers]);

  useEffect(() => {
    let depth = 0;
    const onDragEnter = (event: DragEvent) => {
      event.preventDefault();
      if (!carriesSomethingWeTake(event.dataTransfer)) return;
      depth++;
      setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      // Entries dragged between stores: a store's tab under the pointer has taken them (cancelled the event).
      if (event.dataTransfer?.types.includes(ENTRY_DRAG_TYPE) && event.defaultPrevented) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = carriesSomethingWeTake(event.dataTransfer) ? 'copy' : 'none';
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesSomethingWeTake(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const transfer = event.dataTransfer;
      if (!transfer) return;
      const files = Array.from(transfer.files);
      if (files.length > 0) {
        latest.current.onFiles(files, event.target);
        return;
      }
      const uri = transfer.getData('text/uri-list').split(/\r?\n/).find((line) => line && !line.startsWith('#'));
      const text = (uri ?? transfer.getData('text/plain')).trim();
      if (text) latest.current.onText(text);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return dragging;
}
