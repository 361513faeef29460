/**
 * Thins a print's progress to what a window shows. The build reports every page; the print worker
 * sends on every change of phase, volume or item, and progress inside an item at most every
 * IN_ITEM_REPORT_MS. Thinned in the worker, not the main thread: the worker runs at background
 * priority, and each message it posts wakes the main thread (threads/background-priority.ts says what
 * that can cost); a 519-page case sent 519 progress messages, now a few dozen.
 */
import type { PrintProgress } from './print-result';

/** Gaps between in-item progress reports passed on (a window needs ~10 a second). */
export const IN_ITEM_REPORT_MS = 100;

/** Wraps `send`: every change of phase, volume or items done, and in-item progress at most every IN_ITEM_REPORT_MS. */
export function progressThrottle(send: (p: PrintProgress) => void, now: () => number = () => performance.now()): (p: PrintProgress) => void {
  let lastStep = '';
  let lastAt = -Infinity;
  return (p) => {
    const step = `${p.phase}/${p.volume}/${p.itemsDone}`;
    const at = now();
    if (step === lastStep && at - lastAt < IN_ITEM_REPORT_MS) return;
    lastStep = step;
    lastAt = at;
    send(p);
  };
}
