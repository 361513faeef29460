/**
 * The error codes sync emits besides the server's own (shared/protocol/common.ts), each with a message
 * an employee can act on, and the one rule that says which failures are worth retrying.
 * Messages never carry SBU content (names, TINs, bodies, file names).
 */
import { AppError, HardeningErrorCodes, isAppError } from '../../shared/errors';

export const syncErrors = {
  offline: (why: string) => new AppError('E_OFFLINE',
    'The Secure Messaging server cannot be reached. Your cases stay available; replies wait in the outbox and are sent when the connection returns.',
    { why }),
  timeout: (ms: number) => new AppError('E_TIMEOUT',
    'The Secure Messaging server did not answer in time. Sync will try again shortly; check the network if this persists.', { timeoutMs: ms }),
  cancelled: () => new AppError('E_CANCELLED', 'The transfer was stopped.'),
  protocol: (operation: string, status: number) => new AppError('E_PROTOCOL',
    'The server answered in an unexpected format. Sync will try again; if this persists, report it to IT support.', { operation, status }),
  redirectRefused: (operation: string, status: number) => new AppError('E_REDIRECT_REFUSED',
    'The connection to the Secure Messaging server was redirected to another address, so nothing was sent there. On a hotel or public network, sign in to that network first; otherwise report this to IT support. Sync will try again.',
    { operation, status }),
  serverError: (operation: string, status: number) => new AppError('E_SERVER_ERROR',
    'The Secure Messaging server reported an error. Sync will try again shortly.', { operation, status }),
  signInRequired: () => new AppError('E_SIGN_IN_REQUIRED',
    'Sign in to Secure Messaging with your e-Gain ID and password to sync. Your cases and queued replies are kept.'),
  notSynced: (what: 'case' | 'thread') => new AppError('E_NOT_SYNCED',
    `This ${what} has not been synced with the server yet, so a reply cannot be addressed. Sync, then try again.`),
  invalidReply: (issues: string) => new AppError('E_INVALID_INPUT',
    `The reply could not be queued (${issues}). This is a program error; report it to IT support.`),
  // Hardening (issue 10): any request the client refuses to send, named by its operation (a sign-in is not a reply).
  invalidRequest: (operation: string, issues: string) => new AppError('E_INVALID_INPUT',
    `The request to the Secure Messaging server (${operation}) was not sent because it was malformed (${issues}). This is a program error; report it to IT support.`,
    { operation }),
  emptyReply: () => new AppError('E_EMPTY_MESSAGE', 'Write a message or attach a file before sending.'),
  fileUnreadable: (index: number, why: string) => new AppError('E_FILE_UNREADABLE',
    `Attachment ${index + 1} cannot be read. Check that the file still exists and is not open in another program, then attach it again.`,
    { index, why }),
  tooManyFiles: (max: number) => new AppError('E_TOO_MANY_FILES', `A message can carry at most ${max} files. Send the rest in another message.`, { max }),
  checksumMismatch: (expected: string, actual: string) => new AppError('E_HASH_MISMATCH',
    'A downloaded attachment did not match the checksum the server sent, so it was not saved. Sync will report it; ask IT support if it keeps happening.',
    { expected, actual }),
  downloadChanged: () => new AppError('E_DOWNLOAD_CHANGED',
    'The attachment changed on the server while it was downloading, so the partial copy was discarded. Sync will download it again.'),
  // Hardening (issue 10): a server that sends more than it announced.
  downloadLargerThanAnnounced: (announced: number) => new AppError(HardeningErrorCodes.downloadLargerThanAnnounced,
    'The server sent more bytes for an attachment than it announced, so the download was stopped and nothing was saved. Report it to IT support.',
    { announced }),
} as const;

/** Failures that go away by themselves: try again later (with backoff) rather than give up. */
const TRANSIENT = new Set([
  'E_OFFLINE', 'E_TIMEOUT', 'E_SERVICE_UNAVAILABLE', 'E_INTERNAL', 'E_SERVER_ERROR', 'E_RATE_LIMITED', 'E_UPLOAD_BUSY',
  'E_PROTOCOL', 'E_DOWNLOAD_CHANGED', 'E_UPLOAD_OFFSET_MISMATCH',
  // A network's sign-in page (captive portal) redirects every request until the employee signs in to it.
  'E_REDIRECT_REFUSED',
  // The server's quota of unsent uploads for this account: room comes back as uploads finish or expire.
  'E_UPLOAD_QUOTA_EXCEEDED',
]);
/** Failures that a new sign-in fixes: keep the work queued until then. */
const NEEDS_SIGN_IN = new Set(['E_SIGN_IN_REQUIRED', 'E_UNAUTHENTICATED', 'E_TOKEN_EXPIRED', 'E_INVALID_CREDENTIALS']);

export function isTransient(err: unknown): boolean {
  return isAppError(err) && TRANSIENT.has(err.code);
}

export function needsSignIn(err: unknown): boolean {
  return isAppError(err) && NEEDS_SIGN_IN.has(err.code);
}

/** Any thrown value as an AppError (unexpected ones keep no message text: it could carry SBU data). */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isAppError(err)) return new AppError(err.code, err.message);
  return new AppError('E_INTERNAL', 'Sync hit an unexpected problem and will try again. If this persists, report it to IT support.');
}
