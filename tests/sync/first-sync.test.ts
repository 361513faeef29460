/**
 * The first sync fills the vault with the case history; nothing in it is news. A first sync cut off
 * halfway (the laptop went offline after a page) is still the first when it resumes, so the rest of
 * the history does not come as a "new messages" notification; after it, a new message does.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FEED_CURSOR } from '../../electron/sync/apply-changes';
import type { InboundReport } from '../../electron/sync';
import { EMPLOYEE, startHarness, taxpayer, taxpayerSends, type Harness } from './helpers/harness';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.cleanup(); });

it('a resumed first sync is still the first; the next new message is news', async () => {
  const reports: InboundReport[] = [];
  const service = await h.service({ onNewInbound: (r) => reports.push(r) });
  await service.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  // As if the first run had applied one early page and then lost the network: a cursor, not the end.
  h.vault.setSyncCursor(FEED_CURSOR, '3');
  await service.syncNow();
  expect(reports.length).toBe(1);
  expect(reports[0]!.count).toBeGreaterThan(0);
  expect(reports[0]!.firstSync).toBe(true);

  await taxpayerSends(await taxpayer(h.url), 'A new statement, as asked.');
  await service.syncNow();
  expect(reports.at(-1)).toMatchObject({ count: 1, firstSync: false });
});
