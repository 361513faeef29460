/**
 * The vault's heavy reads (case list, cases by id, search) in a worker thread with its own read-only connection,
 * so a 10,000-case list or a search never stalls the Electron main process. Writes stay on the main
 * connection; a read asked after a write there committed sees it (WAL: the worker's statement starts
 * after the commit). Started by Vault.openReader, which closes it at lock.
 *
 * Failure modes: lock (close) rejects every read in flight with E_LOCKED; a worker that dies rejects
 * them with E_VAULT_READER_FAILED and the reader is closed, so the next read starts a new one.
 */
import type { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { JsonAnswer } from '../../../shared/ipc/json-answer';
import { CaseListPageTokenSchema, type CaseListPage, type CaseSummary, type SearchResultsView } from '../../../shared/ipc/workspace-schemas';
import { vaultErrors } from '../vault-errors';
import { ReadReplySchema, type ReadQuery, type ReadRequest, type ReadWorkerData } from './read-protocol';
import type { JsonBytes } from './read-queries';
import { startWorker } from './start-worker';


export interface VaultReader {
  /**
   * A page of the case list (the first of a new list, or the one after `pageToken`), as the IPC
   * contract's view built, checked and encoded as JSON bytes in the worker: the main thread passes
   * them on (shared/ipc/json-answer.ts) and never holds the rows. An unknown token: E_CASE_LIST_EXPIRED.
   */
  caseListPage(pageToken?: string): Promise<JsonAnswer<CaseListPage>>;
  /** The named cases that exist, in the list's order; an id of a case no longer in the vault is absent. */
  caseSummariesByIds(caseIds: readonly number[]): Promise<CaseSummary[]>;
  /**
   * Message hits and case hits of one query, at most `limit` of each (as Vault.search and
   * Vault.searchCases), shaped for the search box: every taxpayer text masked (queries/search-results.ts).
   */
  search(query: string, limit: number): Promise<SearchResultsView>;
  /** False once closed by lock or after its worker died: ask the vault for a new one. */
  readonly isOpen: boolean;
  /** Rejects reads in flight with E_LOCKED and ends the worker (it closes its connection). Idempotent. */
  close(): void;
}

export interface VaultReaderOptions {
  dir: string;
  /** The raw database key; zeroed here once its copy is moved into the worker. */
  dbKey: Buffer;
  /** The worker entry: the bundled file in Electron (`read-worker?modulePath`); by default the .ts source. */
  workerUrl?: URL | string;
  /** After the reader closed, whatever the cause (the vault forgets it). */
  onClosed?: () => void;
}

type QueryWithoutId = ReadQuery extends infer Q ? (Q extends ReadQuery ? Omit<Q, 'id'> : never) : never;

const defaultWorkerUrl = () => new URL('./read-worker.ts', import.meta.url);
/** How long a closed worker may take to close its connection before it is terminated. */
const CLOSE_GRACE_MS = 2000;

const readerDied = (why: string) => new AppError('E_VAULT_READER_FAILED',
  `The background vault reader stopped unexpectedly (${why}). Try again: it restarts on the next request; if it keeps failing, report it to IT.`);

export function startVaultReader(options: VaultReaderOptions): VaultReader {
  // A key copy in its own ArrayBuffer, moved into the worker: no copy stays on this thread.
  const dbKey = new Uint8Array(32);
  dbKey.set(options.dbKey);
  options.dbKey.fill(0);
  const workerData: ReadWorkerData = { dir: options.dir, dbKey };
  const worker: Worker = startWorker(options.workerUrl ?? defaultWorkerUrl(), { workerData, transferList: [dbKey.buffer] });
  worker.unref(); // an idle reader does not keep the process alive; a read in flight does (ref below)

  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: AppError) => void }>();
  let nextId = 1;
  let open = true;

  /** Ends the reader: every read in flight fails with `error`; the worker is asked to close or terminated. */
  const end = (error: AppError, graceful: boolean) => {
    if (!open) return;
    open = false;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    if (graceful) {
      worker.postMessage({ type: 'close' } satisfies ReadRequest);
      setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS).unref();
    } else {
      void worker.terminate();
    }
    options.onClosed?.();
  };

  worker.on('message', (raw: unknown) => {
    const reply = ReadReplySchema.safeParse(raw);
    if (!reply.success) return end(readerDied('unexpected reply'), false);
    const r = reply.data;
    if (r.type === 'fatal') return end(new AppError(r.error.code as ErrorCode, r.error.message, r.error.details), false);
    const waiting = pending.get(r.id);
    if (!waiting) return;
    pending.delete(r.id);
    if (pending.size === 0) worker.unref();
    if (r.type === 'answer') waiting.resolve(r.value);
    else waiting.reject(new AppError(r.error.code as ErrorCode, r.error.message, r.error.details));
  });
  worker.on('error', (err: Error) => end(readerDied(err.message || 'error'), false));
  worker.on('exit', (code) => end(readerDied(`exit code ${code}`), false));

  const ask = <T>(query: QueryWithoutId): Promise<T> => {
    if (!open) return Promise.reject(vaultErrors.locked());
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ ...query, id } as ReadRequest);
    });
  };

  return {
    caseListPage: async (pageToken) => {
      // The worker drops a request it cannot parse (there is no id to answer): a bad token would wait forever.
      if (pageToken !== undefined && !CaseListPageTokenSchema.safeParse(pageToken).success) throw vaultErrors.invalidInput('pageToken: not a page token cases.list gave');
      const answer = await ask<JsonBytes | null>(pageToken === undefined ? { type: 'caseListPage' } : { type: 'caseListPage', pageToken });
      if (!(answer?.jsonUtf8 instanceof Uint8Array)) {
        const died = readerDied('the case list came back without its JSON bytes');
        end(died, false); // a worker that answers this is not trusted with the next read: a new one starts
        throw died;
      }
      return new JsonAnswer<CaseListPage>(answer.jsonUtf8);
    },
    caseSummariesByIds: (caseIds) => ask<CaseSummary[]>({ type: 'caseSummariesByIds', caseIds: [...caseIds] }),
    search: (query, limit) => ask<SearchResultsView>({ type: 'search', query, limit }),
    get isOpen() { return open; },
    close: () => end(vaultErrors.locked(), true),
  };
}
