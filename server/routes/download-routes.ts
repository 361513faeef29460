/**
 * Attachment downloads: streamed from disk with Range, If-Range and If-None-Match. The ETag is the
 * file's SHA-256 (files never change), and the SHA-256 also travels in Repr-Digest and X-Content-SHA256
 * so a client can verify a download it resumed in pieces.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { routes } from '../../shared/protocol/routes';
import { isMediaType } from '../../shared/protocol/uploads';
import type { ServerContext } from '../context';
import { defineRoute } from '../http/define-route';
import { parseByteRange } from '../http/byte-range';
import { fail, notFound } from '../http/problem';
import { findVisibleAttachment } from '../store/messages';

const CHUNK = 1024 * 1024;

const etagMatches = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').map((s) => s.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');

export function registerDownloadRoutes(app: FastifyInstance, ctx: ServerContext): void {
  defineRoute(app, ctx, routes.downloadAttachment, ({ account, params, request, reply }) => {
    const attachment = findVisibleAttachment(ctx.db, account.id, params.attachmentId);
    if (!attachment) throw notFound('attachment');
    const { size, sha256 } = attachment;
    const etag = `"sha256-${sha256}"`;
    reply.headers({
      'accept-ranges': 'bytes',
      etag,
      'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`,
      'x-content-sha256': sha256,
      'cache-control': 'private, no-cache',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      'x-content-type-options': 'nosniff',
    });
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();

    const ifRange = request.headers['if-range'];
    const rangeApplies = ifRange === undefined || ifRange === etag;
    const range = rangeApplies ? parseByteRange(request.headers.range, size) : { kind: 'none' as const };
    const file = ctx.dir.blob(attachment.id);
    if (range.kind === 'unsatisfiable') {
      reply.header('content-range', `bytes */${size}`);
      throw fail('E_RANGE_NOT_SATISFIABLE', 'The requested byte range lies beyond the end of the file. Request a range within its size.', { size });
    }
    // Types are checked at upload; a row stored before that check must not break the header (or inject one).
    reply.type(isMediaType(attachment.contentType) ? attachment.contentType : 'application/octet-stream');
    if (range.kind === 'range') {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`).header('content-length', range.end - range.start + 1);
      return reply.send(fs.createReadStream(file, { start: range.start, end: range.end, highWaterMark: CHUNK }));
    }
    reply.header('content-length', size);
    return reply.send(size === 0 ? '' : fs.createReadStream(file, { highWaterMark: CHUNK }));
  });
}
