/**
 * A queued file's upload declares what its content is (the shared content sniffer), never a type
 * guessed from its name: a PDF behind a preamble named `.dat` goes up as application/pdf, an HTML
 * page named `.pdf` as text/html, Windows-1252 text named `.csv` as text/csv.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../shared/content-type/sniff';
import { signIn } from '../server/helpers/api-client';
import { EMPLOYEE, startHarness, until, type Harness } from './helpers/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.cleanup(); });

it('declares each upload by its content', async () => {
  const s = await h.service();
  await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  await s.syncNow();
  const c = h.vault.listCases().find((x) => x.offerNumber === 'DEMO-0000010001')!;
  const threadId = h.vault.listThreads(c.id)[0]!.id;
  const file = (name: string, bytes: Buffer) => { const p = path.join(h.tmp, name); fs.writeFileSync(p, bytes); return { name, path: p }; };
  const attachments = [
    file('scan.dat', Buffer.concat([Buffer.from('X-Gateway: scanned\r\n\r\n%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n%%EOF\n')])),
    file('statement.pdf', Buffer.from('<!DOCTYPE html><html><body>Sign in</body></html>')),
    file('payments.csv', Buffer.from('payee,amount\r\nCaf\xe9,\x8012\r\n', 'latin1')),
  ];
  const body = 'Files with misleading names, declared by content.';
  const queued = await s.queueReply({ caseId: c.id, threadId, body, attachments });
  expect(h.vault.sync.listOutboxAttachments(queued.outboxId).map((f) => [f.declaredType, f.detectedType]))
    .toEqual([[CONTENT_TYPES.pdf, CONTENT_TYPES.pdf], [CONTENT_TYPES.html, CONTENT_TYPES.html], [CONTENT_TYPES.csv, CONTENT_TYPES.csv]]);
  await s.syncNow();
  await until(() => h.vault.listOutbox().every((o) => o.state === 'sent'), 'the reply is sent');

  const employee = await signIn(h.server.url, EMPLOYEE);
  const serverCaseId = h.vault.sync.serverCaseIdFor(c.id)!;
  const { messages } = await employee.expect(200, 'listMessages', { params: { caseId: serverCaseId, threadId: h.vault.sync.getThread(threadId)!.serverThreadId } });
  const sent = messages.find((m) => m.body === body)!;
  expect(sent.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
    ['scan.dat', CONTENT_TYPES.pdf], ['statement.pdf', CONTENT_TYPES.html], ['payments.csv', CONTENT_TYPES.csv],
  ]);
});
