/** Purge leaves no file, row or key of the case; retention purges only expired closed cases; the sweep. */
import crypto from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, type Vault } from '../../electron/vault';
import { newBlobRef } from '../../electron/vault/blob-format';
import { applyKey, dbFilePath } from '../../electron/vault/database';
import { deriveDatabaseKey } from '../../electron/vault/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { generateBytes } from './helpers/generated-bytes';
import { listFilesRecursive, makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
let vault: Vault;
beforeEach(async () => { tmp = makeTempDir(); dir = path.join(tmp.dir, 'vault'); vault = await createVault(dir, PASSPHRASE); });
afterEach(() => { vault.lock(); tmp.cleanup(); });

const TABLES_WITH_CASE_ID = ['case_keys', 'participants', 'threads', 'messages', 'attachments', 'drafts', 'outbox'];

async function caseWithFiles(n: number) {
  const s = seedCase(vault, n, { body: `uniqueword${n} body` });
  vault.upsertParticipant({ caseId: s.caseId, serverContactId: `c${n}`, role: 'taxpayer', displayName: 'Pat' });
  vault.saveDraft({ caseId: s.caseId, threadId: s.threadId, subject: 'd', body: 'd' });
  vault.enqueueOutbox({ caseId: s.caseId, threadId: s.threadId, clientMessageId: crypto.randomUUID(), subject: 'o', body: 'o' });
  const a1 = await vault.addAttachment({ messageId: s.messageId, fileName: `file${n}a.pdf`, declaredType: 'application/pdf' }, generateBytes(2_500_000, `a${n}`));
  const a2 = await vault.addAttachment({ messageId: s.messageId, fileName: `file${n}b.pdf`, declaredType: 'application/pdf' }, generateBytes(10, `b${n}`));
  return { ...s, blobRefs: [a1.blobRef, a2.blobRef] };
}

async function rawCounts(caseId: number, uniqueWord: string): Promise<Record<string, number>> {
  vault.lock();
  const db = new Database(dbFilePath(dir));
  applyKey(db, await deriveDatabaseKey(dir, PASSPHRASE));
  const counts: Record<string, number> = {};
  counts.cases = (db.prepare('SELECT count(*) AS n FROM cases WHERE id = ?').get(caseId) as { n: number }).n;
  // The purged case's unique body word must be gone from every search-index structure too.
  const word = Buffer.from(uniqueWord);
  counts.ftsBlocks = (db.prepare('SELECT block FROM messages_fts_data').all() as Array<{ block: Buffer | null }>)
    .filter((b) => b.block !== null && Buffer.from(b.block).includes(word)).length;
  counts.ftsContent = (db.prepare('SELECT count(*) AS n FROM messages_fts_content WHERE c1 LIKE ?').get(`%${uniqueWord}%`) as { n: number }).n;
  for (const t of TABLES_WITH_CASE_ID) counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t} WHERE case_id = ?`).get(caseId) as { n: number }).n;
  db.close();
  vault = (await unlockVault(dir, PASSPHRASE)).vault;
  return counts;
}

describe('purge', () => {
  it('deletes rows, blob files, search entries and the case key, and reports it', async () => {
    const keep = await caseWithFiles(1);
    const gone = await caseWithFiles(2);
    expect(vault.search({ query: 'uniqueword2' })).toHaveLength(1);
    const report = await vault.purgeCase(gone.caseId);
    expect(report).toEqual({ caseId: gone.caseId, messages: 1, attachments: 2, blobFilesDeleted: 2, keyDestroyed: true });
    const files = listFilesRecursive(dir).map((f) => path.basename(f));
    for (const ref of gone.blobRefs) expect(files).not.toContain(ref);
    for (const ref of keep.blobRefs) expect(files).toContain(ref);
    expect(vault.search({ query: 'uniqueword2' })).toEqual([]);
    expect(vault.search({ query: 'file2a' })).toEqual([]);
    expect(vault.search({ query: 'uniqueword1' })).toHaveLength(1);
    expect(() => vault.getCase(gone.caseId)).toThrow(expect.objectContaining({ code: 'E_NOT_FOUND' }));
    expect(vault.listAudit(3).map((e) => [e.event, e.caseId])).toContainEqual(['purge', gone.caseId]);
    expect(Object.values(await rawCounts(gone.caseId, 'uniqueword2')).every((n) => n === 0)).toBe(true);
    const kept = await rawCounts(keep.caseId, 'uniqueword1');
    expect(kept.case_keys).toBe(1);
    expect(kept.ftsBlocks).toBeGreaterThan(0); // the scan can see a word that is there
    expect(vault.integrityCheck()).toBe('ok');
    expect(vault.verifyAudit().ok).toBe(true);
  });

  it('purges at unlock the cases closed more than N days ago, and only those', async () => {
    const old = await caseWithFiles(1);
    const recent = await caseWithFiles(2);
    const open = await caseWithFiles(3);
    vault.closeCase(old.caseId, '2025-01-01T00:00:00Z');
    vault.closeCase(recent.caseId, '2025-03-20T00:00:00Z');
    vault.lock();
    const now = () => new Date('2025-04-01T00:00:00Z');
    const unlocked = await unlockVault(dir, PASSPHRASE, { retentionDays: 30, now });
    vault = unlocked.vault;
    expect(unlocked.report.retention.map((r) => r.caseId)).toEqual([old.caseId]);
    expect(vault.listCases().map((c) => c.id).sort()).toEqual([recent.caseId, open.caseId].sort());
    expect(vault.getCase(recent.caseId)).toMatchObject({ status: 'closed', closedAt: '2025-03-20T00:00:00.000Z' });
  });

  it('sweeps crash leftovers at unlock: temp files and blob files with no row', async () => {
    const s = await caseWithFiles(1);
    vault.lock();
    const blobs = path.join(dir, 'blobs');
    const orphan = newBlobRef();
    fs.writeFileSync(path.join(blobs, orphan), 'x');
    fs.writeFileSync(path.join(blobs, `${orphan}.scoic-tmp-abc123`), 'partial');
    fs.writeFileSync(path.join(dir, 'vault.keys.json.scoic-tmp-def456'), '{');
    const sbu = path.join(tmp.dir, 'sbu');
    fs.mkdirSync(path.join(sbu, '.scoic-export-tmp'), { recursive: true });
    fs.writeFileSync(path.join(sbu, '.scoic-export-tmp', 'half-export'), 'partial');
    fs.writeFileSync(path.join(sbu, 'kept.pdf'), 'user file');
    const unlocked = await unlockVault(dir, PASSPHRASE, { sbuFolder: sbu });
    vault = unlocked.vault;
    expect(unlocked.report.sweep).toEqual({ tempFilesRemoved: 3, orphanBlobsRemoved: 1 });
    expect(fs.readdirSync(blobs).sort()).toEqual([...s.blobRefs].sort());
    expect(fs.readdirSync(sbu).sort()).toEqual(['.scoic-export-tmp', 'kept.pdf']);
    expect(fs.readdirSync(path.join(sbu, '.scoic-export-tmp'))).toEqual([]);
  });
});
