/**
 * Abuse limits of the real server over loopback: open-upload quotas per account (count and bytes),
 * expiry and sweep of abandoned uploads, per-account rate limits on changes, and failed sign-ins
 * throttled per address across logins (a password sprayed over many logins). Two seeded servers (seeding
 * is the slow part): one with the defaults, one with small limits; each test uses its own accounts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GiB } from '../../shared/limits';
import { DEFAULT_ABUSE_LIMITS } from '../../server/abuse/abuse-limits';
import { startServer } from '../../server/start-server';
import { ApiClient, firstThread, signIn } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const partFiles = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'uploads')).filter((n) => n.endsWith('.part'));
async function waitUntilGone(file: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && fs.existsSync(file)) await sleep(50);
}

describe('with the default limits', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); }, 120_000);
  afterAll(async () => { await server?.stop(); });

  it('a taxpayer declaring 1 GiB uploads gets four, then E_UPLOAD_QUOTA_EXCEEDED; another account is not affected; deleting frees room', async () => {
    const taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[0]!);
    const { caseId } = await firstThread(taxpayer);
    const before = partFiles(server.dataDir).length;
    const accepted: string[] = [];
    let refused: Awaited<ReturnType<ApiClient['call']>> | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const r = await taxpayer.call('createUpload', { body: { caseId, fileName: `statement-${i}.pdf`, size: GiB, contentType: 'application/pdf' } });
      if (r.status === 201) accepted.push((r.body as { id: string }).id);
      else refused = r;
    }
    expect(accepted).toHaveLength(DEFAULT_ABUSE_LIMITS.maxOpenUploadBytesPerAccount / GiB);
    expect(refused?.status).toBe(429);
    expect(refused?.problem).toMatchObject({ code: 'E_UPLOAD_QUOTA_EXCEEDED', details: { openUploads: 4, maxOpenBytes: 4 * GiB } });
    expect(partFiles(server.dataDir).length - before).toBe(4);
    const other = await signIn(server.url, server.demoCredentials!.taxpayers[1]!);
    await other.expect(201, 'createUpload', { body: { caseId: (await firstThread(other)).caseId, fileName: 'a.pdf', size: GiB } });
    await taxpayer.expect(204, 'deleteUpload', { params: { uploadId: accepted[0]! } });
    await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'again.pdf', size: GiB } });
  });

  it('abandoned uploads are swept at start (a server that was down when they expired); a sent file is never touched', async () => {
    const credentials = server.demoCredentials!.taxpayers[2]!;
    const taxpayer = await signIn(server.url, credentials);
    const { caseId, threadId } = await firstThread(taxpayer);
    const stale = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'stale.pdf', size: 10 } });
    const sent = await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'sent.txt', size: 0 } });
    await taxpayer.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'One file.', uploadIds: [sent.id] } });
    const { dataDir } = server;
    const stalePart = path.join(dataDir, 'uploads', `${stale.id}.part`);
    expect(fs.existsSync(stalePart)).toBe(true);
    await server.close(); // the data directory stays: start again over it, with everything already expired
    const again = await startServer({ dataDir, port: 0, abuseLimits: { uploadExpiryMs: 0 } });
    server = { ...again, stop: async () => { await again.close(); fs.rmSync(dataDir, { recursive: true, force: true }); } };
    await waitUntilGone(stalePart);
    expect(fs.existsSync(stalePart)).toBe(false);
    expect(partFiles(dataDir)).toEqual([]); // the 1 GiB declarations of the test before went too
    const client = await signIn(again.url, credentials);
    await client.problem('E_NOT_FOUND', 'getUpload', { params: { uploadId: stale.id } });
    const messages = (await client.expect(200, 'listMessages', { params: { caseId, threadId } })).messages;
    const attachment = messages.flatMap((m) => m.attachments).find((a) => a.fileName === 'sent.txt')!;
    const download = await fetch(`${again.url}/v1/attachments/${attachment.id}/content`, { headers: { authorization: `Bearer ${client.token}` } });
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('with small limits', () => {
  const MUTATIONS = 8;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      abuseLimits: {
        maxOpenUploadsPerAccount: 3, uploadExpiryMs: 1500, uploadSweepIntervalMs: 100,
        mutationsPerAccount: { max: MUTATIONS, timeWindowMs: 60_000 },
        failedSignInsPerAddress: { max: 6, timeWindowMs: 60_000 },
      },
    });
  }, 120_000);
  afterAll(async () => { await server?.stop(); });

  it('counts open uploads, and a sent message frees the ones it used', async () => {
    const taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[0]!);
    const { caseId, threadId } = await firstThread(taxpayer);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: `empty-${i}.txt`, size: 0 } })).id);
    await taxpayer.problem('E_UPLOAD_QUOTA_EXCEEDED', 'createUpload', { body: { caseId, fileName: 'fourth.txt', size: 0 } });
    await taxpayer.expect(201, 'createMessage', { params: { caseId, threadId }, body: { body: 'Three files.', uploadIds: ids } });
    await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'fourth.txt', size: 0 } });
  });

  it('expires abandoned uploads: the sweep removes rows and .part files and gives the quota back', async () => {
    const taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[1]!);
    const { caseId } = await firstThread(taxpayer);
    const uploads = [];
    for (let i = 0; i < 3; i++) uploads.push(await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: `abandoned-${i}.pdf`, size: 1000 } }));
    await taxpayer.problem('E_UPLOAD_QUOTA_EXCEEDED', 'createUpload', { body: { caseId, fileName: 'next.pdf', size: 1000 } });
    for (const u of uploads) await waitUntilGone(path.join(server.dataDir, 'uploads', `${u.id}.part`));
    for (const u of uploads) {
      expect(fs.existsSync(path.join(server.dataDir, 'uploads', `${u.id}.part`))).toBe(false);
      await taxpayer.problem('E_NOT_FOUND', 'getUpload', { params: { uploadId: u.id } });
    }
    await taxpayer.expect(201, 'createUpload', { body: { caseId, fileName: 'next.pdf', size: 1000 } });
  });

  it('rate-limits changes per account: past the budget E_RATE_LIMITED with Retry-After, while reads and other accounts go on', async () => {
    const representative = await signIn(server.url, server.demoCredentials!.representatives[0]!);
    const { caseId } = await firstThread(representative);
    for (let i = 0; i < MUTATIONS / 2; i++) { // create and delete: two changes each, under the count quota
      const u = await representative.expect(201, 'createUpload', { body: { caseId, fileName: `f-${i}.txt`, size: 0 } });
      await representative.expect(204, 'deleteUpload', { params: { uploadId: u.id } });
    }
    const limited = await representative.call('createUpload', { body: { caseId, fileName: 'one-more.txt', size: 0 } });
    expect(limited.status).toBe(429);
    expect(limited.problem?.code).toBe('E_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await representative.problem('E_RATE_LIMITED', 'signOut');
    await representative.expect(200, 'listCases'); // reading is not a change
    const other = await signIn(server.url, server.demoCredentials!.taxpayers[2]!);
    await other.expect(201, 'createUpload', { body: { caseId: (await firstThread(other)).caseId, fileName: 'ok.txt', size: 0 } });
  });

  // Last: it leaves 127.0.0.1 throttled on this server.
  it('throttles failed sign-ins per address across logins (one password sprayed over many), not successful ones', async () => {
    const c = server.demoCredentials!;
    const anonymous = new ApiClient(server.url);
    for (let i = 0; i < 3; i++) await signIn(server.url, c.employees[i % c.employees.length]!); // an office behind one address
    const logins = [...c.taxpayers, ...c.representatives].map((a) => a.username).concat(['no.such.person', 'another.guess', 'third.guess'])
      .slice(0, 8);
    expect(logins).toHaveLength(8);
    const answers: string[] = [];
    for (const username of logins) answers.push((await anonymous.call('signIn', { body: { username, password: 'Spring2025!' } })).problem!.code);
    expect(answers).toEqual([...Array(6).fill('E_INVALID_CREDENTIALS'), 'E_RATE_LIMITED', 'E_RATE_LIMITED']);
    const limited = await anonymous.call('signIn', { body: { accessCode: c.employees[0]!.accessCode, password: c.employees[0]!.password } });
    expect(limited.status).toBe(429);
    expect(limited.problem?.code).toBe('E_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
