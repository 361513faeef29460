/**
 * The outbox moving is announced through data.changed, naming the case: queued, sent (its message is
 * in the vault now), back in the queue after the server could not be reached, retried and discarded.
 * A run with nothing queued announces nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncService } from '../../electron/sync';
import type { DataChanged } from '../../shared/ipc/contract';
import { EMPLOYEE, startHarness, type Harness } from './helpers/harness';

let h: Harness;
let s: SyncService;
const changes: DataChanged[] = [];
beforeAll(async () => {
  h = await startHarness();
  s = await h.service({ onDataChanged: (c) => changes.push(c) });
  await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  await s.syncNow();
});
afterAll(async () => { await h.cleanup(); });

function firstThread() {
  const c = h.vault.listCases().find((x) => x.offerNumber === 'DEMO-0000010001')!;
  return { caseId: c.id, threadId: h.vault.listThreads(c.id)[0]!.id };
}

it('announces a reply queued, then sent, and nothing for a run with nothing new', async () => {
  const { caseId, threadId } = firstThread();
  changes.length = 0;
  await s.syncNow();
  expect(changes).toEqual([]);

  await s.queueReply({ caseId, threadId, body: 'Thank you, received.' });
  expect(changes).toEqual([{ caseIds: [caseId], kinds: ['outbox'] }]);
  await s.syncNow();
  expect(changes.slice(1)).toEqual([{ caseIds: [caseId], kinds: ['messages', 'outbox'] }]);
});

it('announces a reply put back in the queue when the server is gone, and its discard', async () => {
  const { caseId, threadId } = firstThread();
  const { outboxId } = await s.queueReply({ caseId, threadId, body: 'Sent while offline.' });
  await h.stopServer();
  changes.length = 0;
  await expect(s.syncNow()).rejects.toMatchObject({ code: 'E_OFFLINE' });
  expect(changes).toEqual([{ caseIds: [caseId], kinds: ['outbox'] }]); // queued again, with the error it met
  await s.discardOutboxItem(outboxId);
  expect(changes.slice(1)).toEqual([{ caseIds: [caseId], kinds: ['outbox'] }]);
  await h.restartServer();
});
