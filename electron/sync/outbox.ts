/**
 * Replies and new threads queued while offline. `queueReply` and `queueNewThread` refuse blocked file
 * types and messages over 150 MiB BEFORE anything is queued, then copy the files into the vault's blob
 * store (encrypted with the case key: no plaintext copy on disk, survives a restart) and store the item
 * with its Idempotency-Key. A new thread is an item with no thread yet: `flushOutbox` first creates the
 * thread on the server (its Idempotency-Key is derived from the item's, so a retry after a lost response
 * gets the same thread) and records it in the vault and on the item; from there it is a reply. It
 * uploads the files with resume, creates the message with the stored key (a retry after a lost response
 * replays the same message: exactly one is created), records the server's copy (with the server's
 * receipt time) and marks the item sent (audited as a send).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { blockedFileMessage, checkFileName } from '../../shared/blocked-extensions';
import { AppError } from '../../shared/errors';
import { MAX_ATTACHMENTS_PER_MESSAGE, CreateMessageRequestSchema, CreateThreadRequestSchema, type Message } from '../../shared/protocol/cases';
import type { Upload } from '../../shared/protocol/uploads';
import { OUTBOUND_MESSAGE_MAX_BYTES, formatBytes } from '../../shared/limits';
import { sniffFile } from '../fs/sniff-file';
import type { OutboxAttachmentRecord, OutboxRecord, Vault } from '../vault';
import { applyMessage } from './apply-changes';
import type { ServerClient } from './server-client';
import { isTransient, needsSignIn, syncErrors, toAppError } from './sync-errors';
import { uploadKeyFor, uploadOutboxFile, type UploadOptions } from './upload';

/** `name` is what the taxpayer will see; `path` a file the employee picked (a dialog or a drop, checked in the main process). */
const AttachmentsSchema = z.array(z.object({ name: z.string().min(1).max(255), path: z.string().min(1).max(4096) }).strict())
  .max(MAX_ATTACHMENTS_PER_MESSAGE).default([]);

export const QueueReplySchema = z.object({
  caseId: z.number().int().positive(),
  threadId: z.number().int().positive(),
  body: CreateMessageRequestSchema.shape.body,
  attachments: AttachmentsSchema,
}).strict();
export type QueueReplyInput = z.input<typeof QueueReplySchema>;

/** A new thread in a case with its first message. */
export const QueueNewThreadSchema = z.object({
  caseId: z.number().int().positive(),
  subject: CreateThreadRequestSchema.shape.subject,
  body: CreateMessageRequestSchema.shape.body,
  attachments: AttachmentsSchema,
}).strict();
export type QueueNewThreadInput = z.input<typeof QueueNewThreadSchema>;

/** The createThread Idempotency-Key of a new-thread item: one per item, never reused for anything else. */
export const threadKeyFor = (clientMessageId: string) => `${clientMessageId}.thread`;

/** An item whose files are still being copied; left in this state only by a crash, and discarded at start-up. */
export const PREPARING = 'E_PREPARING';

/** Refusals an employee can fix, checked before anything is queued. */
function checkReply(input: Pick<z.output<typeof QueueReplySchema>, 'body' | 'attachments'>): number[] {
  if (input.body.trim() === '' && input.attachments.length === 0) throw syncErrors.emptyReply();
  const sizes: number[] = [];
  input.attachments.forEach((a, index) => {
    const verdict = checkFileName(a.name);
    if (verdict.blocked) throw new AppError('E_BLOCKED_FILE_TYPE', blockedFileMessage(verdict), { index, extension: verdict.extension });
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f/\\]/.test(a.name)) {
      throw new AppError('E_INVALID_FILE_NAME', `The name of attachment ${index + 1} contains a path separator or a control character. Rename the file and attach it again.`, { index });
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(a.path);
    } catch (err) {
      throw syncErrors.fileUnreadable(index, (err as NodeJS.ErrnoException).code ?? 'stat');
    }
    if (!stat.isFile()) throw syncErrors.fileUnreadable(index, 'not a regular file');
    sizes.push(stat.size);
  });
  const total = sizes.reduce((s, n) => s + n, 0);
  if (total > OUTBOUND_MESSAGE_MAX_BYTES) throw tooLarge(total);
  return sizes;
}

