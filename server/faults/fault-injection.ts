/**
 * Fault injection for tests of the client's resilience. Installed only when startServer is given a
 * `faults` option; the settings can be changed while the server runs (handle.faults.set(...)).
 */
import { Readable, Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { fail } from '../http/problem';

export interface FaultOptions {
  /** Only requests whose path starts with this are affected (default: all). */
  pathPrefix?: string;
  /** Delay before handling each request. */
  delayMs?: number;
  /** Answer this many requests with 503 (E_SERVICE_UNAVAILABLE, Retry-After: 1), then behave. */
  fail503Count?: number;
  /** Cut the connection after this many response-body bytes, for this many responses (default 1). */
  dropAfterBytes?: number;
  dropCount?: number;
}

export interface FaultController {
  set(options: FaultOptions): void;
  readonly current: Readonly<FaultOptions>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function installFaults(app: FastifyInstance, initial: FaultOptions): FaultController {
  let options: FaultOptions = { ...initial };
  let fails = options.fail503Count ?? 0;
  let drops = options.dropAfterBytes === undefined ? 0 : (options.dropCount ?? 1);
  const applies = (url: string) => url.startsWith(options.pathPrefix ?? '/');

  app.addHook('onRequest', async (request, reply) => {
    if (!applies(request.url)) return;
    if (options.delayMs) await sleep(options.delayMs);
    if (fails > 0) {
      fails--;
      reply.header('retry-after', '1');
      throw fail('E_SERVICE_UNAVAILABLE', 'The service is briefly unavailable (injected fault). Try again shortly.');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (drops <= 0 || options.dropAfterBytes === undefined || !applies(request.url) || payload === null || payload === undefined) return payload;
    drops--;
    const limit = options.dropAfterBytes;
    let source: Readable;
    if (payload instanceof Readable) source = payload;
    else {
      const bytes = Buffer.from(payload as string | Buffer);
      reply.header('content-length', bytes.length); // the client must see that the body came up short
      source = Readable.from([bytes]);
    }
    let sent = 0;
    let cutOff = false;
    const cut = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (cutOff) { done(); return; }
        const room = limit - sent;
        if (chunk.length < room) { sent += chunk.length; done(null, chunk); return; }
        this.push(chunk.subarray(0, room));
        sent = limit;
        cutOff = true;
        // Let the partial bytes reach the socket, then drop the connection mid-body.
        setTimeout(() => { source.destroy(); request.raw.socket.destroy(); }, 20);
        done();
      },
    });
    return source.pipe(cut);
  });

  return {
    set(next) {
      options = { ...next };
      fails = next.fail503Count ?? 0;
      drops = next.dropAfterBytes === undefined ? 0 : (next.dropCount ?? 1);
    },
    get current() { return options; },
  };
}
