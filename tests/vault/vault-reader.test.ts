/**
 * The vault reader (electron/vault/reader): the case list and search in a worker thread on its own
 * read-only connection to the real vault file. Same records as the synchronous calls, every write
 * committed on the main connection visible to the next read, E_LOCKED for reads in flight at lock,
 * a clear error when the worker dies and a new reader at the next workspace call.
 */
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultSession, type VaultSession } from '../../electron/session/vault-session';
import { createVault, type Vault } from '../../electron/vault';
import { deriveDatabaseKey } from '../../electron/vault/vault';
import { openReadOnlyVaultDatabase } from '../../electron/vault/reader/read-only-database';
import { answerRead, type JsonBytes } from '../../electron/vault/reader/read-queries';
import { runReadWorker } from '../../electron/vault/reader/read-worker-loop';
import { startVaultReader } from '../../electron/vault/reader/vault-reader';
import { createWorkspaceService } from '../../electron/workspace/workspace-service';
import { searchResults, shapeSearchResults } from '../../electron/vault/queries/search-results';
import type { CaseSummary as CaseRecordSummary } from '../../electron/vault/records';
import { JsonAnswer } from '../../shared/ipc/json-answer';
import { CASE_LIST_PAGE_SIZE, CaseListPageSchema, type CaseListPage, type CaseSummary } from '../../shared/ipc/workspace-schemas';
import { CRASH_QUERY } from './fixtures/crashing-read-worker';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { makeTempDir } from './helpers/temp-dir';
import { WorkspaceErrorCodes } from '../../shared/errors';

const crashingWorker = new URL('./fixtures/crashing-read-worker.ts', import.meta.url);
const textlessWorker = new URL('./fixtures/textless-read-worker.ts', import.meta.url);

/** The contract's view of the synchronous call's record, field by field (the reader builds it in the worker). */
const asView = (c: CaseRecordSummary): CaseSummary => ({
  id: c.id, offerNumber: c.offerNumber, taxpayerName: c.taxpayerName, tinMasked: c.tinMasked, status: c.serverStatus,
  assignedRole: c.assignedRole, unread: c.unreadCount, messages: c.messageCount, pendingDownloads: c.pendingDownloads, lastActivityAt: c.lastReceivedAt,
});
const listedViews = (v: Vault) => v.listCaseSummaries().map(asView);

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
let vault: Vault;
beforeEach(async () => {
  tmp = makeTempDir('vault-reader-');
  dir = path.join(tmp.dir, 'vault');
  vault = await createVault(dir, PASSPHRASE);
  for (let n = 1; n <= 12; n++) seedCase(vault, n, { body: `Attached are ${n} months of bank statements, 987-65-432${n % 10}.` });
  vault.createCase({ offerNumber: 'DEMO-0000077777', taxpayerName: 'Zoë Müller-Ñúñez', tinMasked: '***-**-4329', assignedRole: 'PE', createdAt: '2025-03-01T12:00:00Z' });
});
afterEach(() => { vault.lock(); tmp.cleanup(); });

