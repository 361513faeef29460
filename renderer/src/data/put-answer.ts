/**
 * Puts a write's answer in the cache. A fetch of the same key already in flight may have read the vault
 * before the write; it would land after this answer and put the old state back on screen (a ticked box
 * unticks until the next refetch), so it is cancelled first.
 */
import type { QueryClient, QueryKey, Updater } from '@tanstack/react-query';

export async function putAnswer<T>(client: QueryClient, queryKey: QueryKey, value: Updater<T | undefined, T | undefined>): Promise<void> {
  await client.cancelQueries({ queryKey, exact: true });
  client.setQueryData<T>(queryKey, value);
}
