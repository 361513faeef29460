/**
 * Called before a write whose answer goes into the cache: cancels the fetches of those queries
 * already in flight. They may have read the vault before the write and would answer after it,
 * putting the old state back on screen (a box just ticked unticks until the next refetch). A fetch
 * started after this is sent after the write, and the main process answers requests in order, so it
 * reads what the write wrote: it is left alone, whether it answers before or after the write does.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';

export async function cancelReadsInFlight(client: QueryClient, queryKey: QueryKey): Promise<void> {
  await client.cancelQueries({ queryKey });
}
