/**
 * The IPC router: the one place a renderer request enters the main process. It checks who sent it,
 * validates the payload against the contract (the renderer is untrusted), calls a plain service
 * function and answers with a Result envelope. It imports nothing from Electron, so it is tested in
 * Node and reused as-is by the end-to-end harness.
 */
import { AppError, isAppError, type AppErrorData, type Result } from '../../shared/errors';
import {
  findChannel, listChannels,
  type ChannelName, type ChannelParsedInput, type ChannelResult,
} from '../../shared/ipc/contract';
import { JsonAnswer, type JsonEnvelope } from '../../shared/ipc/json-answer';
import { checkOutput } from './check-output';

/** What the router knows about the frame that sent a request. */
export interface SenderInfo {
  /** The sending frame's URL (Electron: `event.senderFrame.url`). */
  url: string;
  /** True when the request came from the top frame of the window. */
  isMainFrame: boolean;
}

/**
 * Channels whose handler may answer its output as JSON text checked where it was made
 * (shared/ipc/json-answer.ts). A JSON answer from any other channel is refused, not passed on unchecked.
 */
const JSON_ANSWERED = new Set(['cases.list'] as const);
type JsonAnswered = typeof JSON_ANSWERED extends Set<infer C> ? C : never;
type Answer<C extends ChannelName> = C extends JsonAnswered ? ChannelResult<C> | JsonAnswer<ChannelResult<C>> : ChannelResult<C>;
export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>, sender: SenderInfo) => Promise<Answer<C>> | Answer<C>;
};

/** What `dispatch` answers: a Result, or a JSON answer's bytes, passed on without parsing them here. */
export type Envelope = Result<unknown> | JsonEnvelope;

export interface RouterOptions {
  handlers: Handlers;
  /** Origins allowed to call (e.g. `app://scoic`). Anything else gets E_FORBIDDEN_SENDER. */
  allowedOrigins: readonly string[];
  /** Told about unexpected failures; receives no payload, only the channel and the error. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface IpcRouter {
  dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<Envelope>;
  readonly channels: readonly ChannelName[];
}

const error = (code: AppErrorData['code'], message: string, details?: Record<string, unknown>): Result<never> =>
  ({ ok: false, error: details ? { code, message, details } : { code, message } });

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Custom schemes have an opaque origin ("null"); rebuild scheme://host for them.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function createIpcRouter(options: RouterOptions): IpcRouter {
  const allowed = new Set(options.allowedOrigins);
  const channels = listChannels().map(([name]) => name);
  for (const name of channels) {
    if (typeof (options.handlers as Record<string, unknown>)[name] !== 'function') {
      throw new Error(`IPC router: no handler for channel ${name}`);
    }
  }

  async function dispatch(channel: string, payload: unknown, sender: SenderInfo): Promise<Envelope> {
    const origin = originOf(sender.url);
    if (!sender.isMainFrame || origin === null || !allowed.has(origin)) {
      return error('E_FORBIDDEN_SENDER', 'This request did not come from the application window and was refused.');
    }
    const spec = typeof channel === 'string' ? findChannel(channel) : undefined;
    if (!spec) return error('E_UNKNOWN_CHANNEL', `There is no operation named "${String(channel).slice(0, 64)}".`);

    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), problem: i.message }));
      return error('E_INVALID_PAYLOAD', `The request ${channel} was malformed and was not carried out.`, { issues });
    }
    const handler = (options.handlers as Record<string, (input: unknown, s: SenderInfo) => unknown>)[channel]!;
    try {
      const value = await handler(parsed.data, sender);
      // Checked against the contract where it was encoded; parsing it here is the cost it exists to save.
      if (value instanceof JsonAnswer) {
        if ((JSON_ANSWERED as ReadonlySet<string>).has(channel) && value.jsonUtf8 instanceof Uint8Array) return { ok: true, jsonUtf8: value.jsonUtf8 };
        options.onInternalError?.(channel, new Error('a JSON answer from a channel not declared to give one'));
        return error('E_INTERNAL', 'The application produced an unexpected answer. Report this to IT.');
      }
      const checked = await checkOutput(spec.output, value);
      if (!checked.success) {
        options.onInternalError?.(channel, checked.error);
        return error('E_INTERNAL', 'The application produced an unexpected answer. Report this to IT.');
      }
      return { ok: true, value: checked.data };
    } catch (err) {
      if (err instanceof AppError || isAppError(err)) {
        const e = err as AppError;
        // Raised where an answer was checked off this thread (the reader worker's case list): still reported.
        if (e.code === 'E_INTERNAL') options.onInternalError?.(channel, err);
        return e.details ? error(e.code, e.message, e.details) : error(e.code, e.message);
      }
      options.onInternalError?.(channel, err);
      return error('E_INTERNAL', 'Something went wrong inside the application. Nothing was changed; try again, and report it to IT if it repeats.');
    }
  }

  return { dispatch, channels };
}
