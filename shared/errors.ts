/**
 * Errors travel as plain values with a stable code, so they survive structured cloning (IPC,
 * contextBridge, JSON) and the renderer can decide what to show without parsing messages.
 */
import { z } from 'zod';

/** Every error code is `E_` + upper snake case; each service declares the codes it emits. */
export const ErrorCodeSchema = z.string().regex(/^E_[A-Z0-9_]+$/, 'error codes look like E_SOMETHING');
export type ErrorCode = `E_${string}`;

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
