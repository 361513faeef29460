/**
 * The authorization matrix: each account sees exactly its cases; anyone else's case, thread, message,
 * attachment or upload answers 404, never 403, so ids leak nothing. Missing or bad tokens are 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../shared/protocol/cases';
import { ApiClient, signIn } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.stop(); });

interface Target { caseId: string; threadId: string; messageId: string; attachmentId: string }

async function targetOf(client: ApiClient, kase: Case): Promise<Target> {
  const { threads } = await client.expect(200, 'listThreads', { params: { caseId: kase.id } });
  const thread = threads[0]!;
  const { messages } = await client.expect(200, 'listMessages', { params: { caseId: kase.id, threadId: thread.id } });
  const withFile = messages.find((m) => m.attachments.length > 0)!;
  return { caseId: kase.id, threadId: thread.id, messageId: withFile.id, attachmentId: withFile.attachments[0]!.id };
}

async function expectHidden(client: ApiClient, t: Target): Promise<void> {
  await client.problem('E_NOT_FOUND', 'getCase', { params: { caseId: t.caseId } });
  await client.problem('E_NOT_FOUND', 'listThreads', { params: { caseId: t.caseId } });
  await client.problem('E_NOT_FOUND', 'listMessages', { params: { caseId: t.caseId, threadId: t.threadId } });
  await client.problem('E_NOT_FOUND', 'getMessage', { params: { messageId: t.messageId } });
  await client.problem('E_NOT_FOUND', 'createThread', { params: { caseId: t.caseId }, body: { subject: 'x' } });
  await client.problem('E_NOT_FOUND', 'createMessage', { params: { caseId: t.caseId, threadId: t.threadId }, body: { body: 'x' } });
  await client.problem('E_NOT_FOUND', 'createUpload', { body: { caseId: t.caseId, fileName: 'a.pdf', size: 1 } });
  const download = await fetch(client.url('downloadAttachment', { attachmentId: t.attachmentId }), { headers: { authorization: `Bearer ${client.token}` } });
  expect(download.status).toBe(404);
  expect(((await download.json()) as { code: string }).code).toBe('E_NOT_FOUND');
  const feed = await client.expect(200, 'changes', { query: { after: '0', limit: 1000 } });
  expect(feed.events.filter((e) => e.caseId === t.caseId)).toEqual([]);
}

describe('authorization matrix', () => {
  it('employees see only their assigned cases; another employee\'s case is 404', async () => {
    const [a, b] = await Promise.all(server.demoCredentials!.employees.slice(0, 2).map((e) => signIn(server.url, e)));
    const aCases = (await a!.expect(200, 'listCases')).cases;
    const bCases = (await b!.expect(200, 'listCases')).cases;
    expect(aCases.length).toBeGreaterThan(0);
    expect(aCases.every((c) => c.assignedEmployee.accountId === a!.tokens.account.id)).toBe(true);
    expect(aCases.map((c) => c.id).filter((id) => bCases.some((c) => c.id === id))).toEqual([]);
    await expectHidden(b!, await targetOf(a!, aCases[0]!));
    await expectHidden(a!, await targetOf(b!, bCases[0]!));
  });

  it('a taxpayer sees only their own cases; another taxpayer\'s case is 404', async () => {
    const creds = server.demoCredentials!.taxpayers;
    const [t0, t1] = await Promise.all([signIn(server.url, creds[0]!), signIn(server.url, creds[1]!)]);
    const own = (await t0!.expect(200, 'listCases')).cases;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.participants.some((p) => p.accountId === t0!.tokens.account.id && p.role === 'taxpayer'))).toBe(true);
    const other = (await t1!.expect(200, 'listCases')).cases;
    await expectHidden(t0!, await targetOf(t1!, other[0]!));
    // The full TIN never leaves the server.
    expect(JSON.stringify(own)).not.toMatch(/987-65-\d{4}/);
  });

  it('a representative sees exactly the cases they hold a POA for', async () => {
    const rep = await signIn(server.url, server.demoCredentials!.representatives[0]!);
    const cases = (await rep.expect(200, 'listCases')).cases;
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.participants.some((p) => p.accountId === rep.tokens.account.id && p.role === 'representative'))).toBe(true);
    const employee = await signIn(server.url, server.demoCredentials!.employees[0]!);
    const notTheirs = (await employee.expect(200, 'listCases')).cases.find((c) => !c.participants.some((p) => p.accountId === rep.tokens.account.id))!;
    await expectHidden(rep, await targetOf(employee, notTheirs));
  });

  it('uploads are private to their creator, even on a shared case', async () => {
    const employee = await signIn(server.url, server.demoCredentials!.employees[0]!);
    const kase = (await employee.expect(200, 'listCases')).cases[0]!;
    const taxpayerName = kase.participants.find((p) => p.role === 'taxpayer')!.displayName;
    const taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers.find((t) => t.displayName === taxpayerName)!);
    const upload = await taxpayer.expect(201, 'createUpload', { body: { caseId: kase.id, fileName: 'stub.pdf', size: 4 } });
    await employee.problem('E_NOT_FOUND', 'getUpload', { params: { uploadId: upload.id } });
    const { threads } = await employee.expect(200, 'listThreads', { params: { caseId: kase.id } });
    await employee.problem('E_NOT_FOUND', 'createMessage', { params: { caseId: kase.id, threadId: threads[0]!.id }, body: { body: 'x', uploadIds: [upload.id] } });
  });

  it('every protected route refuses a missing, malformed or unknown token with 401', async () => {
    const anonymous = new ApiClient(server.url);
    const fake = new ApiClient(server.url, 'A'.repeat(43));
    const id = '00000000-0000-4000-8000-000000000000';
    for (const client of [anonymous, fake]) {
      await client.problem('E_UNAUTHENTICATED', 'me');
      await client.problem('E_UNAUTHENTICATED', 'listCases');
      await client.problem('E_UNAUTHENTICATED', 'getCase', { params: { caseId: id } });
      await client.problem('E_UNAUTHENTICATED', 'listThreads', { params: { caseId: id } });
      await client.problem('E_UNAUTHENTICATED', 'createThread', { params: { caseId: id }, body: { subject: 'x' } });
      await client.problem('E_UNAUTHENTICATED', 'getMessage', { params: { messageId: id } });
      await client.problem('E_UNAUTHENTICATED', 'createUpload', { body: { caseId: id, fileName: 'a.pdf', size: 1 } });
      await client.problem('E_UNAUTHENTICATED', 'getUpload', { params: { uploadId: id } });
      await client.problem('E_UNAUTHENTICATED', 'changes');
      await client.problem('E_UNAUTHENTICATED', 'signOut');
      const r = await fetch(client.url('downloadAttachment', { attachmentId: id }), client.token ? { headers: { authorization: `Bearer ${client.token}` } } : {});
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
    }
  });
});
