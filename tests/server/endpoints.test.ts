/**
 * Walks every endpoint of the route table against a real server on loopback. The client validates each
 * response against the schema the table declares, so this is the "every response matches its schema"
 * test; at the end it checks that every route was called and answered with a declared success status.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/protocol/routes';
import { ApiClient, seen, signIn } from './helpers/api-client';
import { patchUpload, patternSha256 } from './helpers/byte-streams';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.stop(); });

describe('every endpoint answers with its declared schema', () => {
  it('runs a full employee and taxpayer exchange', async () => {
    const anonymous = new ApiClient(server.url);
    const health = await anonymous.expect(200, 'health');
    expect(health.demo).toBe(true);
    await anonymous.expect(200, 'openApi');

    const creds = server.demoCredentials!;
    const employee = await signIn(server.url, creds.employees[0]!);
    expect(employee.tokens.account.role).toBe('employee');
    expect(employee.tokens.account.accessCode).toBe(creds.employees[0]!.accessCode);
    const me = await employee.expect(200, 'me');
    expect(me.id).toBe(employee.tokens.account.id);

    const { cases } = await employee.expect(200, 'listCases');
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c.assignedEmployee.accountId).toBe(me.id);
    const kase = await employee.expect(200, 'getCase', { params: { caseId: cases[0]!.id } });
    const taxpayerAccount = kase.participants.find((p) => p.role === 'taxpayer')!;
    const { threads } = await employee.expect(200, 'listThreads', { params: { caseId: kase.id } });
    expect(threads.length).toBeGreaterThan(0);
    const { messages } = await employee.expect(200, 'listMessages', { params: { caseId: kase.id, threadId: threads[0]!.id } });
    expect(messages.length).toBeGreaterThan(0);

    const thread = await employee.expect(201, 'createThread', { params: { caseId: kase.id }, body: { subject: 'Additional 433-A (OIC) items' } });
    expect(thread.caseId).toBe(kase.id);

    // Upload a file in two pieces, then send it.
    const size = 3 * 1024 * 1024 + 17;
    const upload = await employee.expect(201, 'createUpload', { body: { caseId: kase.id, fileName: 'Letter 1234.pdf', size, contentType: 'application/pdf' } });
    expect(upload.offset).toBe(0);
    const half = await patchUpload(employee.url('appendUpload', { uploadId: upload.id }), employee.token!, 5, size, 0, { to: 1024 * 1024 });
    expect(half).not.toBe('dropped');
    expect((half as { status: number }).status).toBe(200);
    seen.add('appendUpload 200');
    const mid = await employee.expect(200, 'getUpload', { params: { uploadId: upload.id } });
    expect(mid.offset).toBe(1024 * 1024);
    expect(mid.state).toBe('receiving');
    const rest = await patchUpload(employee.url('appendUpload', { uploadId: upload.id }), employee.token!, 5, size, mid.offset);
    const done = routes.appendUpload.responses[200].schema.parse(JSON.parse((rest as { body: string }).body));
    expect(done.state).toBe('complete');
    expect(done.sha256).toBe(patternSha256(5, size));

    const before = Date.now();
    const sent = await employee.expect(201, 'createMessage', {
      params: { caseId: kase.id, threadId: thread.id }, body: { body: 'Please also send your most recent pay stub.', uploadIds: [upload.id] },
    });
    expect(sent.direction).toBe('outbound');
    expect(sent.attachments).toHaveLength(1);
    expect(Date.parse(sent.receivedAt)).toBeGreaterThanOrEqual(before - 1000);
    const again = await employee.expect(200, 'getMessage', { params: { messageId: sent.id } });
    expect(again).toEqual(sent);

    const download = await fetch(employee.url('downloadAttachment', { attachmentId: sent.attachments[0]!.id }), { headers: { authorization: `Bearer ${employee.token}` } });
    expect(download.status).toBe(200);
    seen.add('downloadAttachment 200');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sent.attachments[0]!.sha256);

    // A throwaway upload can be deleted.
    const scrap = await employee.expect(201, 'createUpload', { body: { caseId: kase.id, fileName: 'draft.txt', size: 10 } });
    await fetch(employee.url('deleteUpload', { uploadId: scrap.id }), { method: 'DELETE', headers: { authorization: `Bearer ${employee.token}` } })
      .then((r) => { expect(r.status).toBe(204); seen.add('deleteUpload 204'); });
    await employee.problem('E_NOT_FOUND', 'getUpload', { params: { uploadId: scrap.id } });

    // The taxpayer sees the new message in the change feed and answers.
    const taxpayerCreds = creds.taxpayers.find((t) => t.displayName === taxpayerAccount.displayName)!;
    const taxpayer = await signIn(server.url, taxpayerCreds);
    const feed = await taxpayer.expect(200, 'changes', { query: { after: '0', limit: 1000 } });
    const mine = feed.events.filter((e) => e.type === 'message.created' && e.message.id === sent.id);
    expect(mine).toHaveLength(1);
    const reply = await taxpayer.expect(201, 'createMessage', { params: { caseId: kase.id, threadId: thread.id }, body: { body: 'Attached.' } });
    expect(reply.direction).toBe('inbound');

    // Refresh rotates tokens; sign-out ends the session.
    const refreshed = await anonymous.expect(200, 'refresh', { body: { refreshToken: employee.tokens.refreshToken } });
    expect(refreshed.refreshToken).not.toBe(employee.tokens.refreshToken);
    const renewed = new ApiClient(server.url, refreshed.accessToken);
    await renewed.expect(200, 'me');
    await renewed.expect(200, 'signOut');
    await renewed.problem('E_UNAUTHENTICATED', 'me');
  });

  it('called every route of the table with a declared success status', () => {
    for (const spec of Object.values(routes)) {
      const ok = Object.keys(spec.responses).map(Number).filter((s) => s < 300);
      expect(ok.some((s) => seen.has(`${spec.operationId} ${s}`)), `${spec.operationId} was not exercised`).toBe(true);
    }
  });

  it('answers unknown paths and malformed input with problem documents', async () => {
    const anonymous = new ApiClient(server.url);
    const r = await fetch(`${server.url}/v1/nope`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    const bad = await fetch(`${server.url}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('E_VALIDATION');
    await anonymous.problem('E_VALIDATION', 'signIn', { body: { accessCode: '1004821' } });
    await anonymous.problem('E_UNAUTHENTICATED', 'listCases');
  });
});
