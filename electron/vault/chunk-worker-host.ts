/**
 * The main-thread side of the chunk worker (chunk-worker-source.ts): one long-lived worker per
 * process, started on first use, serving any number of blobs at once through sessions with ids.
 * The worker is unref'd while no session is open, so it never keeps the process alive; it is ref'd
 * while one is, because then a write is waiting on it.
 * If the worker cannot start, `open` answers null from then on and the writer hashes and seals on
 * the main thread (same format, same digest, only slower). A worker that dies after starting fails
 * the writes it was serving (their hash state is gone with it) and the next write starts a new one.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import { CHUNK_WORKER_SOURCE } from './chunk-worker-source';
import { HASH_WORKER_SOURCE } from './hash-worker-source';
import { RingPool } from './ring-pool';

/** What a session works on: the two rings (from `ringPool`, the writer's for the blob), the blob's key and the chunks' AAD. */
export interface ChunkSessionInput {
  /** Plaintext slots, filled by the writer. */
  plain: SharedArrayBuffer;
  /** Sealed slots (ciphertext | tag), written to disk by the writer. */
  sealed: SharedArrayBuffer;
  /** The blob key: a copy is transferred to the worker, which zeroes it when the session ends. */
  key: Buffer;
  /** Associated data of every chunk (the blob header). */
  aad: Buffer;
  /**
   * Whether the worker may have its hasher thread hash the chunks: only for rings the pool owns. A
   * ring the hasher has read stays allocated (ring-pool.ts), so loose ones are hashed in the worker.
   */
  hashApart: boolean;
}

/** One blob's chunks hashed and sealed in the worker. */
export interface ChunkSession {
  /**
   * Hashes plain[plainAt, +length) and seals it with `nonce` into sealed[sealedAt, ...); resolves to
   * the sealed length (length + tag) once done: then the plaintext slot may be refilled.
   */
  seal(plainAt: number, sealedAt: number, length: number, nonce: Buffer): Promise<number>;
  /** The SHA-256 (lower-case hex) of everything sealed, in order. Ends the session. */
  digest(): Promise<string>;
  /** Ends the session without a digest (the write failed); the worker drops the rings and the key. */
  abort(): void;
}

type Reply =
  | { type: 'ready'; tid?: number; hasherTid?: number; collects?: boolean }
  | { type: 'sealed'; id: number; length: number }
  | { type: 'digest'; id: number; sha256: string }
  | { type: 'failed'; id: number; message: string };

interface Waiter { resolve: (length: number) => void; reject: (err: Error) => void }
interface SessionState {
  sealed: Waiter[];
  digest: { resolve: (sha256: string) => void; reject: (err: Error) => void } | null;
  /** Set when the worker failed this session: every later call rejects with it at once. */
  failed: Error | null;
}

/** Rejects everything the session is waiting for, and every later call. */
function failSession(state: SessionState, err: Error): void {
  state.failed ??= err;
  for (const w of state.sealed.splice(0)) w.reject(state.failed);
  state.digest?.reject(state.failed);
  state.digest = null;
}

/** A small heap: the worker holds a few hash and cipher states and views on shared memory, nothing else. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 };

/**
 * `execArgv: []`: the worker needs none of the parent's flags, and some change how eval code runs
 * (`--input-type=module` makes it a module without `require`; `--import tsx` would load a compiler).
 * `hasherSource`: the program of the thread the worker starts for the SHA-256 (tests: one that
 * fails; null: the worker hashes too); `hasherReadyMs`: how long the worker waits for it to start
 * before it gives up on it and hashes itself.
 */
export const startChunkWorker = (hasherSource: string | null = HASH_WORKER_SOURCE, hasherReadyMs = 10_000): Worker =>
  new Worker(CHUNK_WORKER_SOURCE, { eval: true, execArgv: [], resourceLimits: RESOURCE_LIMITS, workerData: { hasherSource, hasherReadyMs } });

const workerStopped = (why: string) => new AppError('E_CHUNK_WORKER_FAILED',
  'The file could not be encrypted and checked while it was being stored (the thread doing it stopped), so it was not saved. Try again; if it keeps failing, restart the app.',
  { why });

