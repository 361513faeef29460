/**
 * A write's answer put in the cache stays there when a fetch of the same key, started before the
 * write, answers afterwards with what the vault held before it (the ticked box that unticked).
 */
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { putAnswer } from '../../renderer/src/data/put-answer';

const KEY = ['requests.list', { caseId: 1 }] as const;

/** A client whose query on KEY is being watched (as on screen) and answers when the test says so. */
function clientWithSlowRefetch() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const answers: Array<(v: string) => void> = [];
  const observer = new QueryObserver<string>(client, { queryKey: KEY, queryFn: () => new Promise<string>((resolve) => answers.push(resolve)) });
  const off = observer.subscribe(() => undefined);
  return { client, answers, off };
}

describe('putAnswer', () => {
  it('cancels a fetch that started before the write, so its stale answer does not replace the write’s', async () => {
    const { client, answers, off } = clientWithSlowRefetch();
    answers[0]!('first');
    await expect.poll(() => client.getQueryData(KEY)).toBe('first');

    void client.invalidateQueries({ queryKey: KEY });
    expect(answers).toHaveLength(2);
    await putAnswer(client, KEY, 'after the write');
    answers[1]!('before the write');
    await new Promise((r) => setTimeout(r, 10));
    expect(client.getQueryData(KEY)).toBe('after the write');
    off();
  });

  it('without the cancel the stale answer wins: the case this guards against', async () => {
    const { client, answers, off } = clientWithSlowRefetch();
    answers[0]!('first');
    await expect.poll(() => client.getQueryData(KEY)).toBe('first');

    void client.invalidateQueries({ queryKey: KEY });
    client.setQueryData(KEY, 'after the write');
    answers[1]!('before the write');
    await new Promise((r) => setTimeout(r, 10));
    expect(client.getQueryData(KEY)).toBe('before the write');
    off();
  });

  it('a fetch that starts after the write (the write’s own data.changed) answers normally', async () => {
    const { client, answers, off } = clientWithSlowRefetch();
    answers[0]!('first');
    await expect.poll(() => client.getQueryData(KEY)).toBe('first');

    await putAnswer(client, KEY, 'written');
    void client.invalidateQueries({ queryKey: KEY });
    answers[1]!('read after the write');
    await expect.poll(() => client.getQueryData(KEY)).toBe('read after the write');
    off();
  });
});
