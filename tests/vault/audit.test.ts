/**
 * The audit chain: events are recorded without SBU content, and verifyAudit catches an edited,
 * deleted (middle or last), inserted or reordered row, even when the attacker holds the database key.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, type Vault } from '../../electron/vault';
import { applyKey, dbFilePath } from '../../electron/vault/database';
import { deriveDatabaseKey } from '../../electron/vault/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { once } from './helpers/generated-bytes';
import { makeTempDir } from './helpers/temp-dir';
import { TestKeyProtector } from './helpers/test-key-protector';

let tmp: ReturnType<typeof makeTempDir>;
let template: string;
let dir: string;
let caseId: number;
let attachmentId: number;
let dbKey: Buffer;
let run = 0;

// One vault is built once (scrypt is deliberately slow); each test tampers with its own copy.
beforeAll(async () => {
  tmp = makeTempDir();
  template = path.join(tmp.dir, 'template');
  const v = await createVault(template, PASSPHRASE, { actor: 'oe-1001' });
  const seeded = seedCase(v);
  caseId = seeded.caseId;
  const a = await v.addAttachment({ messageId: seeded.messageId, fileName: 'stmt.pdf', declaredType: 'application/pdf' }, once(Buffer.from('%PDF-1.7')));
  attachmentId = a.id;
  v.openCase(caseId);
  await v.exportAttachment(a.id, path.join(tmp.dir, 'sbu'), 'stmt.pdf');
  v.markPrinted(a.id);
  v.recordAudit('send', caseId);
  v.lock();
  dbKey = await deriveDatabaseKey(template, PASSPHRASE);
});
beforeEach(() => {
  dir = path.join(tmp.dir, `copy-${run++}`);
  fs.cpSync(template, dir, { recursive: true });
});
afterAll(() => tmp.cleanup());

/** Opens the raw encrypted database with the real key, as an attacker who knows the passphrase could. */
async function tamper(sql: string): Promise<void> {
  const db = new Database(dbFilePath(dir));
  applyKey(db, dbKey);
  db.exec(sql);
  db.close();
}

/** The verdict unlock reports; the failure also stays on record as an 'audit-failure' row. */
async function verdict(): Promise<ReturnType<Vault['verifyAudit']>> {
  const { vault, report } = await unlockVault(dir, PASSPHRASE, { actor: 'oe-1001' });
  const events = vault.listAudit(2).map((e) => e.event);
  expect(events).toEqual(report.audit.ok ? ['unlock', 'lock'] : ['unlock', 'audit-failure']);
  vault.lock();
  return report.audit;
}

