/**
 * Background threads (print layout, hashing) run at a lower CPU priority than the main thread, as
 * Chromium runs its own background threads. Every window waits on the Electron main process: on a
 * 2-core laptop that is printing a case while a 1 GB file syncs, there are more busy threads than
 * cores, and the scheduler otherwise gives the main thread no more turns than the print worker
 * (issue 13 measured the main thread runnable but waiting for a core for 40-50 ms at a time). With a
 * lower priority the background thread still uses every idle cycle; it only yields when the main
 * thread wants a core. Call it at the start of a worker thread.
 *
 * Linux: the nice value of this thread alone (setpriority on the thread id, found through
 * /proc/thread-self). Elsewhere Node can only change the whole process's priority, which would slow
 * the main thread too, so nothing is done there: Windows and macOS keep equal priorities.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Nice 10: Chromium's "background" level on Linux. */
export const BACKGROUND_NICE = 10;

/** Lowers the calling thread's CPU priority; answers whether it did (false off Linux or when refused). */
export function lowerThisThreadPriority(nice = BACKGROUND_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    // The main thread's id is the process id: never lower it (it is what the windows wait on).
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false;
    // Only ever lower: a thread that is already lower (the whole app started with `nice`) stays so.
    if (os.getPriority(tid) >= nice) return true;
    os.setPriority(tid, nice);
    return true;
  } catch {
    return false; // no /proc (a sandbox), or the kernel refused: the work runs, at normal priority
  }
}

/**
 * The same steps as `lowerThisThreadPriority`, as source for a worker run from a string (which cannot
 * import this module). It declares `tid`, the thread's id (0 where there is none to read), and
 * expects `load`, a function that loads Node's own modules.
 */
export const LOWER_PRIORITY_SOURCE = String.raw`
let tid = 0;
try {
  if (process.platform === 'linux') {
    const os = load('node:os');
    tid = Number(load('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    // Never the main thread (the windows wait on it); only ever lower.
    if (tid > 0 && tid !== process.pid && os.getPriority(tid) < ${BACKGROUND_NICE}) os.setPriority(tid, ${BACKGROUND_NICE});
  }
} catch (err) { /* no /proc, or refused: the work runs at normal priority */ }
`;