describe('vault reader', () => {
  it('answers the same case list and search records as the synchronous calls', async () => {
    const reader = vault.openReader();
    expect((await reader.caseListPage()).parse().cases).toEqual(listedViews(vault));
    for (const query of ['months', 'bank stat', 'muller', 'zoe ñu', '4323', '***-**-4329', 'DEMO-00000123', '987', 'nothing-matches-this']) {
      const answer = await reader.search(query, 50);
      expect(answer).toEqual(shapeSearchResults({ cases: vault.searchCases({ query, limit: 50 }), messages: vault.search({ query, limit: 50 }) }));
    }
    // Shaped in the worker: a TIN a taxpayer wrote into a subject or a file name is masked there.
    const raw = vault.search({ query: '987', limit: 50 });
    expect(raw.some((h) => /987\D{0,3}65/.test(h.subject + h.snippet))).toBe(true);
    expect((await reader.search('987', 50)).messages.some((h) => /987\D{0,3}65/.test(h.subject + h.snippet))).toBe(false);
    expect((await reader.search('months', 50)).messages).toHaveLength(12);
    expect((await reader.search('muller', 50)).cases).toMatchObject([{ taxpayerName: 'Zoë Müller-Ñúñez', matched: 'taxpayer-name' }]);
  });

  it('answers a long list as the JSON bytes of the contract view, and long and short answers asked together each whole', async () => {
    vault.batch(() => {
      for (let n = 0; n < 1200; n++) {
        vault.createCase({ offerNumber: `DEMO-${String(500000 + n).padStart(10, '0')}`, taxpayerName: `Lee Sample ${n}`, tinMasked: '***-**-4325', assignedRole: 'OE', createdAt: '2025-02-01T12:00:00Z' });
      }
    });
    const reader = vault.openReader();
    const [list, again, found] = await Promise.all([reader.caseListPage(), reader.caseListPage(), reader.search('Lee 1199', 50)]);
    expect(list).toBeInstanceOf(JsonAnswer);
    expect(list.jsonUtf8).toBeInstanceOf(Uint8Array);
    const first = CaseListPageSchema.parse(list.parse());
    expect(first).toMatchObject({ total: 1213, nextPageToken: expect.any(String) });
    expect(first.cases).toHaveLength(CASE_LIST_PAGE_SIZE);
    // Two lists asked together: each its own pages, the same rows.
    expect(again.parse()).toEqual({ ...first, nextPageToken: expect.not.stringMatching(first.nextPageToken!) });
    const listed = listedViews(vault);
    // A case that arrives between the pages is in the next list, not in this one's later pages.
    vault.createCase({ offerNumber: 'DEMO-0000600000', taxpayerName: 'Late Arrival', tinMasked: '***-**-4326', assignedRole: 'OE', createdAt: '2025-02-01T12:00:00Z' });
    const rest = CaseListPageSchema.parse((await reader.caseListPage(first.nextPageToken!)).parse());
    expect(rest).toMatchObject({ total: 1213, nextPageToken: null });
    expect([...first.cases, ...rest.cases]).toEqual(listed);
    expect(CaseListPageSchema.parse((await reader.caseListPage()).parse()).total).toBe(1214);
    // A token is good for one page, and a new reader (after lock and unlock) knows none of the old ones.
    await expect(reader.caseListPage(first.nextPageToken!)).rejects.toMatchObject({ code: WorkspaceErrorCodes.caseListExpired });
    // A token that is not one is refused here, not sent to a worker that could not answer it.
    await expect(reader.caseListPage('NOT-A-TOKEN')).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    const nextToken = CaseListPageSchema.parse((await reader.caseListPage()).parse()).nextPageToken!;
    reader.close();
    await expect(vault.openReader().caseListPage(nextToken)).rejects.toMatchObject({ code: WorkspaceErrorCodes.caseListExpired, message: expect.stringMatching(/from the start/) });
    expect(found.cases.map((c) => c.taxpayerName)).toEqual(['Lee Sample 1199']);
  });

  it('answers the named cases as the full list has them, in its order; a purged case and an unknown id are absent', async () => {
    const reader = vault.openReader();
    const list = (await reader.caseListPage()).parse().cases;
    // Cases with messages first (newest activity), the one without (Zoë) last; then the higher id first.
    expect(list.at(-1)!.taxpayerName).toBe('Zoë Müller-Ñúñez');
    const ids = list.map((c) => c.id);
    const named = [ids[12]!, ids[0]!, ids[5]!, ids[3]!];
    const byIds = await reader.caseSummariesByIds(named);
    expect(byIds).toEqual(list.filter((c) => named.includes(c.id)));

    // A new message moves its case to the top of the list and of the by-ids answer alike.
    const later = vault.upsertThread({ caseId: ids[5]!, serverThreadId: 'thr-later', subject: 'Later', createdAt: '2025-05-01T12:00:00Z' });
    vault.insertMessage({ threadId: later, serverId: 'msg-later', direction: 'inbound', serverReceivedAt: '2025-05-02T09:00:00Z', from: 'Pat', subject: 'More', body: 'More statements.' });
    const moved = await reader.caseSummariesByIds(named);
    expect(moved[0]).toMatchObject({ id: ids[5], messages: 2, unread: 2, lastActivityAt: '2025-05-02T09:00:00.000Z' });
    expect(moved).toEqual((await reader.caseListPage()).parse().cases.filter((c) => named.includes(c.id)));

    await vault.purgeCase(ids[0]!);
    const afterPurge = await reader.caseSummariesByIds([...named, 99_999]);
    expect(afterPurge.map((c) => c.id)).toEqual(moved.map((c) => c.id).filter((id) => id !== ids[0]));
    expect(await reader.caseSummariesByIds([99_999])).toEqual([]);
  });

  it('checks search input as the vault does', async () => {
    const reader = vault.openReader();
    await expect(reader.search('   ', 50)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(reader.search('months', 0)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    expect(reader.isOpen).toBe(true); // a refused request does not end the reader
  });

  it('sees every write committed on the main connection before the read was asked', async () => {
    const reader = vault.openReader();
    await reader.caseListPage(); // the worker is up and has read once (its page cache is warm)
    for (let n = 20; n < 30; n++) {
      const { caseId, messageId } = seedCase(vault, n, { body: `word${n}unique arrives` });
      const list = (await reader.caseListPage()).parse().cases;
      expect(list.find((c) => c.id === caseId)).toMatchObject({ messages: 1, unread: 1 });
      expect((await reader.search(`word${n}unique`, 50)).messages.map((h) => h.messageId)).toEqual([messageId]);
      vault.setMessageRead(messageId, true);
      expect((await reader.caseListPage()).parse().cases.find((c) => c.id === caseId)!.unread).toBe(0);
      expect(await reader.caseSummariesByIds([caseId])).toMatchObject([{ id: caseId, messages: 1, unread: 0 }]);
    }
  });

  it('rejects reads in flight with E_LOCKED at lock, and every read after', async () => {
    const reader = vault.openReader();
    const list = reader.caseListPage();
    const search = reader.search('months', 50);
    vault.lock();
    await expect(list).rejects.toMatchObject({ code: 'E_LOCKED' });
    await expect(search).rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(reader.isOpen).toBe(false);
    await expect(reader.caseListPage()).rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(() => vault.openReader()).toThrow(expect.objectContaining({ code: 'E_LOCKED' }));
  });

  it('reports a worker that died as E_VAULT_READER_FAILED, and closes the reader', async () => {
    const reader = vault.openReader({ workerUrl: crashingWorker });
    expect((await reader.caseListPage()).parse().cases).toHaveLength(13);
    const crash = reader.search(CRASH_QUERY, 50);
    const queued = reader.caseListPage(); // waiting behind the fatal one: fails with it
    await expect(crash).rejects.toMatchObject({ code: 'E_VAULT_READER_FAILED', message: expect.stringMatching(/exit code 7/) });
    await expect(queued).rejects.toMatchObject({ code: 'E_VAULT_READER_FAILED' });
    expect(reader.isOpen).toBe(false);
  });

  it('closes a reader whose case list comes back without its JSON bytes: E_VAULT_READER_FAILED, and the next read gets a new one', async () => {
    const reader = vault.openReader({ workerUrl: textlessWorker });
    expect((await reader.search('months', 50)).messages).toHaveLength(12);
    await expect(reader.caseListPage()).rejects.toMatchObject({ code: 'E_VAULT_READER_FAILED', message: expect.stringMatching(/without its JSON/) });
    expect(reader.isOpen).toBe(false);
  });

  it('moves the case list\'s bytes to the other side (the worker keeps no copy), which decode to the list', async () => {
    const key = await deriveDatabaseKey(dir, PASSPHRASE);
    const { port1, port2 } = new MessageChannel();
    let made: Uint8Array | undefined;
    runReadWorker(port1, { dir, dbKey: key }, (db, request, pages) => {
      const answer = answerRead(db, request, pages) as JsonBytes;
      made = answer.jsonUtf8;
      return answer;
    });
    try {
      const reply = new Promise<{ value: JsonBytes }>((resolve) => port2.once('message', resolve));
      port2.postMessage({ type: 'caseListPage', id: 1 });
      const { value } = await reply;
      expect(made!.byteLength).toBe(0); // detached: its buffer went with the message
      expect(value.jsonUtf8.byteLength).toBeGreaterThan(1000);
      expect(new JsonAnswer<CaseListPage>(value.jsonUtf8).parse().cases).toEqual(listedViews(vault));
    } finally {
      port2.postMessage({ type: 'close' });
      port2.close();
    }
  });

  it('moves the key into the worker (the caller\'s copy is zeroed) and refuses a wrong key', async () => {
    const key = await deriveDatabaseKey(dir, PASSPHRASE);
    const reader = startVaultReader({ dir, dbKey: key });
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    expect((await reader.caseListPage()).parse().cases).toHaveLength(13);
    reader.close();
    const wrong = startVaultReader({ dir, dbKey: Buffer.alloc(32, 1) });
    await expect(wrong.caseListPage()).rejects.toMatchObject({ code: 'E_VAULT_DAMAGED' });
    expect(wrong.isOpen).toBe(false);
  });

  it('opens a connection that cannot write', async () => {
    const key = await deriveDatabaseKey(dir, PASSPHRASE);
    const db = openReadOnlyVaultDatabase(dir, key);
    try {
      expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(13);
      expect(() => db.prepare('DELETE FROM cases').run()).toThrow(/readonly|read-only/i);
    } finally {
      db.close();
      key.fill(0);
    }
    expect(vault.listCaseSummaries()).toHaveLength(13);
  });
});

describe('workspace reads through the reader', () => {
  let session: VaultSession | undefined;
  afterEach(async () => { await session?.lock('user'); });

  it('answers the search box as the main connection would, restarts a reader that died, and fails reads at lock', async () => {
    vault.lock();
    session = createVaultSession({ dir, sbuFolder: path.join(tmp.dir, 'SBU'), retentionDays: 90 });
    const workspace = createWorkspaceService(session, () => path.join(tmp.dir, 'SBU'), { readWorkerUrl: crashingWorker });
    await session.unlock(PASSPHRASE);
    expect(await workspace.search('987')).toEqual(searchResults(session.require(), '987'));
    await expect(workspace.search(CRASH_QUERY)).rejects.toMatchObject({ code: 'E_VAULT_READER_FAILED', message: expect.stringMatching(/restarts/) });
    expect((await workspace.listCases()).parse().cases.map((c) => c.taxpayerName)).toContain('Zoë Müller-Ñúñez'); // a new reader
    const inFlight = workspace.listCases();
    await session.lock('user');
    await expect(inFlight).rejects.toMatchObject({ code: 'E_LOCKED' });
    await expect(workspace.search('months')).rejects.toMatchObject({ code: 'E_LOCKED' });
  });
});
