/**
 * Every error leaves the server as an RFC 9457 problem document with a stable `code`. Services throw
 * AppError (shared/errors.ts); this maps codes to HTTP statuses and shapes the document.
 */
import { AppError } from '../../shared/errors';
import { PROBLEM_MEDIA_TYPE, type Problem, type ProtocolErrorCode } from '../../shared/protocol/common';

const STATUS: Record<ProtocolErrorCode, { status: number; title: string }> = {
  E_VALIDATION: { status: 400, title: 'Invalid request' },
  E_UNAUTHENTICATED: { status: 401, title: 'Sign-in required' },
  E_TOKEN_EXPIRED: { status: 401, title: 'Session expired' },
  E_INVALID_CREDENTIALS: { status: 401, title: 'Sign-in failed' },
  E_RATE_LIMITED: { status: 429, title: 'Too many attempts' },
  E_FORBIDDEN: { status: 403, title: 'Not allowed' },
  E_NOT_FOUND: { status: 404, title: 'Not found' },
  E_METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  E_MESSAGE_TOO_LARGE: { status: 413, title: 'Message too large' },
  E_BLOCKED_FILE_TYPE: { status: 422, title: 'File type not allowed' },
  E_IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Idempotency-Key required' },
  E_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused' },
  E_UPLOAD_OFFSET_MISMATCH: { status: 409, title: 'Upload offset mismatch' },
  E_UPLOAD_BUSY: { status: 409, title: 'Upload in progress' },
  E_UPLOAD_EXCEEDS_DECLARED_SIZE: { status: 413, title: 'Upload larger than declared' },
  E_UPLOAD_INCOMPLETE: { status: 409, title: 'Upload incomplete' },
  E_UPLOAD_ALREADY_USED: { status: 409, title: 'Upload already sent' },
  E_UPLOAD_QUOTA_EXCEEDED: { status: 429, title: 'Too many unsent uploads' },
  E_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  E_RANGE_NOT_SATISFIABLE: { status: 416, title: 'Range not satisfiable' },
  E_SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  E_INTERNAL: { status: 500, title: 'Internal error' },
};

export function isProtocolErrorCode(code: string): code is ProtocolErrorCode {
  return Object.hasOwn(STATUS, code);
}

export function problemFor(code: ProtocolErrorCode, detail: string, details?: Record<string, unknown>): Problem {
  const { status, title } = STATUS[code];
  const problem: Problem = { type: `urn:scoic:problem:${code}`, title, status, detail, code };
  if (details !== undefined) problem.details = details;
  return problem;
}

export function problemFromAppError(error: AppError): Problem {
  const code = isProtocolErrorCode(error.code) ? error.code : 'E_INTERNAL';
  return problemFor(code, error.message, error.details);
}

export { PROBLEM_MEDIA_TYPE };

/** Shorthand used by handlers: `throw fail('E_NOT_FOUND', '...')`. */
export function fail(code: ProtocolErrorCode, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(code, message, details);
}

export const notFound = (what: string): AppError =>
  fail('E_NOT_FOUND', `No ${what} with this id is available to your account. Check the link or refresh your case list.`);
