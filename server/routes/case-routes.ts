/** Cases, threads and messages: reads, thread creation and sending. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/routes';
import type { Message } from '../../shared/protocol/cases';
import { INBOUND_MESSAGE_MAX_BYTES, OUTBOUND_MESSAGE_MAX_BYTES, formatBytes } from '../../shared/limits';
import type { ServerContext } from '../context';
import { defineRoute } from '../http/define-route';
import { createIdempotently } from '../http/idempotency';
import { fail, notFound } from '../http/problem';
import type { AccountRow } from '../store/accounts';
import { findVisibleCase, getThread, insertThread, listThreads, listVisibleCases, toCase, touchCase } from '../store/cases';
import { appendEvent } from '../store/events';
import { findVisibleMessage, insertMessage, listMessages } from '../store/messages';
import { findOwnUpload, markUploadUsed, type UploadRow } from '../store/uploads';
import { notifyMessageWaiting } from '../notify/message-waiting';

/** The per-message limit depends on who sends: employees send at most 150 MiB, taxpayers 1 GiB. */
export function messageLimitFor(account: AccountRow): { maxBytes: number; direction: Message['direction'] } {
  return account.role === 'employee'
    ? { maxBytes: OUTBOUND_MESSAGE_MAX_BYTES, direction: 'outbound' }
    : { maxBytes: INBOUND_MESSAGE_MAX_BYTES, direction: 'inbound' };
}

export function tooLarge(bytes: number, maxBytes: number) {
  return fail('E_MESSAGE_TOO_LARGE',
    `The attachments of one message may total at most ${formatBytes(maxBytes)}; these total ${formatBytes(bytes)}. Send the files in several messages.`,
    { limitBytes: maxBytes, totalBytes: bytes });
}

export function registerCaseRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db } = ctx;
  const visibleCase = (account: AccountRow, caseId: string) => {
    const row = findVisibleCase(db, account.id, caseId);
    if (!row) throw notFound('case');
    return row;
  };

  defineRoute(app, ctx, routes.listCases, ({ account }) => ({ cases: listVisibleCases(db, account.id) }));

  defineRoute(app, ctx, routes.getCase, ({ account, params }) => toCase(db, visibleCase(account, params.caseId)));

  defineRoute(app, ctx, routes.listThreads, ({ account, params }) => {
    visibleCase(account, params.caseId);
    return { threads: listThreads(db, params.caseId) };
  });

  defineRoute(app, ctx, routes.createThread, ({ account, params, body, request, reply }) =>
    createIdempotently(ctx, request, reply, account.id, 201, () => {
      visibleCase(account, params.caseId);
      const now = new Date().toISOString();
      const thread = insertThread(db, { id: randomUUID(), caseId: params.caseId, subject: body.subject, createdBy: account.id, createdAt: now });
      appendEvent(db, params.caseId, now, { type: 'thread.created', thread });
      return { body: thread, afterCommit: () => ctx.changes.notify() };
    }));

  defineRoute(app, ctx, routes.listMessages, ({ account, params }) => {
    visibleCase(account, params.caseId);
    if (!getThread(db, params.caseId, params.threadId)) throw notFound('thread');
    return { messages: listMessages(db, params.threadId) };
  });

  defineRoute(app, ctx, routes.getMessage, ({ account, params }) => {
    const message = findVisibleMessage(db, account.id, params.messageId);
    if (!message) throw notFound('message');
    return message;
  });

  defineRoute(app, ctx, routes.createMessage, ({ account, params, body, request, reply }) =>
    createIdempotently(ctx, request, reply, account.id, 201, () => {
      visibleCase(account, params.caseId);
      if (!getThread(db, params.caseId, params.threadId)) throw notFound('thread');
      if (body.body.trim() === '' && body.uploadIds.length === 0) {
        throw fail('E_VALIDATION', 'A message needs some text or at least one attachment.');
      }
      if (new Set(body.uploadIds).size !== body.uploadIds.length) throw fail('E_VALIDATION', 'An upload is listed twice. List each attachment once.');
      const uploads: UploadRow[] = body.uploadIds.map((id) => {
        const u = findOwnUpload(db, account.id, id);
        if (!u || u.case_id !== params.caseId) throw notFound('upload');
        if (u.state === 'used') throw fail('E_UPLOAD_ALREADY_USED', 'An attachment was already sent with another message. Attach the file again.');
        if (u.state !== 'complete') throw fail('E_UPLOAD_INCOMPLETE', 'An attachment has not finished uploading. Wait for the upload to complete, then send.');
        return u;
      });
      const { maxBytes, direction } = messageLimitFor(account);
      const total = uploads.reduce((s, u) => s + u.size, 0);
      if (total > maxBytes) throw tooLarge(total, maxBytes);

      const receivedAt = new Date().toISOString();
      // An attachment keeps its upload's id, so the bytes can be matched to their record after a crash
      // between the rename below and the commit (see recover-files.ts).
      const attachments = uploads.map((u) => ({ id: u.id, upload: u }));
      const message = insertMessage(db, {
        id: randomUUID(), caseId: params.caseId, threadId: params.threadId, senderId: account.id, direction,
        body: body.body, receivedAt,
        attachments: attachments.map(({ id, upload: u }) => ({ id, fileName: u.file_name, contentType: u.content_type, size: u.size, sha256: u.sha256! })),
      });
      for (const u of uploads) markUploadUsed(db, u.id);
      touchCase(db, params.caseId, receivedAt);
      appendEvent(db, params.caseId, receivedAt, { type: 'message.created', message });
      // Last step inside the transaction: adopt the uploaded bytes. If a rename fails, undo the
      // earlier ones so the rollback leaves the uploads as they were.
      const moved: Array<[string, string]> = [];
      try {
        for (const { id, upload } of attachments) {
          fs.renameSync(ctx.dir.upload(upload.id), ctx.dir.blob(id));
          moved.push([ctx.dir.blob(id), ctx.dir.upload(upload.id)]);
        }
      } catch (error) {
        for (const [from, to] of moved) fs.renameSync(from, to);
        throw error;
      }
      return {
        body: message,
        afterCommit: () => {
          ctx.changes.notify();
          notifyMessageWaiting(db, ctx.mail, message).catch(() => ctx.logWarning('a notification e-mail could not be written'));
        },
      };
    }));
}
