/**
 * The print worker's progress thinning (electron/print/progress-throttle.ts): every change of phase,
 * volume or item goes through; within an item, at most one report per IN_ITEM_REPORT_MS.
 */
import { describe, expect, it } from 'vitest';
import { IN_ITEM_REPORT_MS, progressThrottle } from '../../electron/print/progress-throttle';
import type { PrintProgress } from '../../electron/print/print-result';

const at = (over: Partial<PrintProgress>): PrintProgress => ({ phase: 'building', itemsDone: 0, itemsTotal: 3, pagesDone: 0, itemPagesDone: 0, itemFraction: 0, volume: 1, volumes: 1, ...over });

describe('progressThrottle', () => {
  it('passes every step change and thins the pages of one item to one per interval', () => {
    let clock = 0;
    const sent: PrintProgress[] = [];
    const report = progressThrottle((p) => sent.push(p), () => clock);
    // 300 pages of item 0, one per millisecond: one report per IN_ITEM_REPORT_MS.
    for (let page = 1; page <= 300; page++) { clock = page; report(at({ pagesDone: page, itemPagesDone: page })); }
    expect(sent.map((p) => p.itemPagesDone)).toEqual([1, 1 + IN_ITEM_REPORT_MS, 1 + 2 * IN_ITEM_REPORT_MS]);
    // The next item, a new volume and the finishing phase pass at once, whatever the clock.
    report(at({ itemsDone: 1, pagesDone: 300 }));
    report(at({ itemsDone: 1, pagesDone: 300, volume: 2 }));
    report(at({ itemsDone: 3, pagesDone: 300, volume: 2, phase: 'saving' }));
    expect(sent.slice(3).map((p) => `${p.phase}/${p.volume}/${p.itemsDone}`)).toEqual(['building/1/1', 'building/2/1', 'saving/2/3']);
  });
});
