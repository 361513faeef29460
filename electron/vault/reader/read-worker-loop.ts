/**
 * The reader worker's loop: opens the read-only connection with the key it was given (then zeroes
 * that copy: SQLCipher keeps its own), answers requests one at a time in order, and on `close` closes
 * the connection and lets the thread end. `answer` is injectable (tests make a worker that dies mid-query).
 */
import type { MessagePort } from 'node:worker_threads';
import { AppError, isAppError, type AppErrorData } from '../../../shared/errors';
import type { VaultDb } from '../database';
import { ReadRequestSchema, type ReadQuery, type ReadReply, type ReadWorkerData } from './read-protocol';
import { answerRead, type ReadAnswer } from './read-queries';
import { openReadOnlyVaultDatabase } from './read-only-database';

/** Rows per part of a long list (see read-protocol.ts): about 2 ms to read on the main thread. */
const PART_ROWS = 500;

const errorData = (err: unknown, fallback: () => AppError): AppErrorData =>
  (isAppError(err) ? err : fallback()).toData();

const readFailed = () => new AppError('E_VAULT_READ_FAILED', 'The vault could not be read. Try again; if it keeps failing, lock and unlock the vault.');

export function runReadWorker(port: MessagePort, data: ReadWorkerData, answer: (db: VaultDb, request: ReadQuery) => ReadAnswer = answerRead): void {
  const send = (reply: ReadReply) => port.postMessage(reply);
  const key = Buffer.from(data.dbKey.buffer, data.dbKey.byteOffset, data.dbKey.byteLength);
  let db: VaultDb | null = null;
  try {
    db = openReadOnlyVaultDatabase(data.dir, key);
  } catch (err) {
    send({ type: 'fatal', error: errorData(err, readFailed) });
  } finally {
    key.fill(0);
  }
  // Parts of long answers not sent yet, by request id (sent one per `more`).
  const unsent = new Map<number, unknown[][]>();
  const sendNextPart = (id: number) => {
    const parts = unsent.get(id);
    if (!parts) return;
    const rows = parts.shift();
    if (rows) { send({ type: 'part', id, rows }); return; }
    unsent.delete(id);
    send({ type: 'answer', id, value: null, parts: true });
  };
  port.on('message', (raw: unknown) => {
    const parsed = ReadRequestSchema.safeParse(raw);
    if (!parsed.success) return; // the host sends only these; nothing to answer without an id
    const request = parsed.data;
    if (request.type === 'more') { sendNextPart(request.id); return; }
    if (request.type === 'close') {
      db?.close();
      db = null;
      port.close(); // nothing else keeps the thread alive: it ends
      return;
    }
    if (db === null) { send({ type: 'failed', id: request.id, error: readFailed().toData() }); return; }
    try {
      const value = answer(db, request);
      if (!Array.isArray(value) || value.length <= PART_ROWS) { send({ type: 'answer', id: request.id, value }); return; }
      const parts: unknown[][] = [];
      for (let i = 0; i < value.length; i += PART_ROWS) parts.push(value.slice(i, i + PART_ROWS));
      unsent.set(request.id, parts);
      sendNextPart(request.id);
    } catch (err) {
      send({ type: 'failed', id: request.id, error: errorData(err, readFailed) });
    }
  });
}
