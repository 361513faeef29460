/**
 * Background threads (print layout) run at a lower CPU priority than the main thread, as
 * Chromium runs its own background threads. Every window waits on the Electron main process: on a
 * 2-core laptop that is printing a case while a 1 GB file syncs, there are more busy threads than
 * cores, and the scheduler otherwise gives the main thread no more turns than the print worker
 * (issue 13 measured the main thread runnable but waiting for a core for 40-50 ms at a time). With a
 * lower priority the background thread still uses every idle cycle; it only yields when the main
 * thread wants a core. Call it at the start of a worker thread.
 *
 * Only for a thread that seldom wakes the main thread. Node's MessagePort enqueues a message and
 * signals the receiver under the receiving port's lock; the signal lets the main thread preempt a
 * lower-priority sender while it still holds that lock, and the main thread, reading its messages,
 * then waits on the lock until the sender gets a core back: 81 ms once, measured (perf sched) with
 * the chunk worker, which answers once per MiB sealed, at nice 10. That worker and its hasher now run
 * at normal priority: in the responsiveness bench, four runs each, the main loop's max was 36.5-42.5
 * ms, against 41-59 ms at nice 10; p99 alike. The print worker, whose progress messages it thins
 * itself (print/progress-throttle.ts), is lowered.
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
