/**
 * The bridge, built once from the contract over any transport: `ipcRenderer.invoke` inside the
 * preload, or a Playwright binding in the end-to-end tests. Methods never throw across the process
 * boundary: they resolve to a {@link Result}, so error codes survive contextBridge's cloning.
 */
import { z } from 'zod';
import { AppErrorDataSchema, type AppErrorData, type Result } from '../errors';
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
}

type Method<S> = S extends ChannelSpec<infer I, infer O>
  ? undefined extends z.input<I>
    ? (input?: z.input<I>) => Promise<Result<z.output<O>>>
    : (input: z.input<I>) => Promise<Result<z.output<O>>>
  : never;

export type ScoicApi = {
  readonly [N in Namespace]: { readonly [M in keyof Contract[N]]: Method<Contract[N][M]> };
} & {
  /** Subscribes to a whitelisted main -> renderer event; returns the unsubscribe function. */
  readonly on: <E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void) => () => void;
};

// The renderer's CSP forbids eval; zod would otherwise probe for it with `new Function`.
z.config({ jitless: true });

const EnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: AppErrorDataSchema }),
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
    if (!envelope.data.ok) return { ok: false, error: envelope.data.error as AppErrorData };
    const value = spec.output.safeParse(envelope.data.value);
    if (!value.success) return { ok: false, error: transportError(`The answer to ${name} did not match the contract.`) };
    return { ok: true, value: value.data };
  };
}

export function createBridge(transport: BridgeTransport): ScoicApi {
  const api: Record<string, unknown> = {};
  for (const [ns, methods] of Object.entries(contract)) {
    const group: Record<string, unknown> = {};
    for (const [method, spec] of Object.entries(methods)) group[method] = makeMethod(`${ns}.${method}`, spec, transport);
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
