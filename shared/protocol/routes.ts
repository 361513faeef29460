/**
 * The route table: every endpoint of the protocol, once. The server registers its handlers against
 * these entries, the OpenAPI document is generated from them, and tests walk them to check that every
 * route is documented and every response matches its schema.
 */
import { z } from 'zod';
import { AccountSchema, RefreshRequestSchema, SignInRequestSchema, SignOutResponseSchema, TokenResponseSchema } from './auth';
import {
  AttachmentParamsSchema, CaseListResponseSchema, CaseParamsSchema, CaseSchema, CreateMessageRequestSchema,
  CreateThreadRequestSchema, MessageListResponseSchema, MessageParamsSchema, MessageSchema, ThreadListResponseSchema,
  ThreadParamsSchema, ThreadSchema,
} from './cases';
import { ChangesQuerySchema, ChangesResponseSchema } from './changes';
import { CreateUploadRequestSchema, UPLOAD_CONTENT_TYPE, UploadParamsSchema, UploadSchema } from './uploads';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD';

export interface ResponseSpec {
  readonly description: string;
  /** JSON body schema; absent for binary or empty bodies. */
  readonly schema?: z.ZodType;
  /** Non-JSON body (e.g. application/octet-stream); documented as binary. */
  readonly mediaType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RouteSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI-style path, e.g. /v1/cases/{caseId}. */
  readonly path: string;
  readonly summary: string;
  /** Bearer token required. */
  readonly auth: boolean;
  /** POSTs that create something require an Idempotency-Key header. */
  readonly idempotent?: boolean;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Raw (streamed) request body of this media type instead of JSON. */
  readonly rawBody?: string;
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
}

const route = <const R extends RouteSpec>(r: R): R => r;

const HealthResponseSchema = z.object({ status: z.literal('ok'), version: z.string(), demo: z.boolean() });
export const OpenApiDocumentSchema = z.record(z.string(), z.unknown());
export { HealthResponseSchema };

const DOWNLOAD_HEADERS = {
  ETag: 'Strong validator derived from the SHA-256 of the file.',
  'Accept-Ranges': 'Always `bytes`.',
  'Repr-Digest': 'RFC 9530 digest of the whole file: `sha-256=:<base64>:`.',
  'X-Content-SHA256': 'SHA-256 of the whole file, lower-case hex (also for partial responses).',
  'Content-Range': 'For 206 and 416 responses.',
} as const;

