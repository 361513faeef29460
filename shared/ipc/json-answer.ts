/**
 * An answer that crosses the main process as JSON text. The vault's reader worker builds the 10,000-case
 * list, checks it against the channel's output and encodes it there; the main process passes the text
 * on. As objects, the main thread read the list from the worker and cloned it again for the window (one
 * `v8.serialize` of 10,000 rows held it for about 80 ms); as text each clone is a copy of its bytes.
 * The bridge parses the text and checks it against the contract, as it checks every answer.
 */
import { z } from 'zod';

export class JsonAnswer<T> {
  /** The type the text decodes to: for the compiler only. */
  declare readonly decodesTo: T;
  constructor(readonly json: string) {}
  /** Parsed, not checked: for main-side code and tests that need the rows (the bridge checks its own). */
  parse(): T { return JSON.parse(this.json) as T; }
}

/** The router's envelope for a {@link JsonAnswer}, beside `{ ok, value }` and `{ ok: false, error }`. */
export const JsonEnvelopeSchema = z.object({ ok: z.literal(true), json: z.string() });
export type JsonEnvelope = z.infer<typeof JsonEnvelopeSchema>;
