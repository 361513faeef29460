/**
 * Child process for tests/casework/kill-create-request.test.ts: unlocks the vault through the test key
 * protector, prints READY, then creates document requests (outbox row + request in one transaction)
 * until it is killed, printing `R <requestId> <outboxId> <ms>` after each one that committed.
 * Run (bundled by tests/vault/helpers/kill-child.ts): node create-request-child.mjs <dir> <secret hex> <caseId> <threadId>
 */
import { createRequest } from '../../../electron/casework/create-request';
import { unlockVault } from '../../../electron/vault';
import { addDays } from '../../../shared/requests/calendar-date';
import { nextBusinessDay, todayIn } from '../../../shared/requests/due-date';
import { TestKeyProtector } from '../../vault/helpers/test-key-protector';

const [dir, secretHex, caseId, threadId] = process.argv.slice(2);
const { vault } = await unlockVault(dir!, { protector: new TestKeyProtector(Buffer.from(secretHex!, 'hex')) });
const timeZone = 'America/New_York';
const dueDate = nextBusinessDay(addDays(todayIn(timeZone, new Date()), 14));
process.stdout.write('READY\n');
for (let i = 0; ; i++) {
  const t0 = performance.now();
  const created = createRequest(vault, {
    caseId: Number(caseId), threadId: Number(threadId), dueDate,
    items: [
      { kind: 'bank-statements', label: 'Bank statements', wording: `Statements for the last 3 months, request ${i}.` },
      { kind: 'pay-stubs', label: 'Pay stubs', wording: 'Your 2 most recent pay stubs.' },
    ],
  }, { now: new Date(), timeZone, employeeName: 'Alex Examiner' });
  process.stdout.write(`R ${created.requestId} ${created.outboxId} ${Math.round(performance.now() - t0)}\n`);
  // Let the event loop breathe so a kill can land between and inside commits alike.
  if (i % 4 === 0) await new Promise((r) => setImmediate(r));
}
