/**
 * The window's query cache reads and writes while the laptop is offline (renderer/src/data/query-client.ts):
 * every call goes to the local vault over IPC, so none may wait for the network to come back.
 */
import { MutationObserver, QueryClient, QueryObserver, onlineManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../../renderer/src/data/query-client';

const within = <T>(promise: Promise<T>, ms = 500) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not settled in ${ms} ms`)), ms))]);

afterEach(() => onlineManager.setOnline(true));

describe('the query cache offline', () => {
  it('runs queries and mutations with no network, where TanStack\'s defaults would pause them', async () => {
    onlineManager.setOnline(false);
    const client = createQueryClient();
    const observer = new QueryObserver(client, { queryKey: ['cases.list'], queryFn: async () => ['case'] });
    const shown = new Promise((resolve) => { observer.subscribe((r) => { if (r.status === 'success') resolve(r.data); }); });
    expect(await within(shown)).toEqual(['case']);
    const mutation = new MutationObserver(client, { mutationFn: async (n: number) => n + 1 });
    expect(await within(mutation.mutate(1))).toBe(2);

    // The same with TanStack's defaults: paused until online (what this test guards against).
    const defaults = new QueryClient();
    const paused = new QueryObserver(defaults, { queryKey: ['cases.list'], queryFn: async () => ['case'] });
    let fetchStatus = '';
    paused.subscribe((r) => { fetchStatus = r.fetchStatus; });
    await new Promise((r) => setTimeout(r, 50));
    expect(fetchStatus).toBe('paused');
  });
});
