/**
 * Source for a worker run from a string (the chunk worker): takes V8's collector as `collect` (null
 * when it cannot), for a worker whose heap V8 would otherwise collect too seldom. The chunk worker's
 * cipher makes a fresh buffer per update() that its small heap would keep until its external memory
 * passed V8's limit (tens of MiB, held in its malloc arena); and a SharedArrayBuffer posted to it
 * lives until its heap collects its view of it, which a young-generation collection does not do
 * once the view was promoted (measured: a loose ring pair stayed allocated until a full collection).
 * V8 gives a script its collector only behind --expose-gc: unless the process has it already, the
 * flag is set just long enough to take it. V8 flags are process-wide: a context created by another
 * thread in that instant would also get a gc function, which is harmless. Node and Electron both
 * start V8 with --no-freeze-flags-after-init so that v8.setFlagsFromString works after start-up
 * (Electron since its flags handling in shell/browser/javascript_environment.cc; a workstation
 * check for each Electron upgrade, as a frozen flag would be a fatal V8 check, not an exception).
 * It expects `load`, a function that loads Node's own modules.
 */
export const TAKE_COLLECTOR_SOURCE = String.raw`
let collect = typeof globalThis.gc === 'function' ? globalThis.gc : null;
if (collect === null) {
  try {
    const v8 = load('node:v8');
    v8.setFlagsFromString('--expose-gc');
    try { collect = load('node:vm').runInNewContext('gc'); } finally { v8.setFlagsFromString('--no-expose-gc'); }
  } catch (err) { /* no collector: V8's own heuristics bound the garbage */ }
}
if (typeof collect !== 'function') collect = null;
/** A full collection (one per blob stored, of a heap of a few MiB): frees the views of the rings of blobs that ended. */
const collectFully = () => {
  if (collect === null) return;
  try { collect({ type: 'major' }); } catch (err) { collect = null; }
};
`;
