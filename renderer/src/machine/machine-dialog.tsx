// "Trust stores on this machine": which store each Java application here really reads, and why (running
// JVMs, config files under a folder given, each JDK's default), each opened in one click; and a box to
// paste or drop a failure log into, which shows what `trustlens explain` makes of it.
import { useId, useState } from 'react';
import { ShieldQuestionIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';
import { Modal } from '../app/modal';
import { ExplainPanel } from './explain-panel';
import { StoresPanel } from './stores-panel';

export type MachineView = 'stores' | 'explain';

export interface MachineDialogProps {
  readonly initial: MachineView;
  readonly onCancel: () => void;
  /** Open a store in a tab; `password` for a JDK's own cacerts (its default one). */
  readonly onOpenStore: (path: string, password?: string) => void;
}

export function MachineDialog({ initial, onCancel, onOpenStore }: MachineDialogProps) {
  const id = useId();
  const [view, setView] = useState<MachineView>(initial);
  return (
    <Modal labelledBy={`${id}-title`} onCancel={onCancel} className="machine-modal">
      <div className="modal-body machine-body">
        <div className="machine-top">
          <ModalHeading titleId={`${id}-title`} icon={<ShieldQuestionIcon />} subtitle="Which trust store an application really reads, and why a handshake failed">
            Trust stores on this machine
          </ModalHeading>
          <div className="segmented" role="tablist" aria-label="View">
            <button type="button" role="tab" aria-selected={view === 'stores'} className={view === 'stores' ? 'segment selected' : 'segment'} onClick={() => setView('stores')}>
              Stores in use
            </button>
            <button type="button" role="tab" aria-selected={view === 'explain'} className={view === 'explain' ? 'segment selected' : 'segment'} onClick={() => setView('explain')}>
              Explain a log
            </button>
          </div>
        </div>
        <div className="machine-content" role="tabpanel">
          {view === 'stores' ? <StoresPanel onOpenStore={onOpenStore} /> : <ExplainPanel onOpenStore={onOpenStore} />}
        </div>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
