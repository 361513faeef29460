/**
 * Building blocks shared by every part of the Secure Messaging protocol: ids, instants, the problem
 * document every error answers with, and the error codes a client can act on.
 */
import { z } from 'zod';

/** Server-assigned identifiers are UUIDs; clients never invent them. */
export const IdSchema = z.uuid().meta({ description: 'Server-assigned identifier (UUID).' });
export type Id = z.infer<typeof IdSchema>;

/** An instant in UTC as ISO 8601 with milliseconds, e.g. 2025-04-21T14:03:07.123Z. */
export const InstantSchema = z.iso.datetime().meta({ description: 'Instant in UTC (ISO 8601).' });

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'SHA-256, lower-case hex.' });

/**
 * Stable error codes. The client chooses what to show from the code; `detail` is already written for
 * a person and never contains taxpayer data (names, TINs, bodies, file names).
 */
export const PROTOCOL_ERROR_CODES = [
  'E_VALIDATION',
  'E_UNAUTHENTICATED',
  'E_TOKEN_EXPIRED',
  'E_INVALID_CREDENTIALS',
  'E_RATE_LIMITED',
  'E_FORBIDDEN',
  'E_NOT_FOUND',
  'E_METHOD_NOT_ALLOWED',
  'E_MESSAGE_TOO_LARGE',
  'E_BLOCKED_FILE_TYPE',
  'E_IDEMPOTENCY_KEY_REQUIRED',
  'E_IDEMPOTENCY_KEY_REUSED',
  'E_UPLOAD_OFFSET_MISMATCH',
  'E_UPLOAD_BUSY',
  'E_UPLOAD_EXCEEDS_DECLARED_SIZE',
  'E_UPLOAD_INCOMPLETE',
  'E_UPLOAD_ALREADY_USED',
  /** The account holds too many unsent uploads (count or bytes); send or delete some, or wait for expiry. */
  'E_UPLOAD_QUOTA_EXCEEDED',
  'E_UNSUPPORTED_MEDIA_TYPE',
  'E_RANGE_NOT_SATISFIABLE',
  'E_SERVICE_UNAVAILABLE',
  'E_INTERNAL',
] as const;
export const ProtocolErrorCodeSchema = z.enum(PROTOCOL_ERROR_CODES);
export type ProtocolErrorCode = z.infer<typeof ProtocolErrorCodeSchema>;

/** RFC 9457 problem document (media type application/problem+json) with a stable `code`. */
export const ProblemSchema = z.object({
  type: z.string().meta({ description: 'URI naming the problem type (about:blank or urn:scoic:problem:<code>).' }),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().meta({ description: 'What happened and what to do. Never contains taxpayer data.' }),
  code: ProtocolErrorCodeSchema,
  details: z.record(z.string(), z.unknown()).optional().meta({ description: 'Machine-readable detail (limits, offsets, field paths).' }),
}).meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
