/**
 * The download transport (electron/sync/node-http-fetch.ts: node:http, the socket's stream as the
 * body): a connection that goes silent mid-file is given up after the idle timeout and resumed from the
 * last byte (Range + If-Range), the stored file is exact; a 401 is refreshed and retried once; a
 * problem document comes back as the server's code. A fake server (node:http on loopback), a real vault.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVault, type Vault } from '../../electron/vault';
import { downloadPending } from '../../electron/sync/attachment-download';
import { ServerClient } from '../../electron/sync/server-client';
import { PASSPHRASE, seedCase } from '../vault/helpers/fixtures';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const STALLING = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 251));
const GUARDED = Buffer.alloc(3_000, 'g');
const ranges: Array<string | undefined> = [];
let stalled = 0;
let refused401 = 0;

let tmp: string;
let vault: Vault;
let server: http.Server;
let client: ServerClient;
let refreshes = 0;

function problem(res: http.ServerResponse, status: number, code: string) {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: `urn:scoic:problem:${code}`, title: code, status, detail: `answered ${code}`, code }));
}

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const id = /^\/v1\/attachments\/([^/]+)\/content$/.exec(req.url ?? '')?.[1] ?? '';
  if (id === 'stalling') {
    ranges.push(req.headers.range);
    const from = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    const head = { 'content-type': 'application/octet-stream', 'x-content-sha256': sha(STALLING), etag: '"stalling"' };
    if (from === 0) {
      // Half the file, then silence with the connection open: only the client's idle timeout ends it.
      res.writeHead(200, { ...head, 'content-length': STALLING.length });
      res.write(STALLING.subarray(0, STALLING.length / 2));
      stalled += 1;
      return;
    }
    res.writeHead(206, { ...head, 'content-length': STALLING.length - from, 'content-range': `bytes ${from}-${STALLING.length - 1}/${STALLING.length}` });
    res.end(STALLING.subarray(from));
    return;
  }
  if (id === 'guarded') {
    if (req.headers.authorization !== 'Bearer fresh-token') { refused401 += 1; problem(res, 401, 'E_TOKEN_EXPIRED'); return; }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': GUARDED.length, 'x-content-sha256': sha(GUARDED), etag: '"g"' });
    res.end(GUARDED);
    return;
  }
  problem(res, 404, 'E_NOT_FOUND');
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-dl-transport-'));
  vault = await createVault(path.join(tmp, 'vault'), PASSPHRASE, { actor: '1004821' });
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new ServerClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5_000 });
  let token = 'old-token';
  client.tokens = { accessToken: () => Promise.resolve(token), refreshAfterRejection: () => { refreshes += 1; token = 'fresh-token'; return Promise.resolve(true); } };
});

afterAll(async () => {
  vault.lock();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('gives up a connection that goes silent mid-file after the idle timeout, resumes from the last byte, and stores the exact file', async () => {
  const { messageId } = seedCase(vault, 1);
  vault.sync.recordRemoteAttachment({ serverAttachmentId: 'stalling', messageId, fileName: 'statement.pdf', contentType: 'application/pdf', size: STALLING.length, sha256: sha(STALLING), state: 'pending' });
  const reconnects: number[] = [];
  const report = await downloadPending(vault, client, { idleTimeoutMs: 300, backoff: { baseMs: 5, maxMs: 20 }, onReconnect: (r) => reconnects.push(r.delivered) });
  expect(report).toEqual({ stored: 1, failed: [] });
  expect(stalled).toBe(1);
  expect(reconnects).toEqual([STALLING.length / 2]);
  expect(ranges).toEqual([undefined, `bytes=${STALLING.length / 2}-`]);
  const stored = vault.listAttachments(messageId).find((a) => a.fileName === 'statement.pdf')!;
  expect(stored.sha256).toBe(sha(STALLING));
  expect(Buffer.compare(await vault.readAttachmentRange(stored.id, 0, STALLING.length), STALLING)).toBe(0);
});

it('refreshes the token once on a 401 and retries; a problem document comes back as the server code', async () => {
  const { messageId } = seedCase(vault, 2);
  for (const [id, bytes] of [['guarded', GUARDED], ['missing', Buffer.alloc(10, 'm')]] as const) {
    vault.sync.recordRemoteAttachment({ serverAttachmentId: id, messageId, fileName: `${id}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes), state: 'pending' });
  }
  const report = await downloadPending(vault, client, { backoff: { baseMs: 5, maxMs: 20 } });
  expect(report.stored).toBe(1);
  expect(report.failed).toEqual([{ serverAttachmentId: 'missing', messageId, code: 'E_NOT_FOUND' }]);
  expect(refused401).toBe(1);
  expect(refreshes).toBe(1);
  expect(vault.sync.getRemoteAttachment('guarded')!.state).toBe('stored');
});