const tooLarge = (total: number) => new AppError('E_MESSAGE_TOO_LARGE',
  `The attachments total ${formatBytes(total)}; one message may carry at most ${formatBytes(OUTBOUND_MESSAGE_MAX_BYTES)}. ` +
  'Split the files over several messages, or reduce their size (e.g. scan at a lower resolution).',
  { totalBytes: total, maxBytes: OUTBOUND_MESSAGE_MAX_BYTES });

export interface QueuedReply { outboxId: number; clientMessageId: string }

function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw syncErrors.invalidReply(parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.code}`).join('; '));
  return parsed.data;
}

export async function queueReply(vault: Vault, input: QueueReplyInput): Promise<QueuedReply> {
  const reply = parseOrRefuse(QueueReplySchema, input);
  const thread = vault.sync.getThread(reply.threadId);
  if (!thread || thread.caseId !== reply.caseId) throw syncErrors.notSynced('thread');
  return queueItem(vault, { ...reply, subject: thread.subject });
}

/** Queues a new thread; it is created on the server when the outbox is flushed (works offline). */
export async function queueNewThread(vault: Vault, input: QueueNewThreadInput): Promise<QueuedReply> {
  const item = parseOrRefuse(QueueNewThreadSchema, input);
  return queueItem(vault, { ...item, threadId: null });
}

type QueueItem = Pick<z.output<typeof QueueReplySchema>, 'caseId' | 'body' | 'attachments'> & { threadId: number | null; subject: string };

async function queueItem(vault: Vault, reply: QueueItem): Promise<QueuedReply> {
  if (vault.sync.serverCaseIdFor(reply.caseId) === undefined) throw syncErrors.notSynced('case');
  checkReply(reply);

  const clientMessageId = randomUUID();
  // Held back from sending (state failed + E_PREPARING) until every file is copied in.
  const outboxId = vault.batch((v) => {
    const id = v.enqueueOutbox({ caseId: reply.caseId, threadId: reply.threadId, clientMessageId, subject: reply.subject, body: reply.body });
    v.updateOutbox({ id, state: 'failed', lastErrorCode: PREPARING });
    return id;
  });
  try {
    let used = 0;
    for (const [index, a] of reply.attachments.entries()) {
      let declaredType: string;
      try {
        // The upload declares what the content is (the shared sniffer), never a type guessed from the name.
        declaredType = (await sniffFile(a.path, a.name)).mimeType;
      } catch (err) {
        throw syncErrors.fileUnreadable(index, (err as NodeJS.ErrnoException).code ?? 'open');
      }
      // The budget is enforced on the bytes actually copied: a file that grew since the check is refused too.
      // A local file checked above: the vault reads it straight into its buffers (and refuses it if it changes meanwhile).
      const stored = await vault.sync.addOutboxAttachment(
        { outboxId, fileName: a.name, declaredType, maxBytes: OUTBOUND_MESSAGE_MAX_BYTES - used }, { path: a.path },
      ).catch((err: unknown) => {
        const code = (err as { code?: string }).code;
        if (code === 'E_TOO_LARGE') throw tooLarge(OUTBOUND_MESSAGE_MAX_BYTES + 1);
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EINVAL' || code === 'EBUSY') throw syncErrors.fileUnreadable(index, code);
        throw err;
      });
      used += stored.size;
    }
    vault.updateOutbox({ id: outboxId, state: 'queued' });
  } catch (err) {
    await vault.sync.discardOutboxItem(outboxId);
    throw err;
  }
  return { outboxId, clientMessageId };
}

export interface FlushReport {
  sent: Array<{ outboxId: number; messageId: number }>;
  /** Refused for good by the server (e.g. the case is no longer visible): the employee must act. */
  failed: Array<{ outboxId: number; code: string }>;
}

/** Matches each queued file to the server's attachment: an attachment keeps its upload's id. */
function sentFiles(files: OutboxAttachmentRecord[], uploads: Upload[], message: Message) {
  return files.map((f, i) => {
    const a = message.attachments.find((x) => x.id === uploads[i]?.id)
      ?? message.attachments.find((x) => x.sha256 === f.sha256 && x.size === f.size && x.fileName === f.fileName);
    if (!a) throw syncErrors.protocol('createMessage', 201);
    return { outboxAttachmentId: f.id, serverAttachmentId: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256 };
  });
}

/**
 * The thread of a new-thread item, created on the server first. Recorded in the vault as the change
 * feed would (upsert by the server's id, so the later thread.created event is a no-op) and on the item,
 * so a later attempt goes straight to the message.
 */
async function ensureThread(vault: Vault, client: ServerClient, item: OutboxRecord, serverCaseId: string, options: UploadOptions) {
  if (item.threadId !== null) return vault.sync.getThread(item.threadId);
  const created = await client.call('createThread', {
    params: { caseId: serverCaseId },
    body: { subject: item.subject },
    idempotencyKey: threadKeyFor(item.clientMessageId),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (created.caseId !== serverCaseId) throw syncErrors.protocol('createThread', 201);
  const threadId = vault.batch((v) => {
    const id = v.upsertThread({ caseId: item.caseId, serverThreadId: created.id, subject: created.subject, createdAt: created.createdAt });
    v.setOutboxThread(item.id, id);
    return id;
  });
  return vault.sync.getThread(threadId);
}

async function sendOne(vault: Vault, client: ServerClient, item: OutboxRecord, options: UploadOptions): Promise<number> {
  const serverCaseId = vault.sync.serverCaseIdFor(item.caseId);
  if (serverCaseId === undefined) throw syncErrors.notSynced('case');
  const thread = await ensureThread(vault, client, item, serverCaseId, options);
  if (!thread) throw syncErrors.notSynced('thread');
  const files = vault.sync.listOutboxAttachments(item.id);
  const uploads: Upload[] = [];
  for (const [index, file] of files.entries()) {
    uploads.push(await uploadOutboxFile(vault, client, file, { serverCaseId, idempotencyKey: uploadKeyFor(item.clientMessageId, index) }, options));
  }
  const message = await client.call('createMessage', {
    params: { caseId: serverCaseId, threadId: thread.serverThreadId },
    body: { body: item.body, uploadIds: uploads.map((u) => u.id) },
    idempotencyKey: item.clientMessageId,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const messageId = vault.batch((v) => applyMessage(v, message, { events: 0, cases: 0, threads: 0, messages: 0, attachments: 0, blocked: 0 }));
  if (messageId === undefined) throw syncErrors.notSynced('thread');
  await vault.sync.completeOutboxSend({ outboxId: item.id, messageId, files: sentFiles(files, uploads, message) });
  return messageId;
}

/**
 * Sends every queued reply, oldest first. A transient failure (offline, server busy, sign-in needed)
 * puts the item back in the queue and stops the run, so the engine retries with backoff.
 */
export async function flushOutbox(vault: Vault, client: ServerClient, options: UploadOptions = {}): Promise<FlushReport> {
  const report: FlushReport = { sent: [], failed: [] };
  for (const item of vault.listOutbox()) {
    if (item.state !== 'queued' && item.state !== 'sending') continue;
    vault.updateOutbox({ id: item.id, state: 'sending' });
    try {
      report.sent.push({ outboxId: item.id, messageId: await sendOne(vault, client, item, options) });
    } catch (err) {
      const e = toAppError(err);
      if (e.code === 'E_LOCKED') throw e;
      if (isTransient(e) || needsSignIn(e) || e.code === 'E_CANCELLED') {
        vault.updateOutbox({ id: item.id, state: 'queued', lastErrorCode: e.code });
        throw e;
      }
      vault.updateOutbox({ id: item.id, state: 'failed', lastErrorCode: e.code });
      report.failed.push({ outboxId: item.id, code: e.code });
    }
  }
  return report;
}

/** Removes items a crash left half-prepared (their files were still being copied). */
export async function discardUnfinishedReplies(vault: Vault): Promise<number> {
  const stale = vault.listOutbox('failed').filter((i) => i.lastErrorCode === PREPARING);
  for (const item of stale) await vault.sync.discardOutboxItem(item.id);
  return stale.length;
}
