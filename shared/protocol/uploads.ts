/**
 * Resumable uploads (a small offset protocol, modelled on tus 1.0 core):
 *   1. POST /v1/uploads {caseId, fileName, size, contentType}  -> Upload {id, offset: 0}
 *      Refused at once if the name is blocked or the size alone exceeds the sender's per-message limit.
 *   2. PATCH /v1/uploads/{id} with `Upload-Offset: <offset>` and Content-Type application/offset+octet-stream;
 *      the body is streamed to disk. After a dropped connection, GET /v1/uploads/{id} tells the offset
 *      the server holds; continue from there. Bytes beyond the declared size refuse the upload and
 *      delete it (nothing stays behind).
 *   3. When offset == size the server hashes the file and the upload is `complete` with its SHA-256.
 *   4. POST a message with the upload ids; the sum of all sizes is checked against the limit again.
 */
import { z } from 'zod';
import { IdSchema, InstantSchema, Sha256HexSchema } from './common';

export const UPLOAD_CONTENT_TYPE = 'application/offset+octet-stream';

/*
 * A declared content type is sent back as the Content-Type header of every download, so it must be a
 * media type as RFC 9110 (8.3.1) writes it, in printable ASCII only: `type/subtype` tokens, then
 * `; name=value` parameters (value a token or a quoted string), separated by spaces at most. CR, LF,
 * tabs, U+2028 and every other control or non-ASCII character are refused.
 */
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED_STRING = '"(?:[ !#-\\[\\]-~]|\\\\[ -~])*"';
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?: *; *${TOKEN}=(?:${TOKEN}|${QUOTED_STRING}))*$`);

export function isMediaType(value: string): boolean {
  return MEDIA_TYPE.test(value);
}

export const MediaTypeSchema = z.string().min(1).max(255)
  .refine(isMediaType, 'must be a media type such as application/pdf (ASCII, no control characters)');
export const UPLOAD_OFFSET_HEADER = 'upload-offset';

export const CreateUploadRequestSchema = z.object({
  caseId: IdSchema,
  fileName: z.string().min(1).max(255),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  contentType: MediaTypeSchema.default('application/octet-stream'),
}).strict().meta({ id: 'CreateUploadRequest' });
export type CreateUploadRequest = z.input<typeof CreateUploadRequestSchema>;

export const UploadStateSchema = z.enum(['receiving', 'complete', 'used']);

export const UploadSchema = z.object({
  id: IdSchema,
  caseId: IdSchema,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  state: UploadStateSchema,
  sha256: Sha256HexSchema.nullable(),
  createdAt: InstantSchema,
}).meta({ id: 'Upload' });
export type Upload = z.infer<typeof UploadSchema>;

export const UploadParamsSchema = z.object({ uploadId: IdSchema });
export const UploadOffsetHeaderSchema = z.coerce.number().int().nonnegative();
