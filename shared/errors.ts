/**
 * Errors travel as plain values with a stable code, so they survive structured cloning (IPC,
 * contextBridge, JSON) and the renderer can decide what to show without parsing messages.
 */
import { z } from 'zod';

/** Every error code is `E_` + upper snake case; each service declares the codes it emits. */
export const ErrorCodeSchema = z.string().regex(/^E_[A-Z0-9_]+$/, 'error codes look like E_SOMETHING');
export type ErrorCode = `E_${string}`;

/**
 * Codes of the main-process previews (images, TIFF pages) and of print packages read back into the
 * viewer, named once here so the renderer can tell them apart without parsing messages.
 */
export const PreviewErrorCodes = {
  /** The page is more pixels than previews decode (a huge scan or a decompression bomb). */
  tooLarge: 'E_PREVIEW_TOO_LARGE',
  /** The file is truncated, damaged, or not the image its content type says. */
  damaged: 'E_PREVIEW_DAMAGED',
  /** The page asked for is not in the file. */
  pageRange: 'E_PREVIEW_PAGE_RANGE',
  /** This kind of file is not decoded by the main process (not an image or TIFF). */
  unsupported: 'E_PREVIEW_UNSUPPORTED',
  /** A print package name this session did not build (or forgot at lock). */
  unknownPackage: 'E_PACKAGE_UNKNOWN',
} as const satisfies Record<string, ErrorCode>;

/** Codes of sync and vault hardening (issue 10), named once so the renderer can tell them apart. */
export const HardeningErrorCodes = {
  /** The server sent more bytes for an attachment than it announced; the download was stopped, nothing kept. */
  downloadLargerThanAnnounced: 'E_DOWNLOAD_LARGER_THAN_ANNOUNCED',
  /** The vault was saved by a newer app version: update the app (the files are not damaged). */
  vaultNewer: 'E_VAULT_NEWER',
} as const satisfies Record<string, ErrorCode>;

/** Codes of the workspace's reads, named once so the renderer can tell them apart. */
export const WorkspaceErrorCodes = {
  /** A case list page token no longer known (the list was not read to its end in time, or the vault locked): read it from the start. */
  caseListExpired: 'E_CASE_LIST_EXPIRED',
} as const satisfies Record<string, ErrorCode>;

export const AppErrorDataSchema = z.object({
  code: ErrorCodeSchema,
  /** What happened and what to do, in words an employee can act on. No SBU content. */
  message: z.string(),
  /** Optional machine-readable detail (field paths, limits). Never SBU content. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppErrorData = { code: ErrorCode; message: string; details?: Record<string, unknown> };

/** The error class services throw; the IPC router turns it into an {@link AppErrorData}. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  if (value instanceof AppError) return true;
  // An AppError from another copy of this module (e.g. a worker bundle) is recognised by shape.
  const code: unknown = value instanceof Error ? (value as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^E_[A-Z0-9_]+$/.test(code);
}

/** A result as a value: what the bridge returns instead of throwing across the process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppErrorData): Result<never> => ({ ok: false, error });
