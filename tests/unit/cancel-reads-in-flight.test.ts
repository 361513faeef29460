/**
 * A write's answer put in the cache stays there when a fetch of the same query, started before the
 * write was sent, answers after it with what the vault held before (the ticked box that unticked);
 * and a fetch started after the write was sent (its own data.changed, which in Electron arrives
 * before the reply) keeps its newer answer.
 */
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { cancelReadsInFlight } from '../../renderer/src/data/cancel-reads-in-flight';

const KEY = ['requests.list', { caseId: 1 }] as const;
const settle = () => new Promise((r) => setTimeout(r, 10));

/** A client whose query on KEY is watched (as on screen) and whose fetches answer when the test says. */
async function watchedQuery() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const answers: Array<(v: string) => void> = [];
  const observer = new QueryObserver<string>(client, { queryKey: KEY, queryFn: () => new Promise<string>((resolve) => answers.push(resolve)) });
  const off = observer.subscribe(() => undefined);
  answers[0]!('first');
  await expect.poll(() => client.getQueryData(KEY)).toBe('first');
  /** A write: cancel (or not), send, get the answer, put it in the cache. */
  const write = async (answer: string, { cancel = true, beforeReply = () => undefined }: { cancel?: boolean; beforeReply?: () => void } = {}) => {
    if (cancel) await cancelReadsInFlight(client, ['requests.list']);
    beforeReply();
    client.setQueryData(KEY, answer);
  };
  return { client, answers, off, write };
}

describe('cancelReadsInFlight', () => {
  it('a fetch that started before the write does not put the old state back after the write’s answer', async () => {
    const { client, answers, off, write } = await watchedQuery();
    void client.invalidateQueries({ queryKey: KEY }); // a refetch in flight, reading before the write
    expect(answers).toHaveLength(2);
    await write('after the write');
    answers[1]!('before the write');
    await settle();
    expect(client.getQueryData(KEY)).toBe('after the write');
    off();
  });

  it('without it the stale answer wins (what the guard is for)', async () => {
    const { client, answers, off, write } = await watchedQuery();
    void client.invalidateQueries({ queryKey: KEY });
    await write('after the write', { cancel: false });
    answers[1]!('before the write');
    await settle();
    expect(client.getQueryData(KEY)).toBe('before the write');
    off();
  });

  it('a fetch started by the write’s own data.changed, before its reply, keeps its answer', async () => {
    const { client, answers, off, write } = await watchedQuery();
    // The event arrives before the reply (Electron sends it from inside the handler): a refetch that
    // reads after the write, and may see a later change too.
    await write('the write’s answer', { beforeReply: () => void client.invalidateQueries({ queryKey: KEY }) });
    expect(answers).toHaveLength(2);
    answers[1]!('read after the write, with a later sync change');
    await expect.poll(() => client.getQueryData(KEY)).toBe('read after the write, with a later sync change');
    off();
  });
});
