/** A waiting message produces an .eml notice in the outbox for the right people, with no taxpayer data. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMail } from '../../server/notify/mail-transport';
import { signIn } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.stop(); });

const outbox = () => path.join(server.dataDir, 'outbox');
async function waitForMails(count: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const files = fs.readdirSync(outbox()).filter((f) => f.endsWith('.eml'));
    if (files.length >= count) return files.map((f) => fs.readFileSync(path.join(outbox(), f), 'utf8'));
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('notifications did not arrive');
}

describe('notification e-mails', () => {
  it('notifies the taxpayer and representative of an outbound message, without any taxpayer data', async () => {
    const employee = await signIn(server.url, server.demoCredentials!.employees[1]!);
    const kase = (await employee.expect(200, 'listCases')).cases.find((c) => c.participants.some((p) => p.role === 'representative'))!;
    const thread = await employee.expect(201, 'createThread', { params: { caseId: kase.id }, body: { subject: 'Bank statements for account ending 4411' } });
    const body = 'Your offer DEMO-0000099999 needs the statement for account 4411.';
    await employee.expect(201, 'createMessage', { params: { caseId: kase.id, threadId: thread.id }, body: { body } });
    const mails = await waitForMails(2);
    expect(mails).toHaveLength(2);
    const rep = kase.participants.find((p) => p.role === 'representative')!;
    const repCreds = server.demoCredentials!.representatives.find((r) => r.displayName === rep.displayName)!;
    const taxpayerCreds = server.demoCredentials!.taxpayers.find((t) => t.displayName === kase.taxpayerName)!;
    const recipients = mails.map((m) => /^To: (.+)$/m.exec(m)![1]!.trim()).sort();
    expect(recipients).toEqual([`${repCreds.username}@demo-mail.invalid`, `${taxpayerCreds.username}@demo-mail.invalid`].sort());
    for (const raw of mails) {
      expect(raw).toMatch(/^Subject: You have a new secure message$/m);
      // Random ids and the date could contain four digits by chance; everything else must be clean.
      const mail = raw.replace(/^(Message-ID|Date): .*$/gm, '');
      for (const secret of [kase.taxpayerName, kase.offerNumber, kase.tinMasked.slice(-4), '987-65-', 'DEMO-', '4411', thread.subject, rep.displayName]) {
        expect(mail).not.toContain(secret);
      }
    }
  });

  it('notifies the assigned employee of an inbound message through a configured transport', async () => {
    const sent: OutboundMail[] = [];
    const custom = await startServerWithTransport(sent);
    try {
      const taxpayer = await signIn(custom.url, custom.demoCredentials!.taxpayers[4]!);
      const kase = (await taxpayer.expect(200, 'listCases')).cases[0]!;
      const threadId = (await taxpayer.expect(200, 'listThreads', { params: { caseId: kase.id } })).threads[0]!.id;
      await taxpayer.expect(201, 'createMessage', { params: { caseId: kase.id, threadId }, body: { body: 'Reply' } });
      for (let i = 0; i < 100 && sent.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(sent.map((m) => m.to)).toEqual([`${kase.assignedEmployee.displayName.toLowerCase().replace(/[^a-z]+/g, '.')}@irs-demo.invalid`]);
      expect(fs.readdirSync(path.join(custom.dataDir, 'outbox'))).toEqual([]);
    } finally { await custom.stop(); }
  });
});

async function startServerWithTransport(sent: OutboundMail[]) {
  return startTestServer({ mailTransport: async (mail) => { sent.push(mail); } });
}
