/**
 * Resumable uploads (protocol described in shared/protocol/uploads.ts). Bytes are streamed from the
 * socket to <data>/uploads/<id>.part and never held whole in memory; the file on disk is the truth
 * about the offset, so a connection that drops mid-body simply leaves a shorter file to resume from.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { blockedFileMessage, checkFileName } from '../../shared/blocked-extensions';
import { routes } from '../../shared/protocol/routes';
import { UPLOAD_CONTENT_TYPE, UPLOAD_OFFSET_HEADER, UploadOffsetHeaderSchema } from '../../shared/protocol/uploads';
import type { ServerContext } from '../context';
import { defineRoute } from '../http/define-route';
import { createIdempotently } from '../http/idempotency';
import { fail, notFound } from '../http/problem';
import { findVisibleCase } from '../store/cases';
import { completeUpload, deleteUploadRow, findOwnUpload, insertUpload, openUploadTotals, toUpload, type UploadRow } from '../store/uploads';
import { messageLimitFor, tooLarge } from './case-routes';

const EMPTY_SHA256 = createHash('sha256').digest('hex');
const CHUNK = 1024 * 1024;

async function sizeOnDisk(file: string): Promise<number> {
  try { return (await fsp.stat(file)).size; } catch { return 0; }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file, { highWaterMark: CHUNK }), hash);
  return hash.digest('hex');
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fsp.open(file, 'r+');
  try { await handle.datasync(); } finally { await handle.close(); }
}

/** Names are shown and printed; path separators and control characters have no business in them. */
function checkUploadName(name: string): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(name)) {
    throw fail('E_VALIDATION', 'The file name contains a path separator or a control character. Rename the file and attach it again.');
  }
  const verdict = checkFileName(name);
  if (verdict.blocked) throw fail('E_BLOCKED_FILE_TYPE', blockedFileMessage(verdict), { extension: verdict.extension, reason: verdict.reason });
}

/** An account may hold only so many unsent uploads, and bytes, at once (abandoned ones expire). */
function checkUploadQuota(ctx: ServerContext, accountId: string, size: number): void {
  const { maxOpenUploadsPerAccount: maxCount, maxOpenUploadBytesPerAccount: maxBytes } = ctx.abuse.limits;
  const open = openUploadTotals(ctx.db, accountId);
  if (open.count + 1 > maxCount || open.bytes + size > maxBytes) {
    throw fail('E_UPLOAD_QUOTA_EXCEEDED',
      'This account has too many files uploaded but not yet sent. Send or delete them (unsent uploads expire by themselves), then try again.',
      { openUploads: open.count, openBytes: open.bytes, maxOpenUploads: maxCount, maxOpenBytes: maxBytes });
  }
}

export function registerUploadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db } = ctx;
  // The PATCH body is a raw stream: leave it unread for the handler.
  app.addContentTypeParser(UPLOAD_CONTENT_TYPE, (_request, _payload, done) => done(null, undefined));

  const ownUpload = (accountId: string, uploadId: string): UploadRow => {
    const row = findOwnUpload(db, accountId, uploadId);
    if (!row) throw notFound('upload');
    return row;
  };

  defineRoute(app, ctx, routes.createUpload, ({ account, body, request, reply }) =>
    createIdempotently(ctx, request, reply, account.id, 201, () => {
      if (!findVisibleCase(db, account.id, body.caseId)) throw notFound('case');
      checkUploadName(body.fileName);
      const { maxBytes } = messageLimitFor(account);
      if (body.size > maxBytes) throw tooLarge(body.size, maxBytes);
      checkUploadQuota(ctx, account.id, body.size);
      const row: UploadRow = {
        id: randomUUID(), account_id: account.id, case_id: body.caseId, file_name: body.fileName, content_type: body.contentType,
        size: body.size, state: body.size === 0 ? 'complete' : 'receiving', sha256: body.size === 0 ? EMPTY_SHA256 : null,
        created_at: new Date().toISOString(),
      };
      fs.writeFileSync(ctx.dir.upload(row.id), new Uint8Array(0));
      insertUpload(db, row);
      return { body: toUpload(row, 0) };
    }));

  defineRoute(app, ctx, routes.getUpload, async ({ account, params }) => {
    const row = ownUpload(account.id, params.uploadId);
    return toUpload(row, row.state === 'receiving' ? await sizeOnDisk(ctx.dir.upload(row.id)) : row.size);
  });

  defineRoute(app, ctx, routes.deleteUpload, async ({ account, params, reply }) => {
    const row = ownUpload(account.id, params.uploadId);
    if (row.state === 'used') throw fail('E_UPLOAD_ALREADY_USED', 'This upload belongs to a sent message and cannot be deleted.');
    if (ctx.busyUploads.has(row.id)) throw fail('E_UPLOAD_BUSY', 'Bytes are still arriving for this upload. Stop the transfer, then delete it.');
    deleteUploadRow(db, row.id);
    await fsp.rm(ctx.dir.upload(row.id), { force: true });
    return reply.code(204).send();
  });

  defineRoute(app, ctx, routes.appendUpload, async ({ account, params, request, reply }) => {
    const row = ownUpload(account.id, params.uploadId);
    const claimed = UploadOffsetHeaderSchema.safeParse(request.headers[UPLOAD_OFFSET_HEADER]);
    if (!claimed.success) throw fail('E_VALIDATION', 'Send the Upload-Offset header with the offset the server reported.');
    if (row.state !== 'receiving') {
      if (claimed.data === row.size) return toUpload(row, row.size);
      throw fail('E_UPLOAD_OFFSET_MISMATCH', 'This upload is already complete.', { offset: row.size });
    }
    const ct = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (ct !== UPLOAD_CONTENT_TYPE) throw fail('E_UNSUPPORTED_MEDIA_TYPE', `Send upload bytes as ${UPLOAD_CONTENT_TYPE}.`);
    if (ctx.busyUploads.has(row.id)) throw fail('E_UPLOAD_BUSY', 'Another transfer for this upload is still running. Wait a moment, read the offset again and resume.');

    ctx.busyUploads.add(row.id);
    try {
      const file = ctx.dir.upload(row.id);
      const offset = await sizeOnDisk(file);
      if (claimed.data !== offset) {
        throw fail('E_UPLOAD_OFFSET_MISMATCH', 'The server holds a different number of bytes. Read the upload again and resume from its offset.', { offset });
      }
      const room = row.size - offset;
      let received = 0;
      let overflow = false;
      const guard = new Transform({
        transform(chunk: Buffer, _enc, done) {
          received += chunk.length;
          if (received > room) { overflow = true; done(new Error('more bytes than declared')); return; }
          done(null, chunk);
        },
      });
      try {
        await pipeline(request.raw, guard, fs.createWriteStream(file, { flags: 'a', highWaterMark: CHUNK }));
      } catch (error) {
        if (overflow) {
          // A refused upload leaves nothing behind.
          deleteUploadRow(db, row.id);
          await fsp.rm(file, { force: true });
          reply.header('connection', 'close');
          throw fail('E_UPLOAD_EXCEEDS_DECLARED_SIZE', 'The file sent is larger than the size announced, so the upload was discarded. Start the upload again.', { declaredSize: row.size });
        }
        throw error; // the client went away; what reached the disk stays for a resume
      }
      const now = offset + received;
      if (now === row.size) {
        await fsyncFile(file);
        completeUpload(db, row.id, await sha256OfFile(file));
      }
      return toUpload(findOwnUpload(db, account.id, row.id)!, now);
    } finally {
      ctx.busyUploads.delete(row.id);
    }
  });
}
