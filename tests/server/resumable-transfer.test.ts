/**
 * Large transfers survive dropped connections: an upload cut halfway resumes from the offset the server
 * reports and the stored file's SHA-256 matches; a download cut by an injected fault resumes with
 * Range + If-Range. Also: the injected 503 and delay faults, and the offset rules.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/protocol/routes';
import { firstThread, signIn, type ApiClient } from './helpers/api-client';
import { patchUpload, patternSha256 } from './helpers/byte-streams';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let taxpayer: ApiClient;
let caseId: string;
let threadId: string;
beforeAll(async () => {
  server = await startTestServer({ faults: {} });
  taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[0]!);
  ({ caseId, threadId } = await firstThread(taxpayer));
});
afterAll(async () => { await server?.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server may not have noticed the drop yet: poll until the PATCH lock is released. */
async function offsetAfterDrop(uploadId: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const probe = await patchUpload(taxpayer.url('appendUpload', { uploadId }), taxpayer.token!, 0, 0, 0, { to: 0 });
    if (probe !== 'dropped' && !probe.body.includes('E_UPLOAD_BUSY')) break;
    await sleep(50);
  }
  return (await taxpayer.expect(200, 'getUpload', { params: { uploadId } })).offset;
}

describe('resumable transfers', () => {
  it('resumes an upload dropped halfway and stores the exact bytes', async () => {
    const size = 64 * 1024 * 1024 + 123;
    const seed = 42;
    const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'Bank statements 2024.pdf', size, contentType: 'application/pdf' } });
    const url = taxpayer.url('appendUpload', { uploadId: upload.id });
    expect(await patchUpload(url, taxpayer.token!, seed, size, 0, { dropAfter: size / 2 })).toBe('dropped');

    const offset = await offsetAfterDrop(upload.id);
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(Math.ceil(size / 2));
    const state = await taxpayer.expect(200, 'getUpload', { params: { uploadId: upload.id } });
    expect(state.state).toBe('receiving');

    // A wrong offset is refused with the server's offset in the problem.
    const wrong = await patchUpload(url, taxpayer.token!, seed, size, offset + 1, { to: offset + 10 });
    expect(wrong).not.toBe('dropped');
    const problem = JSON.parse((wrong as { body: string }).body);
    expect(problem.code).toBe('E_UPLOAD_OFFSET_MISMATCH');
    expect(problem.details.offset).toBe(offset);

    const rest = await patchUpload(url, taxpayer.token!, seed, size, offset);
    expect(rest).not.toBe('dropped');
    const done = routes.appendUpload.responses[200].schema.parse(JSON.parse((rest as { body: string }).body));
    expect(done.state).toBe('complete');
    expect(done.offset).toBe(size);
    expect(done.sha256).toBe(patternSha256(seed, size));

    const message = await taxpayer.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'Statements attached.', uploadIds: [upload.id] } });
    const stored = path.join(server.dataDir, 'blobs', message.attachments[0]!.id);
    const hash = createHash('sha256');
    for await (const chunk of fs.createReadStream(stored)) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(patternSha256(seed, size));
    expect(fs.existsSync(path.join(server.dataDir, 'uploads', `${upload.id}.part`))).toBe(false);
  });

  it('refuses bytes beyond the declared size and deletes the upload', async () => {
    const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'short.txt', size: 10 } });
    const r = await patchUpload(taxpayer.url('appendUpload', { uploadId: upload.id }), taxpayer.token!, 1, 11, 0);
    expect(r).not.toBe('dropped');
    expect((r as { status: number }).status).toBe(413);
    expect(JSON.parse((r as { body: string }).body).code).toBe('E_UPLOAD_EXCEEDS_DECLARED_SIZE');
    await taxpayer.problem('E_NOT_FOUND', 'getUpload', { params: { uploadId: upload.id } });
    expect(fs.existsSync(path.join(server.dataDir, 'uploads', `${upload.id}.part`))).toBe(false);
  });

  it('refuses to send a message with an incomplete upload', async () => {
    const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'partial.pdf', size: 100 } });
    await patchUpload(taxpayer.url('appendUpload', { uploadId: upload.id }), taxpayer.token!, 1, 100, 0, { to: 50 });
    await taxpayer.problem('E_UPLOAD_INCOMPLETE', 'createMessage', { params: { caseId, threadId }, body: { body: 'x', uploadIds: [upload.id] } });
  });

  it('resumes a download cut by an injected fault using Range and If-Range', async () => {
    const { events } = await taxpayer.expect(200, 'changes', { query: { after: '0', limit: 1000 } });
    const attachment = events.flatMap((e) => (e.type === 'message.created' ? e.message.attachments : [])).sort((a, b) => b.size - a.size)[0]!;
    const url = taxpayer.url('downloadAttachment', { attachmentId: attachment.id });
    const auth = { authorization: `Bearer ${taxpayer.token}` };
    server.faults!.set({ pathPrefix: '/v1/attachments/', dropAfterBytes: 300_000 });

    const parts: Buffer[] = [];
    const first = await fetch(url, { headers: auth });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const reader = first.body!.getReader();
    let failed = false;
    try {
      for (;;) { const { done, value } = await reader.read(); if (done) break; parts.push(Buffer.from(value)); }
    } catch { failed = true; }
    expect(failed).toBe(true);
    const got = parts.reduce((s, p) => s + p.length, 0);
    expect(got).toBeLessThan(attachment.size);

    const rest = await fetch(url, { headers: { ...auth, range: `bytes=${got}-`, 'if-range': etag } });
    expect(rest.status).toBe(206);
    parts.push(Buffer.from(await rest.arrayBuffer()));
    const all = Buffer.concat(parts);
    expect(all.length).toBe(attachment.size);
    expect(createHash('sha256').update(all).digest('hex')).toBe(rest.headers.get('x-content-sha256'));
    server.faults!.set({});
  });

  it('answers 503 with Retry-After while the fault is set, then recovers; delays when asked', async () => {
    server.faults!.set({ fail503Count: 2 });
    const a = await taxpayer.problem('E_SERVICE_UNAVAILABLE', 'listCases');
    expect(a.status).toBe(503);
    await taxpayer.problem('E_SERVICE_UNAVAILABLE', 'listCases');
    await taxpayer.expect(200, 'listCases');
    server.faults!.set({ delayMs: 300 });
    const started = Date.now();
    await taxpayer.expect(200, 'listCases');
    // Not a speed assertion: the injected delay is a lower bound by construction.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    server.faults!.set({});
  });
});

describe('fault injection is opt-in', () => {
  it('is absent unless the faults option is given', async () => {
    const plain = await startTestServer();
    try { expect(plain.faults).toBeUndefined(); } finally { await plain.stop(); }
  });
});
