/**
 * One bad file never stalls the downloads: a fake server (node:http on loopback) answers 500 for one
 * attachment forever, serves the others, and for one more announces 1,000 B but streams on and on;
 * a disk that fills (writes failing with ENOSPC) stops the run and leaves the files pending.
 * The vault is real (encrypted SQLite + blob store in a temp dir).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createVault, type Vault } from '../../electron/vault';
import { DEFAULT_TOTAL_FILE_ATTEMPTS, downloadPending } from '../../electron/sync/attachment-download';
import { ServerClient } from '../../electron/sync/server-client';
import { isTempName } from '../../electron/vault/atomic-file';
import { PASSPHRASE, seedCase } from '../vault/helpers/fixtures';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const file = (n: number, seed: string) => Buffer.alloc(n, seed);
const GOOD_A = file(5_000, 'a');
const GOOD_B = file(7_000, 'b');
const ANNOUNCED = 1_000;
const FLOOD_CHUNK = 64 * 1024;
const FLOOD_LIMIT = 300 * 1024 * 1024;
const OUTAGE_A = file(4_000, 'o');
const OUTAGE_B = file(6_000, 'p');
/** While set, every outage-* file is answered 500, as during a server-wide failure. */
let serverDown = false;

let tmp: string;
let vault: Vault;
let server: http.Server;
let client: ServerClient;
const requests = new Map<string, number>();
let floodSent = 0;
let largestTempBlob = 0;

function blobFiles(): string[] {
  const dir = path.join(tmp, 'vault', 'blobs');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

function watchTempBlobs(): void {
  for (const f of blobFiles().filter((p) => isTempName(path.basename(p)))) {
    try { largestTempBlob = Math.max(largestTempBlob, fs.statSync(f).size); } catch { /* renamed or removed meanwhile */ }
  }
}

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const id = /^\/v1\/attachments\/([^/]+)\/content$/.exec(req.url ?? '')?.[1] ?? '';
  requests.set(id, (requests.get(id) ?? 0) + 1);
  if (id === 'bad-1') {
    res.writeHead(500, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'urn:scoic:problem:E_INTERNAL', title: 'Internal error', status: 500, detail: 'Something went wrong on the server.', code: 'E_INTERNAL' }));
    return;
  }
  if (id.startsWith('outage-') && serverDown) {
    res.writeHead(500, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'urn:scoic:problem:E_INTERNAL', title: 'Internal error', status: 500, detail: 'Something went wrong on the server.', code: 'E_INTERNAL' }));
    return;
  }
  const bytes = id === 'good-2' || id === 'full-1' ? GOOD_A : id === 'good-3' || id === 'full-2' ? GOOD_B
    : id === 'outage-1' ? OUTAGE_A : id === 'outage-2' ? OUTAGE_B : undefined;
  if (bytes) {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.length, 'x-content-sha256': sha(bytes), etag: `"${id}"` });
    res.end(bytes);
    return;
  }
  if (id === 'drop-1') {
    // The connection is cut before an answer: every time.
    req.socket.destroy();
    return;
  }
  const later = id === 'good-4' || id === 'good-4-again' ? GOOD_A : id === 'good-5' ? GOOD_B : undefined;
  if (later) {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': later.length, 'x-content-sha256': sha(later), etag: `"${id}"` });
    res.end(later);
    return;
  }
  if (id === 'flood') {
    // No content-length: the client only knows the announced size from the change feed.
    res.writeHead(200, { 'content-type': 'application/pdf', 'x-content-sha256': sha(file(ANNOUNCED, 'f')), etag: '"flood"' });
    const chunk = file(FLOOD_CHUNK, 'f');
    const pump = () => {
      while (floodSent < FLOOD_LIMIT && !res.destroyed) {
        watchTempBlobs();
        floodSent += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
      if (!res.destroyed) res.end();
    };
    pump();
    return;
  }
  res.writeHead(404, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'urn:scoic:problem:E_NOT_FOUND', title: 'Not found', status: 404, detail: 'No such attachment.', code: 'E_NOT_FOUND' }));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-dl-isolation-'));
  vault = await createVault(path.join(tmp, 'vault'), PASSPHRASE, { actor: '1004821' });
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new ServerClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, timeoutMs: 5_000 });
  client.tokens = { accessToken: () => Promise.resolve('test-token'), refreshAfterRejection: () => Promise.resolve(false) };
});

afterAll(async () => {
  vault.lock();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(tmp, { recursive: true, force: true });
});

const fast = { backoff: { baseMs: 5, maxMs: 20 }, idleTimeoutMs: 5_000 };

