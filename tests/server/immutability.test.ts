/**
 * Sent messages never change and cannot be forwarded: there is no route to edit or delete one, an
 * upload can be sent once only, and an attachment of one message cannot be attached to another.
 * The server, not the client, sets ids and the receipt time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start-server';
import { firstThread, signIn, type ApiClient } from './helpers/api-client';
import { patchUpload } from './helpers/byte-streams';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
let employee: ApiClient;
let caseId: string;
let threadId: string;
beforeAll(async () => {
  server = await startTestServer();
  employee = await signIn(server.url, server.demoCredentials!.employees[0]!);
  ({ caseId, threadId } = await firstThread(employee));
});
afterAll(async () => { await server?.stop(); });

describe('sent messages', () => {
  it('cannot be edited or deleted by any method', async () => {
    const message = await employee.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'Original text' } });
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const r = await fetch(`${server.url}/v1/messages/${message.id}`, method === 'DELETE'
        ? { method, headers: { authorization: `Bearer ${employee.token}` } }
        : { method, headers: { authorization: `Bearer ${employee.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Changed' }) });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await employee.expect(200, 'getMessage', { params: { messageId: message.id } })).toEqual(message);
  });

  it('ignores client-supplied ids and times', async () => {
    const r = await employee.call('createMessage', {
      params: { caseId, threadId }, body: { body: 'x', id: '00000000-0000-4000-8000-000000000000', receivedAt: '2001-01-01T00:00:00.000Z' },
    });
    expect(r.problem?.code).toBe('E_VALIDATION');
  });

  it('cannot reuse an upload or an attachment in a second message (no forward)', async () => {
    const upload = await employee.expect(201, 'createUpload', { body: { caseId, fileName: 'notice.pdf', size: 8 } });
    await patchUpload(employee.url('appendUpload', { uploadId: upload.id }), employee.token!, 8, 8, 0);
    const first = await employee.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'Notice attached', uploadIds: [upload.id] } });
    await employee.problem('E_UPLOAD_ALREADY_USED', 'createMessage', { params: { caseId, threadId }, body: { body: 'Again', uploadIds: [upload.id] } });
    // An attachment someone else sent cannot be referenced either.
    const taxpayerName = (await employee.expect(200, 'getCase', { params: { caseId } })).taxpayerName;
    const taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers.find((t) => t.displayName === taxpayerName)!);
    await taxpayer.problem('E_NOT_FOUND', 'createMessage', { params: { caseId, threadId }, body: { body: 'Forward', uploadIds: [first.attachments[0]!.id] } });
    const r = await fetch(employee.url('deleteUpload', { uploadId: upload.id }), { method: 'DELETE', headers: { authorization: `Bearer ${employee.token}` } });
    expect(r.status).toBe(409);
  });

  it('refuses an empty message', async () => {
    await employee.problem('E_VALIDATION', 'createMessage', { params: { caseId, threadId }, body: { body: '   ' } });
  });
});

describe('binding', () => {
  it('refuses to bind anywhere but loopback', async () => {
    await expect(startServer({ dataDir: server.dataDir, port: 0, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/loopback/);
  });
});
