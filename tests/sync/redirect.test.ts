/**
 * The client never follows a redirect: a 307/308 would make fetch send the same body (a password, a
 * refresh token) to wherever the Location header points. Two plain HTTP servers on 127.0.0.1: the
 * first answers every request with a redirect to the second, which must receive nothing.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerClient } from '../../electron/sync/server-client';

interface Listening { server: http.Server; url: string }

async function listen(handler: http.RequestListener): Promise<Listening> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (l: Listening) => new Promise<void>((resolve) => { l.server.closeAllConnections(); l.server.close(() => resolve()); });

let elsewhere: Listening;
let redirector: Listening;
const received: Array<{ method: string; url: string; body: string }> = [];
let status = 307;

beforeAll(async () => {
  elsewhere = await listen((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  redirector = await listen((req, res) => {
    req.resume();
    res.writeHead(status, { location: `${elsewhere.url}${req.url ?? '/'}` }).end();
  });
});
afterAll(async () => {
  await close(redirector);
  await close(elsewhere);
});

describe('redirects', () => {
  const client = () => {
    const c = new ServerClient({ baseUrl: redirector.url, timeoutMs: 5_000 });
    c.tokens = { accessToken: async () => 'access-token-for-test', refreshAfterRejection: async () => false };
    return c;
  };

  it.each([307, 308, 302])('refuses a %i on sign-in and refresh without sending the body on', async (code) => {
    status = code;
    received.length = 0;
    const signIn = await client().call('signIn', { body: { accessCode: '1004821', password: 'demo-employee-pass' } }).catch((e: unknown) => e);
    const refresh = await client().call('refresh', { body: { refreshToken: 'r'.repeat(40) } }).catch((e: unknown) => e);
    expect(received).toEqual([]);
    expect(signIn).toMatchObject({ code: 'E_REDIRECT_REFUSED', details: { operation: 'signIn', status: code } });
    expect(refresh).toMatchObject({ code: 'E_REDIRECT_REFUSED', details: { operation: 'refresh', status: code } });
  });

  it('refuses a redirected download (with its bearer token) the same way', async () => {
    status = 307;
    received.length = 0;
    const download = await client().stream('downloadAttachment', { params: { attachmentId: randomUUID() } }).catch((e: unknown) => e);
    expect(received).toEqual([]);
    expect(download).toMatchObject({ code: 'E_REDIRECT_REFUSED', details: { operation: 'downloadAttachment', status: 307 } });
  });
});
