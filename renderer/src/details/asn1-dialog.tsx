// The ASN.1 view of a certificate (KeyStore Explorer's ASN.1 button): the element tree with offsets,
// lengths, tags and decoded values beside a hex dump in which the chosen element's bytes are marked.
// The tree comes from the main process (certificateAsn1); this only renders it.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Asn1Element, CertificateAsn1 } from '../../../shared/model/asn1';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { Modal } from '../app/modal';
import { FieldError } from '../ui/dialog-footer';
import { CertificateIcon } from '../ui/icons';
import { ModalHeading } from '../ui/modal-heading';

const BYTES_PER_ROW = 16;
/** Levels opened when the view appears: the certificate, its three parts and the TBS fields. */
const OPEN_DEPTH = 2;

function elementKey(e: Asn1Element): string {
  return `${e.offset}:${e.depth}:${e.encapsulated ? 'e' : ''}`;
}

function Asn1Node({ node, chosen, onChoose }: { readonly node: Asn1Element; readonly chosen: Asn1Element | null; readonly onChoose: (e: Asn1Element) => void }) {
  const [open, setOpen] = useState(node.depth < OPEN_DEPTH);
  const children = node.children ?? [];
  const selected = chosen !== null && elementKey(chosen) === elementKey(node);
  return (
    <li role="treeitem" aria-expanded={children.length ? open : undefined} aria-selected={selected}>
      <div className={selected ? 'asn1-row selected' : 'asn1-row'}>
        {children.length ? (
          <button type="button" className="asn1-toggle" aria-label={open ? 'Collapse' : 'Expand'} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="asn1-toggle" aria-hidden="true" />
        )}
        <button type="button" className="asn1-element" onClick={() => onChoose(node)}>
          <span className="asn1-offset mono">{node.offset}</span>
          <span className={node.encapsulated ? 'asn1-tag encapsulated' : 'asn1-tag'}>{node.tag}</span>
          <span className="asn1-length mono">
            hl={node.headerLength} l={node.length}
          </span>
          {node.value !== undefined ? <span className="asn1-value mono">{node.value}</span> : null}
        </button>
      </div>
      {children.length && open ? (
        <ul role="group">
          {children.map((child) => (
            <Asn1Node key={elementKey(child)} node={child} chosen={chosen} onChoose={onChoose} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** 16 bytes a row, never broken inside a byte; the chosen element's bytes marked. */
function HexDump({ der, chosen }: { readonly der: Uint8Array; readonly chosen: Asn1Element | null }) {
  const rows = useMemo(() => {
    const out: { offset: number; bytes: number[] }[] = [];
    for (let at = 0; at < der.length; at += BYTES_PER_ROW) out.push({ offset: at, bytes: Array.from(der.subarray(at, at + BYTES_PER_ROW)) });
    return out;
  }, [der]);
  const from = chosen?.offset ?? -1;
  const to = chosen ? chosen.offset + chosen.headerLength + chosen.length : -1;
  const dump = useRef<HTMLDivElement>(null);
  // The chosen element's first bytes are brought into view.
  useEffect(() => {
    if (from >= 0) dump.current?.children[Math.floor(from / BYTES_PER_ROW)]?.scrollIntoView({ block: 'nearest' });
  }, [from]);
  return (
    <div ref={dump} className="asn1-hex mono" tabIndex={0} aria-label="Hex dump of the certificate">
      {rows.map((row) => (
        <div key={row.offset} className="hex-row">
          <span className="hex-offset">{row.offset.toString(16).padStart(4, '0')}</span>
          <span className="hex-bytes">
            {row.bytes.map((b, i) => {
              const at = row.offset + i;
              const mark = at >= from && at < to ? (at < from + (chosen?.headerLength ?? 0) ? 'hex-byte header' : 'hex-byte content') : 'hex-byte';
              return (
                <span key={i} className={mark}>
                  {b.toString(16).padStart(2, '0').toUpperCase()}
                </span>
              );
            })}
          </span>
        </div>
      ))}
    </div>
  );
}

export interface Asn1DialogProps {
  readonly storeId: string;
  readonly index: number;
  readonly position: number;
  readonly title: string;
  readonly onClose: () => void;
}

export function Asn1Dialog({ storeId, index, position, title, onClose }: Asn1DialogProps) {
  const id = useId();
  const [result, setResult] = useState<CertificateAsn1 | { error: string } | null>(null);
  const [chosen, setChosen] = useState<Asn1Element | null>(null);
  useEffect(() => {
    let live = true;
    api.certificateAsn1({ storeId, index, certificate: position }).then(
      (asn1) => live && setResult(asn1),
      (failure: unknown) => live && setResult({ error: errorMessage(failure) }),
    );
    return () => {
      live = false;
    };
  }, [storeId, index, position]);
  return (
    <Modal labelledBy={`${id}-title`} onCancel={onClose} className="asn1-dialog">
      <div className="modal-body">
        <ModalHeading titleId={`${id}-title`} icon={<CertificateIcon />} subtitle={result && 'der' in result ? `${result.der.length} bytes of DER` : undefined}>
          ASN.1 of {title}
        </ModalHeading>
        {result === null ? (
          <div className="import-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            Reading…
          </div>
        ) : 'error' in result ? (
          <FieldError message={result.error} />
        ) : (
          <div className="asn1-panes">
            <ul className="asn1-tree" role="tree" aria-label="ASN.1 elements">
              <Asn1Node node={result.tree} chosen={chosen} onChoose={setChosen} />
            </ul>
            <HexDump der={result.der} chosen={chosen} />
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
