/**
 * The reader's case list answer (electron/vault/reader/read-queries.ts): JSON text of rows that match
 * cases.list's output, checked in the worker; a row the contract refuses fails the whole answer with
 * E_INTERNAL naming only field paths, never the value.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { migrate } from '../../electron/vault/migrate';
import { answerRead } from '../../electron/vault/reader/read-queries';
import { freshDb } from './helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db); });
afterEach(() => h.close());

const addCase = (id: number, serverStatus: string) => h.db.prepare(`INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, server_status, assigned_role, created_at)
  VALUES (?, ?, 'Zoë Müller-Ñúñez', '***-**-4320', 'open', ?, 'OE', '2025-02-01T12:00:00Z')`).run(id, `DEMO-${id}`, serverStatus);

it('answers the case list as UTF-8 JSON bytes that decode to the contract view', () => {
  addCase(1, 'open');
  addCase(2, 'appeals');
  const answer = answerRead(h.db, { type: 'caseSummaries', id: 1 }) as { jsonUtf8: Uint8Array };
  expect(answer.jsonUtf8).toBeInstanceOf(Uint8Array);
  const rows = contract.cases.list.output.parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(answer.jsonUtf8)));
  expect(rows.map((c) => [c.id, c.status, c.taxpayerName])).toEqual([[2, 'appeals', 'Zoë Müller-Ñúñez'], [1, 'open', 'Zoë Müller-Ñúñez']]);
});

it('refuses the whole list when a row breaks the contract, naming the field and not its value', () => {
  addCase(1, 'open');
  h.db.pragma('ignore_check_constraints = ON'); // a row the schema's CHECK would refuse: what a bug or a damaged file could leave
  addCase(2, 'lost-in-the-mail');
  let thrown: unknown;
  try { answerRead(h.db, { type: 'caseSummaries', id: 1 }); } catch (err) { thrown = err; }
  expect(thrown).toMatchObject({ code: 'E_INTERNAL', details: { issues: expect.stringContaining('status') } });
  expect(JSON.stringify(thrown)).not.toContain('lost-in-the-mail');
});
