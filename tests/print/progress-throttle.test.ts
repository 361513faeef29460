/**
 * The print worker's progress thinning (electron/print/progress-throttle.ts): a change of phase or
 * volume goes at once (after the held report of the stage it ends); pages and items at most one
 * report per IN_ITEM_REPORT_MS, the latest sent when its turn comes or by flush(): none is lost.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IN_ITEM_REPORT_MS, progressThrottle } from '../../electron/print/progress-throttle';
import type { PrintProgress } from '../../electron/print/print-result';

const at = (over: Partial<PrintProgress>): PrintProgress => ({ phase: 'building', itemsDone: 0, itemsTotal: 300, pagesDone: 0, itemPagesDone: 0, itemFraction: 0, volume: 1, volumes: 2, ...over });
const stage = (p: PrintProgress) => `${p.phase}/${p.volume}/${p.itemsDone}/${p.itemPagesDone}`;

describe('progressThrottle', () => {
  beforeEach(() => { vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }); });
  afterEach(() => { vi.useRealTimers(); });

  it('sends pages and items at most once per interval, the latest when its turn comes', () => {
    const sent: PrintProgress[] = [];
    const throttle = progressThrottle((p) => sent.push(p));
    // 300 small items done in 300 ms, one per millisecond.
    for (let item = 1; item <= 300; item++) { vi.advanceTimersByTime(1); throttle.report(at({ itemsDone: item })); }
    expect(sent.length).toBeLessThanOrEqual(300 / IN_ITEM_REPORT_MS + 1);
    expect(sent[0]!.itemsDone).toBe(1); // the first at once
    vi.advanceTimersByTime(IN_ITEM_REPORT_MS); // the one held back goes on its turn, without another report
    expect(sent.at(-1)!.itemsDone).toBe(300);
    const count = sent.length;
    vi.advanceTimersByTime(10 * IN_ITEM_REPORT_MS);
    expect(sent).toHaveLength(count); // nothing more was held
  });

  it('sends a change of volume or phase at once, and flush() sends what is held', () => {
    const sent: PrintProgress[] = [];
    const throttle = progressThrottle((p) => sent.push(p));
    throttle.report(at({ itemPagesDone: 1 }));
    throttle.report(at({ itemPagesDone: 2 })); // held
    throttle.report(at({ itemsDone: 5, volume: 2 }));
    throttle.report(at({ itemsDone: 9, volume: 2, phase: 'saving' }));
    throttle.report(at({ itemsDone: 10, volume: 2, phase: 'saving' })); // held
    // Each stage's last report goes before the next stage's first.
    expect(sent.map(stage)).toEqual(['building/1/0/1', 'building/1/0/2', 'building/2/5/0', 'saving/2/9/0']);
    throttle.flush();
    expect(sent.map(stage).at(-1)).toBe('saving/2/10/0');
    throttle.flush();
    vi.advanceTimersByTime(10 * IN_ITEM_REPORT_MS);
    expect(sent).toHaveLength(5);
  });
});
