// Fetch an entry's details (api.entryDetails) for the selected row, with a small cache so moving back
// and forth through the table does not ask again, and stale replies are dropped.
import { useEffect, useState } from 'react';
import type { EntryDetails } from '../../../shared/model/details';
import { api } from '../api';
import { errorMessage } from '../api/remote-error';

const CACHE_LIMIT = 300;
const cache = new Map<string, EntryDetails>();

function remember(key: string, details: EntryDetails): void {
  cache.set(key, details);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
}

export interface DetailsState {
  readonly details: EntryDetails | null;
  readonly error: string | null;
  readonly loading: boolean;
}

/** Arrowing quickly through rows asks only for the one the selection settles on. */
const SETTLE_MS = 60;

export function useEntryDetails(storeId: string, index: number | null): DetailsState {
  const [reply, setReply] = useState<{ key: string; details?: EntryDetails; error?: string } | null>(null);
  const key = index === null ? null : `${storeId}:${index}`;

  useEffect(() => {
    if (key === null || index === null || cache.has(key)) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api.entryDetails({ storeId, index }).then(
        (details) => {
          remember(key, details);
          if (live) setReply({ key, details });
        },
        (error: unknown) => {
          if (live) setReply({ key, error: errorMessage(error) });
        },
      );
    }, SETTLE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, storeId, index]);

  if (key === null) return { details: null, error: null, loading: false };
  const details = cache.get(key) ?? (reply?.key === key ? (reply.details ?? null) : null);
  const error = reply?.key === key ? (reply.error ?? null) : null;
  return { details, error, loading: !details && !error };
}
