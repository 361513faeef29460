/** A bridge call that answered `{ ok: false }`, thrown inside query functions so the cache sees an error. */
import type { AppErrorData, Result } from '../../../shared/errors';

export class BridgeError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
    this.name = 'BridgeError';
  }
}

export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (!result.ok) throw new BridgeError(result.error);
  return result.value;
}

/** Any thrown value as error data the UI can show (a code to quote and an actionable message). */
export function errorData(err: unknown): AppErrorData {
  if (err instanceof BridgeError) return err.data;
  return { code: 'E_RENDERER', message: `Something went wrong in this window (${err instanceof Error ? err.message : String(err)}). Try again; if it repeats, report it to IT.` };
}
