// The full-window veil shown while something is dragged over the window.
import { DropIcon } from '../ui/icons';

export function DropOverlay({ visible }: { readonly visible: boolean }) {
  return (
    <div className={visible ? 'drop-overlay visible' : 'drop-overlay'} aria-hidden="true">
      <div className="drop-overlay-frame">
        <DropIcon className="drop-overlay-icon" />
        <p className="drop-overlay-title">Drop a trust store, certificate or URL here</p>
        <p className="drop-overlay-text">Files open in new tabs</p>
      </div>
    </div>
  );
}
