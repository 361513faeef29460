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
 * With four times (the most V8 chooses itself, for a thread that allocates fast) the same sync ran
 * none in the main thread. Peak RSS stayed within this machine's spread: print-vault 359-396 MB over
 * nine runs (364-380 without it, alternated), sync 201-217 MB, responsiveness 640-710 MB.
 *
 * What it costs: V8 reads the factor each time it sets a limit, for every heap of the process (the
 * workers' too; the print worker's is capped by its resourceLimits), and it replaces the smaller
 * factors V8 would use to save memory (near a heap's cap, after the memory reducer or a pressure
 * signal; a pressure signal still collects at once). Garbage, decrypted text included, can stay in a
 * heap longer before it is collected; JavaScript strings cannot be wiped in any case, and the laptop's
 * disk encryption covers swap. Measured on Node 20's V8 (11.3); Electron's V8 reads the same flag, but
 * counts external memory its own way: only a workstation shows whether the collections it saves are
 * the same.
 */
import v8 from 'node:v8';

/** V8's growing factor, as a percentage above 1: 300 means a limit of 4x the live size. */
export const HEAP_GROWING_PERCENT = 300;

let set = false;

/** Applies HEAP_GROWING_PERCENT to this process (once; later calls do nothing). Call it at start-up. */
export function setHeapGrowth(): void {
  if (set) return;
  set = true;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