describe('audit log', () => {
  it('records create, unlock, view, export, print, send, lock with ids only, and verifies', async () => {
    const { vault } = await unlockVault(dir, PASSPHRASE, { actor: 'oe-1001' });
    const events = vault.listAudit().reverse();
    expect(events.map((e) => e.event)).toEqual(['create', 'view', 'export', 'print', 'send', 'lock', 'unlock']);
    expect(events.every((e) => e.actor === 'oe-1001')).toBe(true);
    expect(events.find((e) => e.event === 'export')?.caseId).toBe(caseId);
    // No SBU content: only these keys, and no value carries names, offer numbers or file names.
    const text = JSON.stringify(events);
    for (const sbu of ['Pat Example', 'DEMO-', 'stmt.pdf', '4321', 'Bank']) expect(text).not.toContain(sbu);
    expect(vault.verifyAudit()).toEqual({ ok: true, entries: 7 });
    vault.lock();
  });

  it('records one view per attachment preview: its first slice, not every later slice', async () => {
    const { vault } = await unlockVault(dir, PASSPHRASE, { actor: 'oe-1001' });
    const viewsBefore = vault.listAudit().filter((e) => e.event === 'view').length;
    // A preview reads the file in slices from the start; a second preview starts at 0 again.
    expect((await vault.readAttachmentRange(attachmentId, 0, 4)).toString()).toBe('%PDF');
    await vault.readAttachmentRange(attachmentId, 4, 8);
    await vault.readAttachmentRange(attachmentId, 2, 6);
    await vault.readAttachmentRange(attachmentId, 0, 8);
    const views = vault.listAudit().filter((e) => e.event === 'view');
    expect(views.length - viewsBefore).toBe(2);
    expect(views[0]).toMatchObject({ caseId, actor: 'oe-1001' });
    expect(vault.verifyAudit().ok).toBe(true);
    vault.lock();
  });

  it('records adding and removing an OS key-store wrap, and which way each unlock went, in the verified chain', async () => {
    const protector = new TestKeyProtector();
    const first = await unlockVault(dir, PASSPHRASE, { actor: 'oe-1001' });
    await first.vault.addKeyProtector(protector);
    first.vault.lock();
    const second = await unlockVault(dir, { protector }, { actor: 'oe-1001' });
    await second.vault.removeKeyProtector(protector.id);
    await second.vault.removeKeyProtector(protector.id); // nothing left to remove: no row
    second.vault.lock();
    const { vault, report } = await unlockVault(dir, PASSPHRASE, { actor: 'oe-1001' });
    expect(report.audit.ok).toBe(true);
    expect(vault.listAudit(8).map((e) => e.event).reverse())
      .toEqual(['lock', 'unlock', 'key-protector-add', 'lock', 'unlock-key-protector', 'key-protector-remove', 'lock', 'unlock']);
    expect(vault.verifyAudit().ok).toBe(true);
    vault.lock();
  });

  it('detects an edited row', async () => {
    await tamper(`UPDATE audit_log SET event = 'view' WHERE event = 'export'`);
    expect(await verdict()).toMatchObject({ ok: false, problems: [expect.objectContaining({ problem: 'bad-mac' })] });
    // It stays on record: every later unlock still finds the chain broken.
    expect((await verdict()).ok).toBe(false);
  });

  it('detects an edited actor or time', async () => {
    await tamper(`UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 2`);
    expect((await verdict()).ok).toBe(false);
  });

  it('detects a deleted middle row', async () => {
    await tamper(`DELETE FROM audit_log WHERE event = 'export'`);
    expect(await verdict()).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.objectContaining({ problem: 'gap' })]) });
  });

  it('detects deleted rows at the end (truncation), even with the head moved back', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq >= 6`);
    expect(await verdict()).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.objectContaining({ problem: 'head-mismatch' })]) });
  });

  it('detects a truncation whose head was moved back by hand', async () => {
    await tamper(`DELETE FROM audit_log WHERE seq >= 6; UPDATE audit_head SET seq = 5, mac = (SELECT mac FROM audit_log WHERE seq = 5)`);
    expect(await verdict()).toMatchObject({ ok: false, problems: [expect.objectContaining({ problem: 'head-mismatch' })] });
  });

  it('detects an inserted row (even one that copies a real row)', async () => {
    await tamper(`UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4; UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000;
      INSERT INTO audit_log (seq, event, case_id, actor, at, prev_mac, mac) SELECT 4, event, case_id, actor, at, prev_mac, mac FROM audit_log WHERE seq = 3`);
    expect((await verdict()).ok).toBe(false);
  });

  it('detects reordered rows', async () => {
    await tamper(`UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1`);
    expect(await verdict()).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.objectContaining({ problem: 'broken-link' })]) });
  });

  it('detects an edited row whose MAC was replaced too', async () => {
    await tamper(`UPDATE audit_log SET event = 'view', mac = lower(hex(randomblob(32))) WHERE seq = 4`);
    expect((await verdict()).ok).toBe(false);
  });

  it('detects a deleted head', async () => {
    await tamper(`DELETE FROM audit_head`);
    expect(await verdict()).toMatchObject({ ok: false, problems: [expect.objectContaining({ problem: 'missing-head' })] });
  });
});
