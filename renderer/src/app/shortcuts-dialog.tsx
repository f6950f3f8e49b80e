// Help ▸ Keyboard Shortcuts: the table of shortcuts.ts. In browser mode it says which keys the browser
// keeps for itself and the ones to use instead.
import { useId } from 'react';
import { DialogFooter } from '../ui/dialog-footer';
import { InfoIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';
import { Modal } from './modal';
import { SHORTCUTS, platformKeys } from './shortcuts';

export function ShortcutsDialog({ browserMode, onClose }: { readonly browserMode: boolean; readonly onClose: () => void }) {
  const id = useId();
  const kept = SHORTCUTS.filter((s) => s.browser);
  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-text`} onCancel={onClose} className="shortcuts-dialog">
      <div className="modal-body">
      <ModalHeading titleId={`${id}-title`} icon={<InfoIcon />}>
        Keyboard shortcuts
      </ModalHeading>
      <p id={`${id}-text`} className="modal-text">
        {browserMode
          ? `The browser keeps ${kept.map((s) => platformKeys(s.keys)).join(', ')} for its own tabs; in this window use ${kept.map((s) => platformKeys(s.browser!)).join(', ')} instead.`
          : 'Ctrl is ⌘ on macOS.'}
      </p>
      <table className="shortcuts-table">
        <thead>
          <tr>
            <th scope="col">Keys</th>
            {browserMode ? <th scope="col">In the browser</th> : null}
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{platformKeys(s.keys)}</kbd>
              </td>
              {browserMode ? <td>{s.browser ? <kbd>{platformKeys(s.browser)}</kbd> : <span className="muted">the same</span>}</td> : null}
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <DialogFooter error={null} onCancel={onClose} cancelLabel="Close" />
      </div>
    </Modal>
  );
}
