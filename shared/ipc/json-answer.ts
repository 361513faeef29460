/**
 * An answer that crosses the main process as JSON, in UTF-8 bytes. The vault's reader worker builds a
 * page of the case list (up to 1,000 cases), checks it against the channel's output and encodes it
 * there; the bytes are moved (transferred, not copied) to the main thread, which passes them on. As
 * objects, the main thread read the list from the worker and cloned it again for the window (one
 * `v8.serialize` of 10,000 rows held it for about 80 ms); as a string it still allocated and filled a
 * 2.5 MB string from the worker, and cloning that for the window was one long turn under load; as
 * bytes the main thread allocates nothing and Electron's clone for the window is a copy of a byte
 * buffer (a page's: about 250 KB).
 * The bridge decodes and parses them and checks the result against the contract, as it checks every answer.
 */
import { z } from 'zod';

// TextEncoder and TextDecoder exist in Node and Chromium alike; shared/ sees neither's types.
const { TextEncoder: Encoder, TextDecoder: Decoder } = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
};

/** The value as JSON in UTF-8. */
export const encodeJsonUtf8 = (value: unknown): Uint8Array => new Encoder().encode(JSON.stringify(value));

/** Parsed, not checked; throws on bytes that are not UTF-8 or not JSON. */
export const decodeJsonUtf8 = (bytes: Uint8Array): unknown => JSON.parse(new Decoder('utf-8', { fatal: true }).decode(bytes));

export class JsonAnswer<T> {
  /** The type the bytes decode to: for the compiler only. */
  declare readonly decodesTo: T;
  constructor(readonly jsonUtf8: Uint8Array) {}
  /** Parsed, not checked: for main-side code and tests that need the rows (the bridge checks its own). */
  parse(): T { return decodeJsonUtf8(this.jsonUtf8) as T; }
}

/** The router's envelope for a {@link JsonAnswer}, beside `{ ok, value }` and `{ ok: false, error }`. */
export const JsonEnvelopeSchema = z.object({ ok: z.literal(true), jsonUtf8: z.custom<Uint8Array>((v) => v instanceof Uint8Array) });
export type JsonEnvelope = z.infer<typeof JsonEnvelopeSchema>;
