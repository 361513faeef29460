/**
 * Sizes V8's heaps in this process at four times what a full collection left alive (issue 13, a main
 * process that never stalls).
 *
 * V8 chooses how far a heap may grow before its next full collection from how fast the thread
 * allocates objects against how fast it collects them. The main process allocates few objects, so V8
 * keeps its heap tight: 1.1 times the live 22 MB, plus a step, in the responsiveness bench. But the
 * buffers a download reads from the socket live outside the heap, and V8 counts those allocated since
 * the last full collection against that same room. Over a 1 GiB sync the main thread then ran a full
 * collection every 8-10 MB downloaded: 55-71 of them, 474-638 ms of pauses and 133-235 ms of marking
 * steps, each one waiting on V8's helper threads that the print and the vault's workers keep busy.
 *
 * Four times is the most V8 gives a heap on its own when the thread allocates fast. With it the same
 * sync ran no full collection in the main thread; peak RSS stayed within the runs' spread (print-vault
 * 359-361 MB, sync 201 MB, responsiveness 681-710 MB). V8 reads the factor each time it sets a limit,
 * so it applies from the next collection on, in every thread of the process.
 */
import v8 from 'node:v8';

/** V8's growing factor, as a percentage above 1: 300 means a limit of 4x the live size. */
export const HEAP_GROWING_PERCENT = 300;

/** Applies HEAP_GROWING_PERCENT to this process. Call it once at start-up. */
export function setHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
