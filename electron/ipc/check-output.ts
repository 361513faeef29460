/**
 * Checks a handler's answer against the contract before it goes to the renderer. A long list is
 * checked in slices with a turn of the event loop between them: one zod pass over 10,000 case rows
 * held the main process for 10-60 ms, and in Electron a busy main process freezes every window. (The
 * case list itself now comes as JSON bytes, a page at a time, checked in the vault's reader worker:
 * router.ts.) Lists are only sliced when the array schema has no length checks of its own.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';

const SLICE = 500;

export async function checkOutput(schema: z.ZodType, value: unknown): Promise<z.ZodSafeParseResult<unknown>> {
  if (!(schema instanceof z.ZodArray) || !Array.isArray(value) || value.length <= SLICE || (schema.def.checks?.length ?? 0) > 0) {
    return schema.safeParse(value);
  }
  const part = z.array(schema.element);
  const out: unknown[] = [];
  for (let i = 0; i < value.length; i += SLICE) {
    if (i > 0) await nextTurn();
    const checked = part.safeParse(value.slice(i, i + SLICE));
    if (!checked.success) return checked;
    out.push(...checked.data);
  }
  return { success: true, data: out };
}