export class ChunkWorkerHost {
  readonly #start: () => Worker;
  #worker: Worker | null = null;
  #ready: Promise<boolean> | null = null;
  /** Why the worker could not start; once set, every blob is hashed and sealed on the main thread. */
  #unavailable: string | null = null;
  readonly #sessions = new Map<number, SessionState>();
  #nextId = 1;
  /** Sessions served by a worker since this host was made (tests check the worker path was taken). */
  sessionsServed = 0;
  /** The rings its sessions work in, reused from blob to blob (ring-pool.ts says why). */
  readonly ringPool = new RingPool();

  constructor(start: () => Worker = startChunkWorker) {
    this.#start = start;
  }

  /** Sessions open now (each one holds the worker ref'd). */
  get openSessions(): number { return this.#sessions.size; }

  /** Why chunks are sealed on the main thread, or null while a worker is (or may be) available. */
  get unavailable(): string | null { return this.#unavailable; }

  /** Opens a session over the rings, or answers null when no worker can run (the caller seals itself). */
  async open(input: ChunkSessionInput): Promise<ChunkSession | null> {
    if (this.#unavailable !== null) return null;
    this.#ready ??= this.#launch();
    if (!(await this.#ready)) return null;
    const worker = this.#worker!;
    const id = this.#nextId++;
    const state: SessionState = { sealed: [], digest: null, failed: null };
    this.#sessions.set(id, state);
    if (this.#sessions.size === 1) worker.ref();
    this.sessionsServed += 1;
    const key = new Uint8Array(input.key); // a copy, moved to the worker: nothing of it stays here
    worker.postMessage({ type: 'begin', id, plain: input.plain, sealed: input.sealed, key: key.buffer, aad: new Uint8Array(input.aad), hashApart: input.hashApart }, [key.buffer]);
    let open = true;
    const close = () => {
      open = false;
      this.#sessions.delete(id);
      if (this.#sessions.size === 0) this.#worker?.unref();
    };
    return {
      seal: (plainAt, sealedAt, length, nonce) => {
        if (state.failed) return Promise.reject(state.failed);
        if (!open) return Promise.reject(workerStopped('session already ended'));
        const done = new Promise<number>((resolve, reject) => { state.sealed.push({ resolve, reject }); });
        worker.postMessage({ type: 'chunk', id, plainAt, sealedAt, length, nonce: new Uint8Array(nonce) });
        return done;
      },
      digest: () => {
        if (state.failed) { close(); return Promise.reject(state.failed); }
        if (!open) return Promise.reject(workerStopped('session already ended'));
        const done = new Promise<string>((resolve, reject) => {
          state.digest = {
            resolve: (sha256) => { close(); resolve(sha256); },
            reject: (err) => { close(); reject(err); },
          };
        });
        worker.postMessage({ type: 'end', id });
        return done;
      },
      abort: () => {
        if (!open) return;
        worker.postMessage({ type: 'abort', id });
        // Nobody waits for these any more; settle them so no promise is left hanging.
        failSession(state, workerStopped('write ended'));
        close();
      },
    };
  }

  /** Starts the worker; true once it said ready, false (and sealing stays on the main thread) if it could not start. */
  #launch(): Promise<boolean> {
    let worker: Worker;
    try {
      worker = this.#start();
    } catch (err) {
      this.#unavailable = `could not start: ${(err as Error).message}`;
      return Promise.resolve(false);
    }
    this.#worker = worker;
    return new Promise<boolean>((resolve) => {
      let ready = false;
      const died = (why: string) => {
        if (this.#worker !== worker) return; // already handled ('error' and 'exit' both arrive)
        this.#worker = null;
        this.#ready = null;
        if (!ready) {
          this.#unavailable = why;
          resolve(false);
        }
        for (const state of this.#sessions.values()) failSession(state, workerStopped(why));
        this.#sessions.clear();
      };
      worker.on('message', (reply: Reply) => {
        if (reply.type === 'ready') {
          ready = true;
          if (this.#sessions.size === 0) worker.unref();
          resolve(true);
          return;
        }
        const state = this.#sessions.get(reply.id);
        if (state === undefined) return; // aborted session
        if (reply.type === 'sealed') state.sealed.shift()?.resolve(reply.length);
        else if (reply.type === 'digest') state.digest?.resolve(reply.sha256);
        else failSession(state, workerStopped(reply.message));
      });
      worker.on('error', (err: Error) => died(`worker error: ${err.message}`));
      worker.on('exit', (code) => died(`worker exited (code ${code})`));
    });
  }
}

/** The process's chunk worker, shared by every blob write. */
export const chunkWorker = new ChunkWorkerHost();
