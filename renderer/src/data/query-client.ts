/**
 * The window's one query cache. Answers stay fresh until the main side says otherwise (`data.changed`,
 * `sync.status`), so nothing polls and nothing refetches on focus.
 */
import { QueryClient } from '@tanstack/react-query';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Bridge errors are answers (locked, invalid, not found), not flaky transport: never retried blindly.
      queries: { retry: false, staleTime: Infinity, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}
