/**
 * The reader's case list answer (electron/vault/reader/read-queries.ts): pages of one read, each the
 * JSON bytes of a page that matches cases.list's output, checked in the worker; a row the contract
 * refuses fails its page with E_INTERNAL naming only field paths, never the value.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { migrate } from '../../electron/vault/migrate';
import { answerRead } from '../../electron/vault/reader/read-queries';
import { CaseListPages } from '../../electron/vault/reader/case-list-pages';
import { WorkspaceErrorCodes } from '../../shared/errors';
import { freshDb } from './helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db); });
afterEach(() => h.close());

const addCase = (id: number, serverStatus: string) => h.db.prepare(`INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at)
  VALUES (?, ?, 'Zoë Müller-Ñúñez', '***-**-4320', 'open', ?, 'OE', '2025-02-01T12:00:00Z')`).run(id, `DEMO-${id}`, serverStatus);

it('answers the case list as UTF-8 JSON bytes that decode to the contract view', () => {
  addCase(1, 'open');
  addCase(2, 'appeals');
  const answer = answerRead(h.db, { type: 'caseListPage', id: 1 }, new CaseListPages()) as { jsonUtf8: Uint8Array };
  expect(answer.jsonUtf8).toBeInstanceOf(Uint8Array);
  const page = contract.cases.list.output.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(answer.jsonUtf8)));
  expect(page.cases.map((c) => [c.id, c.status, c.taxpayerName])).toEqual([[2, 'appeals', 'Zoë Müller-Ñúñez'], [1, 'open', 'Zoë Müller-Ñúñez']]);
  expect(page).toMatchObject({ nextPageToken: null, total: 2 });
});

it('answers a list longer than a page a page at a time from one read; a token is good for one page', () => {
  for (let id = 1; id <= 5; id++) addCase(id, 'open');
  const pages = new CaseListPages({ pageSize: 2 });
  const decode = (a: ReturnType<typeof answerRead>) => contract.cases.list.output.parse(JSON.parse(new TextDecoder().decode((a as { jsonUtf8: Uint8Array }).jsonUtf8)));
  const first = decode(answerRead(h.db, { type: 'caseListPage', id: 1 }, pages));
  addCase(6, 'open'); // after the read: in the next list, not in this one's later pages
  const second = decode(answerRead(h.db, { type: 'caseListPage', id: 2, pageToken: first.nextPageToken! }, pages));
  const third = decode(answerRead(h.db, { type: 'caseListPage', id: 3, pageToken: second.nextPageToken! }, pages));
  expect([first, second, third].map((p) => p.cases.map((c) => c.id))).toEqual([[5, 4], [3, 2], [1]]);
  expect([first.total, second.total, third.total, third.nextPageToken]).toEqual([5, 5, 5, null]);
  expect(() => answerRead(h.db, { type: 'caseListPage', id: 4, pageToken: first.nextPageToken! }, pages)).toThrow(expect.objectContaining({ code: WorkspaceErrorCodes.caseListExpired }));
  expect(decode(answerRead(h.db, { type: 'caseListPage', id: 5 }, pages)).total).toBe(6);
});

it('refuses a page when a row of it breaks the contract, naming the field and not its value', () => {
  addCase(1, 'open');
  h.db.pragma('ignore_check_constraints = ON'); // a row the schema's CHECK would refuse: what a bug or a damaged file could leave
  addCase(2, 'lost-in-the-mail');
  let thrown: unknown;
  try { answerRead(h.db, { type: 'caseListPage', id: 1 }, new CaseListPages()); } catch (err) { thrown = err; }
  expect(thrown).toMatchObject({ code: 'E_INTERNAL', details: { issues: expect.stringContaining('status') } });
  expect(JSON.stringify(thrown)).not.toContain('lost-in-the-mail');
});
