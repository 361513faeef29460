/**
 * A typed client over the protocol's route table (shared/protocol/routes.ts). Paths, methods and
 * schemas come from the table: request bodies are checked before they leave, every JSON response is
 * validated with the schema the table declares for its status, problem documents become AppErrors
 * with the server's stable code, a network failure becomes E_OFFLINE and a timeout E_TIMEOUT, and a
 * redirect is refused (E_REDIRECT_REFUSED) instead of followed.
 * Bearer tokens come from a TokenSource; a 401 triggers one refresh and one retry.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import { PROBLEM_MEDIA_TYPE, ProblemSchema, type Problem } from '../../shared/protocol/common';
import { routes, type RouteSpec } from '../../shared/protocol/routes';
import { UPLOAD_CONTENT_TYPE } from '../../shared/protocol/uploads';
import { nodeHttpFetch, rawBody } from './node-http-fetch';
import { syncErrors } from './sync-errors';

type Routes = typeof routes;
export type RouteName = keyof Routes;

type SuccessSpec<R extends RouteSpec> =
  R['responses'] extends { 200: infer S } ? S : R['responses'] extends { 201: infer S } ? S : never;
/** The parsed body of a route's success response. */
export type RouteOutput<N extends RouteName> = SuccessSpec<Routes[N]> extends { schema: infer S extends z.ZodType } ? z.output<S> : undefined;
type RouteBody<N extends RouteName> = Routes[N] extends { body: infer B extends z.ZodType } ? z.input<B> : never;

export interface TokenSource {
  /** The current access token (refreshed first when it is about to expire); undefined when signed out. */
  accessToken(): Promise<string | undefined>;
  /** The server refused `rejected`: rotate the tokens. False when the session cannot be renewed. */
  refreshAfterRejection(rejected: string): Promise<boolean>;
}

export interface CallOptions<N extends RouteName> {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: RouteBody<N>;
  /** A fresh stream of the raw body for each attempt (routes with `rawBody`). */
  rawBody?: () => AsyncIterable<Uint8Array>;
  headers?: Record<string, string>;
  /** Required by routes marked idempotent; a random one is used when absent (only safe for one-shot calls). */
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** Whole exchange for JSON, time to the response headers for streams. */
  timeoutMs?: number;
}

export interface ServerClientOptions {
  baseUrl: string;
  /** Default per-request timeout (ms). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface StreamResponse {
  status: number;
  headers: Headers;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and releases the connection. */
  cancel(): Promise<void>;
}

const AUTH_REJECTED = new Set(['E_TOKEN_EXPIRED', 'E_UNAUTHENTICATED']);

export class ServerClient {
  readonly baseUrl: string;
  tokens: TokenSource | undefined;
  /** The server's clock (HTTP Date header) at the last response, as ISO 8601; null before any. */
  lastServerDate: string | null = null;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;
  /** Binary bodies over node:http (node-http-fetch.ts: far less CPU per byte); an injected fetch carries those too. */
  readonly #streamFetch: typeof fetch;

  constructor(options: ServerClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#streamFetch = options.fetch ?? (nodeHttpFetch as typeof fetch);
  }

  url(name: RouteName, params: Record<string, string> = {}, query: Record<string, string | number> = {}): string {
    const path = routes[name].path.replace(/\{(\w+)\}/g, (_m, k: string) => {
      const v = params[k];
      if (v === undefined) throw syncErrors.invalidRequest(routes[name].operationId, `missing path parameter ${k}`);
      return encodeURIComponent(v);
    });
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  /** Calls a JSON route and returns its validated success body. */
  async call<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<RouteOutput<N>> {
    const spec: RouteSpec = routes[name];
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const exchange = await this.#exchange(name, options, timeoutMs);
    try {
      const { response } = exchange;
      let text: string;
      try {
        text = await response.text();
      } catch (err) {
        throw exchange.failure(err);
      }
      const declared = spec.responses[response.status];
      if (!declared) throw syncErrors.protocol(spec.operationId, response.status);
      if (!declared.schema) return undefined as RouteOutput<N>;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw syncErrors.protocol(spec.operationId, response.status);
      }
      const parsed = declared.schema.safeParse(json);
      if (!parsed.success) throw syncErrors.protocol(spec.operationId, response.status);
      return parsed.data as RouteOutput<N>;
    } finally {
      exchange.done();
    }
  }

