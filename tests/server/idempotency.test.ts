/** The same POST twice with one Idempotency-Key creates one thing and returns the first result. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstThread, signIn, type ApiClient } from './helpers/api-client';
import { patchUpload } from './helpers/byte-streams';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let employee: ApiClient;
let caseId: string;
let threadId: string;
beforeAll(async () => {
  server = await startTestServer();
  employee = await signIn(server.url, server.demoCredentials!.employees[1]!);
  ({ caseId, threadId } = await firstThread(employee));
});
afterAll(async () => { await server?.stop(); });

const count = async () => (await employee.expect(200, 'listMessages', { params: { caseId, threadId } })).messages.length;

describe('Idempotency-Key', () => {
  it('creates one message for the same POST sent twice, and replays the first response', async () => {
    const before = await count();
    const key = randomUUID();
    const body = { body: 'Please send the missing pay stub.' };
    const first = await employee.call('createMessage', { params: { caseId, threadId }, body, idempotencyKey: key });
    const second = await employee.call('createMessage', { params: { caseId, threadId }, body, idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await count()).toBe(before + 1);
  });

  it('creates one message when the same POST races itself', async () => {
    const before = await count();
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () =>
      employee.call('createMessage', { params: { caseId, threadId }, body: { body: 'Racing retry' }, idempotencyKey: key })));
    expect(new Set(results.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('applies to threads and uploads too', async () => {
    const key = randomUUID();
    const a = await employee.expect(201, 'createThread', { params: { caseId }, body: { subject: 'Follow-up' }, idempotencyKey: key });
    const b = await employee.expect(201, 'createThread', { params: { caseId }, body: { subject: 'Follow-up' }, idempotencyKey: key });
    expect(b.id).toBe(a.id);
    const threads = (await employee.expect(200, 'listThreads', { params: { caseId } })).threads.filter((t) => t.id === a.id);
    expect(threads).toHaveLength(1);
    const uKey = randomUUID();
    const u1 = await employee.expect(201, 'createUpload', { body: { caseId, fileName: 'a.pdf', size: 5 }, idempotencyKey: uKey });
    const u2 = await employee.expect(201, 'createUpload', { body: { caseId, fileName: 'a.pdf', size: 5 }, idempotencyKey: uKey });
    expect(u2.id).toBe(u1.id);
  });

  it('refuses a reused key with a different request, and a missing key', async () => {
    const key = randomUUID();
    await employee.expect(201, 'createThread', { params: { caseId }, body: { subject: 'One' }, idempotencyKey: key });
    const reused = await employee.problem('E_IDEMPOTENCY_KEY_REUSED', 'createThread', { params: { caseId }, body: { subject: 'Two' }, idempotencyKey: key });
    expect(reused.status).toBe(422);
    const before = await count();
    await employee.problem('E_IDEMPOTENCY_KEY_REQUIRED', 'createMessage', { params: { caseId, threadId }, body: { body: 'x' }, idempotencyKey: null });
    await employee.problem('E_IDEMPOTENCY_KEY_REQUIRED', 'createMessage', { params: { caseId, threadId }, body: { body: 'x' }, idempotencyKey: 'short' });
    expect(await count()).toBe(before);
  });

  it('does not store a refused request, so a corrected retry with the same key works', async () => {
    const key = randomUUID();
    await employee.problem('E_VALIDATION', 'createThread', { params: { caseId }, body: { subject: '' }, idempotencyKey: key });
    const upload = await employee.expect(201, 'createUpload', { body: { caseId, fileName: 'x.pdf', size: 3 } });
    // Incomplete upload: refused, nothing recorded under the key.
    await employee.problem('E_UPLOAD_INCOMPLETE', 'createMessage', { params: { caseId, threadId }, body: { body: 'x', uploadIds: [upload.id] }, idempotencyKey: key });
    await patchUpload(employee.url('appendUpload', { uploadId: upload.id }), employee.token!, 3, 3, 0);
    const sent = await employee.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'x', uploadIds: [upload.id] }, idempotencyKey: key });
    expect(sent.attachments).toHaveLength(1);
  });
});