describe('downloadPending isolates failures per file', () => {
  it('a file the server always fails is retried a bounded number of times, marked failed with its code, and the later files still download', async () => {
    const { messageId } = seedCase(vault, 1);
    for (const [id, bytes] of [['bad-1', file(3_000, 'x')], ['good-2', GOOD_A], ['good-3', GOOD_B]] as const) {
      vault.sync.recordRemoteAttachment({ serverAttachmentId: id, messageId, fileName: `${id}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes), state: 'pending' });
    }
    const report = await downloadPending(vault, client, fast);
    expect(report.stored).toBe(2);
    expect(report.failed).toEqual([{ serverAttachmentId: 'bad-1', messageId, code: 'E_INTERNAL' }]);
    const bad = vault.sync.getRemoteAttachment('bad-1')!;
    expect(bad.state).toBe('failed');
    expect(bad.lastErrorCode).toBe('E_INTERNAL');
    expect(bad.attempts).toBe(3);
    expect(requests.get('bad-1')).toBe(3);
    expect(vault.sync.getRemoteAttachment('good-2')!.state).toBe('stored');
    expect(vault.sync.getRemoteAttachment('good-3')!.state).toBe('stored');
    // Later runs try it again (a server error may pass), until it has had its total tries; then it
    // stays failed and is not requested again.
    const runs = Math.ceil(DEFAULT_TOTAL_FILE_ATTEMPTS / 3);
    for (let run = 2; run <= runs; run++) {
      expect(await downloadPending(vault, client, fast), `run ${run}`).toEqual({ stored: 0, failed: [{ serverAttachmentId: 'bad-1', messageId, code: 'E_INTERNAL' }] });
    }
    expect(vault.sync.getRemoteAttachment('bad-1')).toMatchObject({ state: 'failed', lastErrorCode: 'E_INTERNAL', attempts: runs * 3 });
    expect(await downloadPending(vault, client, fast)).toEqual({ stored: 0, failed: [] });
    expect(requests.get('bad-1')).toBe(runs * 3);
  });

  it('after a server-wide outage (500 for every file), the file that failed during it downloads at the next run', async () => {
    const { messageId } = seedCase(vault, 5);
    for (const [id, bytes] of [['outage-1', OUTAGE_A], ['outage-2', OUTAGE_B]] as const) {
      vault.sync.recordRemoteAttachment({ serverAttachmentId: id, messageId, fileName: `${id}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes), state: 'pending' });
    }
    serverDown = true;
    // The first file fails after its tries; the second fails the same way at once, so the run stops (the server, not the files).
    await expect(downloadPending(vault, client, fast)).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(vault.sync.getRemoteAttachment('outage-1')).toMatchObject({ state: 'failed', lastErrorCode: 'E_INTERNAL', attempts: 3 });
    expect(vault.sync.getRemoteAttachment('outage-2')).toMatchObject({ state: 'pending', attempts: 1 });
    serverDown = false;
    const report = await downloadPending(vault, client, fast);
    expect(report).toEqual({ stored: 2, failed: [] });
    expect(vault.sync.getRemoteAttachment('outage-1')).toMatchObject({ state: 'stored', attempts: 4 });
    expect(vault.sync.getRemoteAttachment('outage-2')!.state).toBe('stored');
  });

  it('a disk that is full stops the run with E_DISK_FULL at the first file, without spending its tries; with space again both files arrive', async () => {
    const { messageId } = seedCase(vault, 6);
    for (const [id, bytes] of [['full-1', GOOD_A], ['full-2', GOOD_B]] as const) {
      vault.sync.recordRemoteAttachment({ serverAttachmentId: id, messageId, fileName: `${id}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes), state: 'pending' });
    }
    const probe = await fs.promises.open(__filename, 'r');
    const proto = Object.getPrototypeOf(probe) as { writev: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const spy = vi.spyOn(proto, 'writev').mockRejectedValue(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
    try {
      await expect(downloadPending(vault, client, fast)).rejects.toMatchObject({ code: 'E_DISK_FULL', message: expect.stringMatching(/Free some space/) });
    } finally {
      spy.mockRestore();
    }
    expect(requests.get('full-1')).toBe(1);
    expect(requests.get('full-2')).toBeUndefined(); // the run stopped: the disk, not the file
    expect(vault.sync.getRemoteAttachment('full-1')).toMatchObject({ state: 'pending', attempts: 0, lastErrorCode: 'E_DISK_FULL' });
    expect(blobFiles().filter((f) => isTempName(path.basename(f)))).toEqual([]);
    const report = await downloadPending(vault, client, fast);
    expect(report.failed).toEqual([]);
    expect(vault.sync.getRemoteAttachment('full-1')).toMatchObject({ state: 'stored', attempts: 1 });
    expect(vault.sync.getRemoteAttachment('full-2')!.state).toBe('stored');
    expect(vault.listAttachments(messageId).map((a) => a.sha256).sort()).toEqual([sha(GOOD_A), sha(GOOD_B)].sort());
  });

  it('a file whose connection always drops stops the run (the network may be at fault) but moves behind the others, so they still arrive', async () => {
    const { messageId } = seedCase(vault, 3);
    for (const [id, bytes] of [['drop-1', file(3_000, 'd')], ['good-4', GOOD_A], ['good-5', GOOD_B]] as const) {
      vault.sync.recordRemoteAttachment({ serverAttachmentId: id, messageId, fileName: `${id}.pdf`, contentType: 'application/pdf', size: bytes.length, sha256: sha(bytes), state: 'pending' });
    }
    const options = { ...fast, maxReconnects: 1 };
    await expect(downloadPending(vault, client, options)).rejects.toMatchObject({ code: 'E_OFFLINE' });
    expect(vault.sync.getRemoteAttachment('good-4')!.state).toBe('pending');
    const second = await downloadPending(vault, client, options).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: 'E_OFFLINE' }); // drop-1 is still tried, but last
    expect(vault.sync.getRemoteAttachment('good-4')!.state).toBe('stored');
    expect(vault.sync.getRemoteAttachment('good-5')!.state).toBe('stored');
    expect(vault.sync.getRemoteAttachment('drop-1')).toMatchObject({ state: 'pending', attempts: 2, lastErrorCode: 'E_OFFLINE' });
    // Out of the next tests' way: failed with its tries spent, so no later run requeues it.
    for (let i = 2; i < DEFAULT_TOTAL_FILE_ATTEMPTS; i++) vault.sync.setRemoteAttachmentState({ serverAttachmentId: 'drop-1', state: 'pending', attempt: true });
    vault.sync.setRemoteAttachmentState({ serverAttachmentId: 'drop-1', state: 'failed', lastErrorCode: 'E_OFFLINE' });
  });

  it('a name an older rule recorded as blocked (chase.com.pdf) is judged again and downloaded; a truly blocked one stays blocked', async () => {
    const { messageId } = seedCase(vault, 4);
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 'good-4-again', messageId, fileName: 'chase.com.pdf', contentType: 'application/pdf', size: GOOD_A.length, sha256: sha(GOOD_A), state: 'blocked' });
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 'bad-exe', messageId, fileName: 'report.pdf.exe', contentType: 'application/octet-stream', size: 10, sha256: 'b'.repeat(64), state: 'blocked' });
    await downloadPending(vault, client, fast);
    expect(vault.sync.getRemoteAttachment('good-4-again')!.state).toBe('stored');
    expect(vault.sync.getRemoteAttachment('bad-exe')!.state).toBe('blocked');
    expect(requests.get('bad-exe')).toBeUndefined();
  });

  it('a server streaming far more than the announced 1,000 B is stopped at announced + 1 byte: failed with E_DOWNLOAD_LARGER_THAN_ANNOUNCED, the temp blob stays small', async () => {
    const { messageId } = seedCase(vault, 2);
    vault.sync.recordRemoteAttachment({ serverAttachmentId: 'flood', messageId, fileName: 'statement.pdf', contentType: 'application/pdf', size: ANNOUNCED, sha256: sha(file(ANNOUNCED, 'f')), state: 'pending' });
    const storedBefore = blobFiles().length;
    const report = await downloadPending(vault, client, fast);
    expect(blobFiles()).toHaveLength(storedBefore);
    expect(report.failed).toEqual([{ serverAttachmentId: 'flood', messageId, code: 'E_DOWNLOAD_LARGER_THAN_ANNOUNCED' }]);
    expect(vault.sync.getRemoteAttachment('flood')!.state).toBe('failed');
    expect(requests.get('flood')).toBe(1); // permanent: not retried
    expect(await downloadPending(vault, client, fast)).toEqual({ stored: 0, failed: [] }); // nor at the next run
    expect(requests.get('flood')).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    // What the server could push before the client hung up is socket buffers, not 300 MiB.
    expect(floodSent).toBeLessThan(16 * 1024 * 1024);
    // ~1 KB + one chunk at most ever reached the disk, and nothing stays behind.
    expect(largestTempBlob).toBeLessThanOrEqual(ANNOUNCED + 1 + FLOOD_CHUNK + 4096);
    expect(vault.listAttachments(messageId)).toEqual([]);
    expect(blobFiles().filter((f) => isTempName(path.basename(f)))).toEqual([]);
    console.log(`flood: server wrote ${floodSent} B before the client hung up; largest temp blob seen ${largestTempBlob} B`);
  }, 60_000);
});
