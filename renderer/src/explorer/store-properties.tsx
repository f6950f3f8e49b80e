// The store's format-specific facts (view.properties), as a label/value list under its header.
import type { StoreProperty } from '../../../shared/model/keystore';
import { CloseIcon } from '../ui/icons';

export interface StorePropertiesProps {
  readonly id: string;
  readonly properties: readonly StoreProperty[];
  readonly onClose: () => void;
}

export function StoreProperties({ id, properties, onClose }: StorePropertiesProps) {
  return (
    <section
      id={id}
      className="store-properties"
      aria-label="Store properties"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <div className="store-properties-head">
        <h2 className="section-title">Store properties</h2>
        <button type="button" className="icon-button" aria-label="Close store properties" onClick={onClose}>
          <CloseIcon />
        </button>
      </div>
      {properties.length === 0 ? (
        <p className="muted">This format records nothing beyond its entries.</p>
      ) : (
        <dl className="property-grid">
          {properties.map((property, i) => (
            <div key={`${property.label}-${i}`} className="property">
              <dt>{property.label}</dt>
              <dd>{property.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
