/**
 * The window's one query cache. Answers stay fresh until the main side says otherwise (`data.changed`,
 * `sync.status`), so nothing polls and nothing refetches on focus. Every read and write goes over IPC
 * to this laptop's vault, never the network, so none waits for the browser to be online: TanStack's
 * default (`networkMode: 'online'`) would pause them all while the laptop has no network, the very
 * time this app is for.
 */
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Bridge errors are answers (locked, invalid, not found), not flaky transport: never retried blindly.
      queries: { retry: false, staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false, networkMode: 'always' },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
