/**
 * Source for a worker run from a string (which cannot import): declares `tid`, the calling thread's
 * kernel id on Linux (0 elsewhere, or where /proc cannot be read). Workers report it in their `ready`
 * message, for the tests that read a thread's CPU time and priority from /proc. Expects `load`, a
 * function that loads Node's own modules.
 */
export const THREAD_ID_SOURCE = String.raw`
let tid = 0;
try {
  if (process.platform === 'linux') tid = Number(load('node:fs').readlinkSync('/proc/thread-self').split('/').pop()) || 0;
} catch { /* no /proc: tid stays 0 */ }
`;
