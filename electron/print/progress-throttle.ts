/**
 * Thins a print's progress to what a window shows. The build reports every page and every item; the
 * print worker sends a change of phase or volume at once and anything else at most every
 * IN_ITEM_REPORT_MS. The latest report is never lost: one held back is sent when its turn comes, when
 * the phase or volume changes (before the new one), or by `flush` before the result. Thinned in the
 * worker, not the main thread: the worker runs at background priority, and each message it posts
 * wakes the main thread (threads/background-priority.ts says what that can cost). A 519-page case posted 519 progress messages; a case of many small files
 * as many as it has files.
 */
import type { PrintProgress } from './print-result';

/** Least time between two reports within a phase and volume (a window needs ~10 a second). */
export const IN_ITEM_REPORT_MS = 100;

export interface ProgressThrottle {
  report: (progress: PrintProgress) => void;
  /** Sends the report held back, if any; call it before the build's result. */
  flush: () => void;
}

export function progressThrottle(send: (p: PrintProgress) => void): ProgressThrottle {
  let lastStage = '';
  let lastAt = -Infinity;
  let held: PrintProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const sendNow = (p: PrintProgress) => {
    if (timer !== null) { clearTimeout(timer); timer = null; }
    held = null;
    lastStage = `${p.phase}/${p.volume}`;
    lastAt = performance.now();
    send(p);
  };
  const flush = () => { if (held !== null) sendNow(held); };
  return {
    report(p) {
      if (`${p.phase}/${p.volume}` !== lastStage) {
        flush(); // a stage ends with its last report
        return sendNow(p);
      }
      const wait = IN_ITEM_REPORT_MS - (performance.now() - lastAt);
      if (wait <= 0) return sendNow(p);
      held = p;
      timer ??= setTimeout(flush, wait);
    },
    flush,
  };
}
