/** The router's output check: long lists are checked in slices with the same verdicts as one pass. */
import { expect, it } from 'vitest';
import { z } from 'zod';
import { checkOutput } from '../../electron/ipc/check-output';

const Row = z.object({ id: z.number().int().positive(), name: z.string() });
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `case ${i + 1}`, extra: 'dropped' }));

it('passes a long valid list whole and in order, stripped like one pass', async () => {
  const r = await checkOutput(z.array(Row), rows(1_234));
  expect(r.success).toBe(true);
  expect(r.data).toEqual(z.array(Row).parse(rows(1_234)));
});

it('refuses a long list whose bad row is in a later slice', async () => {
  const bad = rows(1_234);
  (bad[1_100] as { id: number }).id = -1;
  expect((await checkOutput(z.array(Row), bad)).success).toBe(false);
});

it('lets the event loop run between slices of a long list', async () => {
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 0);
  const pending = checkOutput(z.array(Row), rows(50_000));
  await pending;
  clearInterval(timer);
  expect(ticks).toBeGreaterThan(0);
});

it('keeps the array schema\'s own length checks', async () => {
  expect((await checkOutput(z.array(Row).max(1_000), rows(1_234))).success).toBe(false);
});