  /**
   * Opens a binary route (attachment download) and returns the response with its body still to be
   * read. The timeout covers the wait for the headers; the caller watches the body (idle timeout).
   */
  async stream<N extends RouteName>(name: N, options: CallOptions<N> = {}): Promise<StreamResponse> {
    const exchange = await this.#exchange(name, options, options.timeoutMs ?? this.#timeoutMs, this.#streamFetch);
    exchange.done(); // headers arrived: from here the caller's signal governs the body
    const { response } = exchange;
    const raw = rawBody(response);
    if (raw) {
      const signal = options.signal;
      const onAbort = () => raw.destroy(new Error('aborted by the caller'));
      signal?.addEventListener('abort', onAbort, { once: true });
      async function* socketChunks(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of raw as AsyncIterable<Buffer>) yield chunk;
        } catch (err) {
          throw exchange.failure(new TypeError('terminated', { cause: err }));
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      }
      return {
        status: response.status, headers: response.headers, body: socketChunks(),
        cancel: async () => { raw.destroy(); },
      };
    }
    const body = response.body;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      if (!body) return;
      try {
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) yield chunk;
      } catch (err) {
        throw exchange.failure(err);
      }
    }
    return {
      status: response.status, headers: response.headers, body: chunks(),
      cancel: async () => { await body?.cancel().catch(() => undefined); },
    };
  }

  /** Sends the request (refreshing the token once on a 401); resolves with a 2xx or 304 response, throws AppError otherwise. */
  async #exchange(name: RouteName, options: CallOptions<RouteName>, timeoutMs: number, send: typeof fetch = this.#fetch) {
    const spec: RouteSpec = routes[name];
    let body: string | undefined;
    if (spec.body) {
      const parsed = spec.body.safeParse(options.body);
      if (!parsed.success) throw syncErrors.invalidRequest(spec.operationId, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.code}`).join('; '));
      body = JSON.stringify(options.body);
    }
    const idempotencyKey = spec.idempotent ? (options.idempotencyKey ?? randomUUID()) : undefined;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept: `application/json, ${PROBLEM_MEDIA_TYPE}`, ...options.headers };
      let token: string | undefined;
      if (spec.auth) {
        token = await this.tokens?.accessToken();
        if (token === undefined) throw syncErrors.signInRequired();
        headers.authorization = `Bearer ${token}`;
      }
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      let requestBody: RequestInit['body'] = body;
      if (spec.rawBody && options.rawBody) {
        headers['content-type'] = spec.rawBody === UPLOAD_CONTENT_TYPE ? UPLOAD_CONTENT_TYPE : spec.rawBody;
        requestBody = Readable.toWeb(Readable.from(options.rawBody(), { objectMode: false })) as unknown as RequestInit['body'];
      }
      const exchange = await this.#send(send, spec, this.url(name, options.params, options.query), {
        method: spec.method, headers, ...(requestBody === undefined ? {} : { body: requestBody }),
        ...(spec.rawBody ? { duplex: 'half' } : {}),
      }, timeoutMs, options.signal);
      const { response } = exchange;
      const date = response.headers.get('date');
      if (date && !Number.isNaN(Date.parse(date))) this.lastServerDate = new Date(date).toISOString();
      if (response.status < 400) return exchange;
      let problem: AppError;
      try {
        problem = await this.#problemOf(spec, response, exchange.failure);
      } finally {
        exchange.done();
      }
      if (spec.auth && token !== undefined && attempt === 0 && AUTH_REJECTED.has(problem.code) && this.tokens) {
        if (await this.tokens.refreshAfterRejection(token)) continue;
        throw syncErrors.signInRequired();
      }
      throw problem;
    }
  }

  async #send(send: typeof fetch, spec: RouteSpec, url: string, init: RequestInit & { duplex?: 'half' }, timeoutMs: number, callerSignal: AbortSignal | undefined) {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    if (callerSignal?.aborted) controller.abort();
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const done = () => { clearTimeout(timer); callerSignal?.removeEventListener('abort', onCallerAbort); };
    const failure = (err: unknown): AppError => {
      if (err instanceof AppError) return err;
      if (callerSignal?.aborted) return syncErrors.cancelled();
      if (timedOut) return syncErrors.timeout(timeoutMs);
      const cause = (err as { cause?: { code?: string } }).cause;
      return syncErrors.offline(`${spec.operationId}: ${cause?.code ?? (err as Error).name ?? 'network'}`);
    };
    let response: Response;
    try {
      // Never follow a redirect: fetch would re-send the body (a password, a refresh token) and the
      // request to whatever origin the Location header names.
      response = await send(url, { ...init, redirect: 'manual', signal: controller.signal } as RequestInit);
    } catch (err) {
      done();
      throw failure(err);
    }
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      await response.body?.cancel().catch(() => undefined);
      done();
      throw syncErrors.redirectRefused(spec.operationId, response.status);
    }
    return { response, done, failure };
  }

  async #problemOf(spec: RouteSpec, response: Response, failure: (err: unknown) => AppError): Promise<AppError> {
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      return failure(err);
    }
    const type = response.headers.get('content-type') ?? '';
    let problem: Problem | undefined;
    if (type.includes(PROBLEM_MEDIA_TYPE) || type.includes('json')) {
      try {
        const parsed = ProblemSchema.safeParse(JSON.parse(text));
        if (parsed.success) problem = parsed.data;
      } catch { /* not JSON: handled below */ }
    }
    if (!problem) return response.status >= 500 ? syncErrors.serverError(spec.operationId, response.status) : syncErrors.protocol(spec.operationId, response.status);
    const retryAfter = Number(response.headers.get('retry-after'));
    return new AppError(problem.code, problem.detail, {
      status: problem.status, operation: spec.operationId,
      ...(problem.details ?? {}),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
}
