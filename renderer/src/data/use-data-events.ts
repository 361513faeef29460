/**
 * Main-side events drive the cache: `data.changed` invalidates what depends on the cases it names
 * (and patches the case list with their summaries, read here through the bridge: see case-list-update.ts),
 * `sync.status` replaces the status entry, and a lock drops every answer that holds taxpayer data from
 * this window's memory. Only queries on screen refetch; the rest refetch when next shown.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useBridge } from '../bridge/BridgeContext';
import type { ChannelName } from '../../../shared/ipc/contract';
import { unwrap } from './bridge-error';
import { applyDataChanged } from './invalidation';
import { queryKeys, VAULT_CHANNELS } from './query-keys';

export function useDataEvents(): void {
  const bridge = useBridge();
  const client = useQueryClient();
  useEffect(() => {
    const offs = [
      bridge.on('data.changed', (change) => applyDataChanged(client, change, (caseIds) => unwrap(bridge.cases.summaries({ caseIds })))),
      bridge.on('sync.status', (status) => client.setQueryData(queryKeys.sync, status)),
      bridge.on('session.locked', () => {
        client.removeQueries({ predicate: (q) => VAULT_CHANNELS.has(q.queryKey[0] as ChannelName) });
        void client.invalidateQueries({ queryKey: queryKeys.vault });
      }),
    ];
    return () => { for (const off of offs) off(); };
  }, [bridge, client]);
}
