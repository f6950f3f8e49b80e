// Certificate and keystore files chosen to import from (the CA mailed a root; `keytool -importcert -file`):
// picked or dropped in the Import dialog, several at once, in any format TrustLens reads. Each is opened
// by the main process as a session of its own (no tab), asked for its password where it needs one, and
// closed again when the import is done or abandoned. The renderer sees names and counts, never bytes back.
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { OpenResult } from '../../../shared/ipc';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';
import { baseName } from '../ui/format';

export type ChosenFile =
  | { readonly key: number; readonly name: string; readonly state: 'opening' }
  | { readonly key: number; readonly name: string; readonly state: 'opened'; readonly storeId: string; readonly count: number }
  | { readonly key: number; readonly name: string; readonly state: 'password'; readonly pendingId: string; readonly message: string }
  | { readonly key: number; readonly name: string; readonly state: 'failed'; readonly message: string };

/** The store ids of the files that opened, in the order chosen. */
export function openedStoreIds(files: readonly ChosenFile[]): string[] {
  return files.flatMap((f) => (f.state === 'opened' ? [f.storeId] : []));
}

export function closeFileSessions(files: readonly ChosenFile[]): void {
  for (const id of openedStoreIds(files)) void api.closeStore({ storeId: id }).catch(() => undefined);
}

async function openChosen(file: File): Promise<OpenResult> {
  const path = api.pathForFile(file);
  if (path) return api.openPath({ path });
  return api.openBytes({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}

function settled(key: number, name: string, result: OpenResult): ChosenFile {
  if (result.kind === 'needsPassword') return { key, name, state: 'password', pendingId: result.pendingId, message: result.message };
  const count = result.store.entries.reduce((n, e) => n + (e.leaf ? 1 : 0) + (e.chain?.length ?? 0), 0);
  return { key, name, state: 'opened', storeId: result.storeId, count };
}

/** The chosen files and what to do with them; `initial` comes back from a draft (the dialog's Back). */
export function useFileSources(initial: readonly ChosenFile[] = []) {
  const [files, setFiles] = useState<readonly ChosenFile[]>(initial);
  const nextKey = useRef(initial.reduce((n, f) => Math.max(n, f.key + 1), 1));
  const update = useCallback((key: number, next: ChosenFile) => setFiles((all) => all.map((f) => (f.key === key ? next : f))), []);

  const add = useCallback(
    (picked: readonly File[]) => {
      for (const file of picked) {
        const key = nextKey.current++;
        setFiles((all) => [...all, { key, name: file.name, state: 'opening' }]);
        openChosen(file).then(
          (result) => update(key, settled(key, file.name, result)),
          (failure: unknown) => update(key, { key, name: file.name, state: 'failed', message: errorMessage(failure) }),
        );
      }
    },
    [update],
  );

  const unlock = useCallback(
    (file: ChosenFile & { state: 'password' }, password: string) => {
      update(file.key, { key: file.key, name: file.name, state: 'opening' });
      api.unlock({ pendingId: file.pendingId, password }).then(
        (result) => update(file.key, settled(file.key, file.name, result)),
        (failure: unknown) => update(file.key, { key: file.key, name: file.name, state: 'failed', message: errorMessage(failure) }),
      );
    },
    [update],
  );

  const remove = useCallback((file: ChosenFile) => {
    if (file.state === 'opened') void api.closeStore({ storeId: file.storeId }).catch(() => undefined);
    setFiles((all) => all.filter((f) => f.key !== file.key));
  }, []);

  return { files, add, unlock, remove };
}

function PasswordRow({ file, onUnlock }: { readonly file: ChosenFile & { state: 'password' }; readonly onUnlock: (password: string) => void }) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  function submit(event: FormEvent | React.MouseEvent) {
    event.preventDefault();
    const value = field.current?.value ?? '';
    if (field.current) field.current.value = '';
    onUnlock(value);
  }
  return (
    <div className="file-source-password">
      <label className="sr-only" htmlFor={id}>
        Password of {file.name}
      </label>
      <input
        ref={field}
        id={id}
        className="text-input"
        type="password"
        autoComplete="off"
        placeholder="Password"
        onKeyDown={(event) => {
          if (event.key === 'Enter') submit(event as unknown as FormEvent);
        }}
      />
      <button type="button" className="button" onClick={submit}>
        Unlock
      </button>
    </div>
  );
}

function fileStatus(file: ChosenFile): string {
  switch (file.state) {
    case 'opening':
      return 'Reading…';
    case 'opened':
      return file.count === 1 ? '1 certificate' : `${file.count} certificates`;
    case 'password':
      return file.message;
    case 'failed':
      return file.message;
  }
}

export interface FileSourcePickerProps {
  readonly files: readonly ChosenFile[];
  readonly onAdd: (files: readonly File[]) => void;
  readonly onUnlock: (file: ChosenFile & { state: 'password' }, password: string) => void;
  readonly onRemove: (file: ChosenFile) => void;
  readonly inputRef?: React.Ref<HTMLButtonElement>;
}

/** A drop zone with a Choose files… button, and the chosen files with their state. */
export function FileSourcePicker({ files, onAdd, onUnlock, onRemove, inputRef }: FileSourcePickerProps) {
  const picker = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    // Taken here: the window's own drop handler would open the files as tabs.
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    const dropped = Array.from(event.dataTransfer.files);
    if (dropped.length) onAdd(dropped);
  };
  return (
    <div className="file-source">
      <div
        className={over ? 'file-drop over' : 'file-drop'}
        onDragOver={(event) => {
          event.preventDefault();
          event.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="import-file-drop"
      >
        <span>Drop certificate or keystore files here, or</span>
        <button ref={inputRef} type="button" className="button" onClick={() => picker.current?.click()}>
          Choose files…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          aria-label="Certificate or keystore files"
          onChange={(event) => {
            const chosen = Array.from(event.currentTarget.files ?? []);
            event.currentTarget.value = '';
            if (chosen.length) onAdd(chosen);
          }}
        />
        <span className="choice-hint">PEM, DER, PKCS#7, PKCS#12, JKS or JCEKS; every certificate they hold is offered.</span>
      </div>
      {files.length > 0 ? (
        <ul className="file-source-list" aria-label="Chosen files">
          {files.map((file) => (
            <li key={file.key} className={`file-source-item ${file.state}`}>
              <span className="file-source-name mono" title={file.name}>
                {baseName(file.name)}
              </span>
              <span className="file-source-status" role={file.state === 'failed' ? 'alert' : undefined}>
                {file.state === 'opening' ? <span className="spinner" aria-hidden="true" /> : null}
                {fileStatus(file)}
              </span>
              <button type="button" className="icon-button" aria-label={`Remove ${file.name}`} title="Remove" onClick={() => onRemove(file)}>
                ×
              </button>
              {file.state === 'password' ? <PasswordRow file={file} onUnlock={(password) => onUnlock(file, password)} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
