/**
 * The bridge, built once from the contract over any transport: `ipcRenderer.invoke` inside the
 * preload, or a Playwright binding in the end-to-end tests. Methods never throw across the process
 * boundary: they resolve to a {@link Result}, so error codes survive contextBridge's cloning.
 */
import { z } from 'zod';
import { AppErrorDataSchema, type AppErrorData, type Result } from '../errors';
import { decodeJsonUtf8, JsonEnvelopeSchema } from './json-answer';
import {
  contract, events, isEventName,
  type ChannelSpec, type Contract, type EventName, type EventPayload, type Namespace,
} from './contract';

/** What a process boundary must provide. Both functions carry only structured-clonable data. */
export interface BridgeTransport {
  /** Sends a request and resolves to the router's envelope (a Result, still unvalidated). */
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Subscribes to one event; returns the unsubscribe function. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
  /**
   * The local path of a File the user dropped (Electron: webUtils.getPathForFile), or '' when it has
   * none. Only the preload sees paths: the renderer hands File objects to `replies.dropFiles`.
   */
  pathForFile?(file: unknown): string;
}

type Method<S> = S extends ChannelSpec<infer I, infer O>
  ? undefined extends z.input<I>
    ? (input?: z.input<I>) => Promise<Result<z.output<O>>>
    : (input: z.input<I>) => Promise<Result<z.output<O>>>
  : never;

/** `replies.dropFiles` takes the dropped File objects; the wire carries their paths. */
type DropFilesMethod = (files: readonly object[]) => Promise<Result<z.output<Contract['replies']['dropFiles']['output']>>>;
type Group<N extends Namespace> = { readonly [M in keyof Contract[N]]: Method<Contract[N][M]> };

export type ScoicApi = {
  readonly [N in Exclude<Namespace, 'replies'>]: Group<N>;
} & {
  readonly replies: Omit<Group<'replies'>, 'dropFiles'> & { readonly dropFiles: DropFilesMethod };
} & {
  /** Subscribes to a whitelisted main -> renderer event; returns the unsubscribe function. */
  readonly on: <E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void) => () => void;
};

// The renderer's CSP forbids eval; zod would otherwise probe for it with `new Function`.
z.config({ jitless: true });

// Strict members: an envelope matches exactly one (one with both `jsonUtf8` and `value` matches none).
const EnvelopeSchema = z.union([
  JsonEnvelopeSchema.strict(),
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: AppErrorDataSchema }).strict(),
]);

const transportError = (message: string): AppErrorData => ({
  code: 'E_TRANSPORT',
  message: `${message} Restart the application; if it keeps happening, report it to IT.`,
});

function makeMethod(name: string, spec: ChannelSpec, transport: BridgeTransport) {
  return async (input?: unknown): Promise<Result<unknown>> => {
    let raw: unknown;
    try {
      raw = await transport.invoke(name, input);
    } catch {
      return { ok: false, error: transportError(`The request ${name} could not reach the application core.`) };
    }
    const envelope = EnvelopeSchema.safeParse(raw);
    if (!envelope.success) return { ok: false, error: transportError(`The answer to ${name} was malformed.`) };
    const answer = envelope.data;
    if (!answer.ok) return { ok: false, error: answer.error as AppErrorData };
    let decoded: unknown;
    if ('jsonUtf8' in answer) {
      try { decoded = decodeJsonUtf8(answer.jsonUtf8); } catch { return { ok: false, error: transportError(`The answer to ${name} was malformed.`) }; }
    } else decoded = answer.value;
    const value = spec.output.safeParse(decoded);
    if (!value.success) return { ok: false, error: transportError(`The answer to ${name} did not match the contract.`) };
    return { ok: true, value: value.data };
  };
}

function makeDropFiles(transport: BridgeTransport, send: (input: unknown) => Promise<Result<unknown>>) {
  return async (files: readonly object[]): Promise<Result<unknown>> => {
    const paths = Array.from(files, (f) => transport.pathForFile?.(f) ?? '').filter((p) => typeof p === 'string' && p !== '');
    if (paths.length === 0) {
      return { ok: false, error: { code: 'E_DROP_NOT_A_FILE', message: 'What was dropped is not a file on this computer. Save it to a folder first, or use "Attach files…".' } };
    }
    return send({ paths });
  };
}

export function createBridge(transport: BridgeTransport): ScoicApi {
  const api: Record<string, unknown> = {};
  for (const [ns, methods] of Object.entries(contract)) {
    const group: Record<string, unknown> = {};
    for (const [method, spec] of Object.entries(methods)) group[method] = makeMethod(`${ns}.${method}`, spec, transport);
    if (ns === 'replies') group.dropFiles = makeDropFiles(transport, group.dropFiles as (input: unknown) => Promise<Result<unknown>>);
    api[ns] = Object.freeze(group);
  }
  api.on = (event: string, handler: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new TypeError(`unknown event: ${event}`);
    const schema = events[event];
    return transport.subscribe(event, (payload) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) handler(parsed.data);
    });
  };
  return Object.freeze(api) as unknown as ScoicApi;
}
