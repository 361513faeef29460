/**
 * Background threads at a lower CPU priority (electron/threads/background-priority.ts): a real worker
 * thread lowers itself and the kernel reports its nice value changed and the main thread's not. The
 * chunk worker (sealing) and its hasher, which wake the main thread once per MiB, are not lowered
 * (background-priority.ts says why).
 */
import os from 'node:os';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, lowerThisThreadPriority } from '../../electron/threads/background-priority';
import { startChunkWorker } from '../../electron/vault/chunk-worker-host';
import { HASH_WORKER_SOURCE } from '../../electron/vault/hash-worker-source';
import { startWorker } from '../../electron/vault/reader/start-worker';

describe.runIf(process.platform === 'linux')('lowerThisThreadPriority', () => {
  it('lowers a worker thread and leaves the main thread alone', async () => {
    const mainBefore = os.getPriority(process.pid);
    const worker = startWorker(new URL('./fixtures/threads/priority-worker.ts', import.meta.url), {});
    const [report] = await once(worker, 'message') as [{ lowered: boolean; tid: number; threadNice: number; mainNice: number }];
    await worker.terminate();
    expect(report.lowered).toBe(true);
    expect(report.tid).not.toBe(process.pid);
    expect(report.threadNice).toBe(Math.max(mainBefore, BACKGROUND_NICE));
    expect(report.mainNice).toBe(mainBefore);
    expect(os.getPriority(process.pid)).toBe(mainBefore);
  });

  it('runs the chunk worker and its hasher at the main thread\'s priority', async () => {
    const mainBefore = os.getPriority(process.pid);
    const worker = startChunkWorker();
    const [ready] = await once(worker, 'message') as [{ type: string; tid: number; hasherTid: number }];
    const nice = os.getPriority(ready.tid); // read while the threads are alive
    const hasherNice = os.getPriority(ready.hasherTid);
    await worker.terminate();
    expect(ready.type).toBe('ready');
    expect(ready.tid).toBeGreaterThan(0);
    expect(ready.hasherTid).toBeGreaterThan(0);
    expect(new Set([process.pid, ready.tid, ready.hasherTid]).size).toBe(3);
    expect(nice).toBe(mainBefore);
    expect(hasherNice).toBe(mainBefore);
  });

  it('runs the hasher at the main thread\'s priority when started on its own', async () => {
    const hasher = new Worker(HASH_WORKER_SOURCE, { eval: true, execArgv: [] });
    const [ready] = await once(hasher, 'message') as [{ type: string; tid: number }];
    const nice = os.getPriority(ready.tid); // its own thread: throws if there is none
    await hasher.terminate();
    expect(ready.type).toBe('ready');
    expect(ready.tid).toBeGreaterThan(0);
    expect(ready.tid).not.toBe(process.pid);
    expect(nice).toBe(os.getPriority(process.pid));
  });

  it('refuses to lower the main thread', () => {
    const before = os.getPriority(process.pid);
    expect(lowerThisThreadPriority()).toBe(false);
    expect(os.getPriority(process.pid)).toBe(before);
  });
});
