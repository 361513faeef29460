/**
 * The reader worker's loop: opens the read-only connection with the key it was given (then zeroes
 * that copy: SQLCipher keeps its own), answers requests one at a time in order, and on `close` closes
 * the connection and lets the thread end. The case lists being read page by page live here, one store
 * per worker (so lock, which ends the worker, forgets them). `answer` is injectable (tests make a
 * worker that dies mid-query).
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError, isAppError, type AppErrorData } from '../../../shared/errors';
import type { VaultDb } from '../database';
import { ReadRequestSchema, type ReadQuery, type ReadReply, type ReadWorkerData } from './read-protocol';
import { answerRead, type JsonBytes, type ReadAnswer } from './read-queries';
import { CaseListPages, LIST_IDLE_MS } from './case-list-pages';
import { openReadOnlyVaultDatabase } from './read-only-database';

const errorData = (err: unknown, fallback: () => AppError): AppErrorData =>
  (isAppError(err) ? err : fallback()).toData();

const readFailed = () => new AppError('E_VAULT_READ_FAILED', 'The vault could not be read. Try again; if it keeps failing, lock and unlock the vault.');

/** A JSON answer's buffer is moved, not copied: the main thread then allocates nothing for it. */
function movedBuffers(reply: ReadReply): ArrayBuffer[] {
  const bytes = reply.type === 'answer' ? (reply.value as Partial<JsonBytes> | null)?.jsonUtf8 : undefined;
  return bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];
}

export type ReadAnswerer = (db: VaultDb, request: ReadQuery, pages: CaseListPages) => ReadAnswer;

export function runReadWorker(port: MessagePort, data: ReadWorkerData, answer: ReadAnswerer = answerRead): void {
  const pages = new CaseListPages();
  const forget = setInterval(() => pages.forgetIdle(), LIST_IDLE_MS / 4);
  forget.unref(); // the port keeps the thread alive while it is open, not this
  const send = (reply: ReadReply) => port.postMessage(reply, movedBuffers(reply));
  const key = Buffer.from(data.dbKey.buffer, data.dbKey.byteOffset, data.dbKey.byteLength);
  let db: VaultDb | null = null;
  try {
    db = openReadOnlyVaultDatabase(data.dir, key);
  } catch (err) {
    send({ type: 'fatal', error: errorData(err, readFailed) });
  } finally {
    key.fill(0);
  }
  port.on('message', (raw: unknown) => {
    const parsed = ReadRequestSchema.safeParse(raw);
    if (!parsed.success) return; // the host sends only these; nothing to answer without an id
    const request = parsed.data;
    if (request.type === 'close') {
      clearInterval(forget);
      db?.close();
      db = null;
      port.close(); // nothing else keeps the thread alive: it ends
      return;
    }
    if (db === null) { send({ type: 'failed', id: request.id, error: readFailed().toData() }); return; }
    try {
      send({ type: 'answer', id: request.id, value: answer(db, request, pages) });
    } catch (err) {
      send({ type: 'failed', id: request.id, error: errorData(err, readFailed) });
    }
  });
}