export const routes = {
  health: route({
    operationId: 'health', method: 'GET', path: '/v1/health', summary: 'Liveness and version.', auth: false,
    responses: { 200: { description: 'The server is up.', schema: HealthResponseSchema } },
  }),
  openApi: route({
    operationId: 'openApi', method: 'GET', path: '/v1/openapi.json', summary: 'This OpenAPI 3.1 document.', auth: false,
    responses: { 200: { description: 'OpenAPI 3.1 document.', schema: OpenApiDocumentSchema } },
  }),
  signIn: route({
    operationId: 'signIn', method: 'POST', path: '/v1/auth/sign-in',
    summary: 'Sign in: employees with e-Gain ID (access code) and password, taxpayers and representatives with user name and password. Rate limited.',
    auth: false, body: SignInRequestSchema,
    responses: {
      200: { description: 'Signed in.', schema: TokenResponseSchema },
      401: { description: 'Wrong credentials (E_INVALID_CREDENTIALS).' },
      429: { description: 'Too many attempts (E_RATE_LIMITED).' },
    },
  }),
  refresh: route({
    operationId: 'refresh', method: 'POST', path: '/v1/auth/refresh',
    summary: 'Trade a refresh token for a new access token and refresh token (rotation).', auth: false, body: RefreshRequestSchema,
    responses: { 200: { description: 'New tokens.', schema: TokenResponseSchema }, 401: { description: 'Unknown, used or expired refresh token.' } },
  }),
  signOut: route({
    operationId: 'signOut', method: 'POST', path: '/v1/auth/sign-out', summary: 'Revoke the current access token and its refresh tokens.', auth: true,
    responses: { 200: { description: 'Signed out.', schema: SignOutResponseSchema } },
  }),
  me: route({
    operationId: 'me', method: 'GET', path: '/v1/me', summary: 'The signed-in account.', auth: true,
    responses: { 200: { description: 'The account.', schema: AccountSchema } },
  }),
  listCases: route({
    operationId: 'listCases', method: 'GET', path: '/v1/cases', summary: 'Cases visible to the account (assigned, own, or under POA).', auth: true,
    responses: { 200: { description: 'Cases.', schema: CaseListResponseSchema } },
  }),
  getCase: route({
    operationId: 'getCase', method: 'GET', path: '/v1/cases/{caseId}', summary: 'One case.', auth: true, params: CaseParamsSchema,
    responses: { 200: { description: 'The case.', schema: CaseSchema }, 404: { description: 'No such case for this account.' } },
  }),
  listThreads: route({
    operationId: 'listThreads', method: 'GET', path: '/v1/cases/{caseId}/threads', summary: 'Threads of a case.', auth: true, params: CaseParamsSchema,
    responses: { 200: { description: 'Threads.', schema: ThreadListResponseSchema }, 404: { description: 'No such case for this account.' } },
  }),
  createThread: route({
    operationId: 'createThread', method: 'POST', path: '/v1/cases/{caseId}/threads', summary: 'Start a thread in a case.', auth: true,
    idempotent: true, params: CaseParamsSchema, body: CreateThreadRequestSchema,
    responses: { 201: { description: 'Created.', schema: ThreadSchema }, 404: { description: 'No such case for this account.' } },
  }),
  listMessages: route({
    operationId: 'listMessages', method: 'GET', path: '/v1/cases/{caseId}/threads/{threadId}/messages', summary: 'Messages of a thread, oldest first.',
    auth: true, params: ThreadParamsSchema,
    responses: { 200: { description: 'Messages.', schema: MessageListResponseSchema }, 404: { description: 'No such thread for this account.' } },
  }),
  createMessage: route({
    operationId: 'createMessage', method: 'POST', path: '/v1/cases/{caseId}/threads/{threadId}/messages',
    summary: 'Send a message with completed uploads as attachments. The server assigns the id and the receipt time; the message can never change afterwards.',
    auth: true, idempotent: true, params: ThreadParamsSchema, body: CreateMessageRequestSchema,
    responses: {
      201: { description: 'Sent.', schema: MessageSchema },
      404: { description: 'No such thread or upload for this account.' },
      409: { description: 'An upload is incomplete or already used.' },
      413: { description: 'Attachments together exceed the per-message limit (E_MESSAGE_TOO_LARGE).' },
    },
  }),
  getMessage: route({
    operationId: 'getMessage', method: 'GET', path: '/v1/messages/{messageId}', summary: 'One message.', auth: true, params: MessageParamsSchema,
    responses: { 200: { description: 'The message.', schema: MessageSchema }, 404: { description: 'No such message for this account.' } },
  }),
  downloadAttachment: route({
    operationId: 'downloadAttachment', method: 'GET', path: '/v1/attachments/{attachmentId}/content',
    summary: 'Download an attachment. Supports Range (one range), If-Range, If-None-Match.', auth: true, params: AttachmentParamsSchema,
    requestHeaders: { Range: 'bytes=first-last, first- or -suffix', 'If-Range': 'ETag; a stale one yields the whole file', 'If-None-Match': 'ETag' },
    responses: {
      200: { description: 'The whole file.', mediaType: 'application/octet-stream', headers: DOWNLOAD_HEADERS },
      206: { description: 'The requested range.', mediaType: 'application/octet-stream', headers: DOWNLOAD_HEADERS },
      304: { description: 'Not modified.' },
      404: { description: 'No such attachment for this account.' },
      416: { description: 'Range beyond the end (E_RANGE_NOT_SATISFIABLE).' },
    },
  }),
  createUpload: route({
    operationId: 'createUpload', method: 'POST', path: '/v1/uploads',
    summary: 'Announce a file to upload. Refused if the name is blocked or the size alone exceeds the per-message limit.',
    auth: true, idempotent: true, body: CreateUploadRequestSchema,
    responses: {
      201: { description: 'Created; send bytes with PATCH.', schema: UploadSchema },
      404: { description: 'No such case for this account.' },
      413: { description: 'E_MESSAGE_TOO_LARGE.' },
      422: { description: 'E_BLOCKED_FILE_TYPE.' },
    },
  }),
  getUpload: route({
    operationId: 'getUpload', method: 'GET', path: '/v1/uploads/{uploadId}', summary: 'State and offset of an upload (resume from `offset`).',
    auth: true, params: UploadParamsSchema,
    responses: { 200: { description: 'The upload.', schema: UploadSchema }, 404: { description: 'No such upload for this account.' } },
  }),
  appendUpload: route({
    operationId: 'appendUpload', method: 'PATCH', path: '/v1/uploads/{uploadId}',
    summary: 'Append bytes at `Upload-Offset`. The body is streamed to disk.', auth: true, params: UploadParamsSchema, rawBody: UPLOAD_CONTENT_TYPE,
    requestHeaders: { 'Upload-Offset': 'The offset the server holds (from createUpload or getUpload).' },
    responses: {
      200: { description: 'Bytes stored; the new offset (and the SHA-256 when complete).', schema: UploadSchema },
      409: { description: 'E_UPLOAD_OFFSET_MISMATCH (details.offset is the server offset) or E_UPLOAD_BUSY.' },
      413: { description: 'More bytes than declared: the upload is deleted (E_UPLOAD_EXCEEDS_DECLARED_SIZE).' },
      415: { description: 'Wrong Content-Type.' },
    },
  }),
  deleteUpload: route({
    operationId: 'deleteUpload', method: 'DELETE', path: '/v1/uploads/{uploadId}', summary: 'Abandon an unused upload and its bytes.', auth: true,
    params: UploadParamsSchema, responses: { 204: { description: 'Deleted.' }, 404: { description: 'No such upload for this account.' } },
  }),
  changes: route({
    operationId: 'changes', method: 'GET', path: '/v1/changes', summary: 'Events after a cursor, in order, with long-polling (`wait` seconds).',
    auth: true, query: ChangesQuerySchema,
    responses: { 200: { description: 'A page of events.', schema: ChangesResponseSchema } },
  }),
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;

/** `/v1/cases/{caseId}` -> `/v1/cases/:caseId` (Fastify's syntax). */
export function toFastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}
