/**
 * `cases.summaries` at the trust boundary: the router lets through only 1 to 500 different positive
 * integer case ids in `{ caseIds }`, and answers only what the contract's case summary allows.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createIpcRouter, type Handlers, type SenderInfo } from '../../electron/ipc/router';
import { listChannels } from '../../shared/ipc/contract';
import { MAX_CASE_SUMMARIES, type CaseSummary } from '../../shared/ipc/workspace-schemas';

const ORIGIN = 'app://scoic';
const fromApp: SenderInfo = { url: `${ORIGIN}/index.html`, isMainFrame: true };

const summary = (id: number): CaseSummary => ({
  id, offerNumber: `DEMO-${String(10000 + id).padStart(10, '0')}`, taxpayerName: `Taxpayer ${id}`, tinMasked: '***-**-4321', status: 'open',
  assignedRole: 'OE', unread: 1, messages: 2, pendingDownloads: 0, lastActivityAt: '2025-04-21T14:03:00.000Z',
});

function setup(answer: (caseIds: number[]) => unknown = (caseIds) => caseIds.filter((id) => id !== 13).map(summary)) {
  const asked: number[][] = [];
  const unused = Object.fromEntries(listChannels().map(([name]) => [name, () => { throw new AppError('E_UNUSED_IN_TEST', name); }])) as unknown as Handlers;
  const handlers: Handlers = {
    ...unused,
    'cases.summaries': ({ caseIds }) => { asked.push(caseIds); return answer(caseIds) as CaseSummary[]; },
  };
  const internal: string[] = [];
  return { router: createIpcRouter({ handlers, allowedOrigins: [ORIGIN], onInternalError: (c) => internal.push(c) }), asked, internal };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('cases.summaries', () => {
  it('passes 1 to 500 different case ids to the service and answers the cases it found', async () => {
    const { router, asked } = setup();
    expect(await router.dispatch('cases.summaries', { caseIds: [12, 13, 14] }, fromApp)).toEqual({ ok: true, value: [summary(12), summary(14)] });
    expect((await router.dispatch('cases.summaries', { caseIds: range(MAX_CASE_SUMMARIES) }, fromApp)).ok).toBe(true);
    expect(asked.map((ids) => ids.length)).toEqual([3, 500]);
  });

  it('refuses anything else with E_INVALID_PAYLOAD, before the service', async () => {
    const { router, asked } = setup();
    const refused: unknown[] = [
      undefined, null, [1, 2], 'caseIds', { caseIds: 1 }, { caseIds: '1,2' }, { caseIds: {} },
      { caseIds: [] }, { caseIds: range(MAX_CASE_SUMMARIES + 1) },
      { caseIds: [-1] }, { caseIds: [0] }, { caseIds: [1.5] }, { caseIds: ['1'] }, { caseIds: [1, null] }, { caseIds: [Number.NaN] },
      { caseIds: [3, 4, 3] }, // a case named twice
      { caseIds: [1], extra: true },
    ];
    for (const payload of refused) {
      expect(await router.dispatch('cases.summaries', payload, fromApp), JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    }
    expect(asked).toEqual([]);
  });

  it('does not answer rows that break the contract', async () => {
    const { router, internal } = setup((caseIds) => caseIds.map((id) => ({ ...summary(id), unread: -1 })));
    expect(await router.dispatch('cases.summaries', { caseIds: [1] }, fromApp)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    expect(internal).toEqual(['cases.summaries']);
  });
});
