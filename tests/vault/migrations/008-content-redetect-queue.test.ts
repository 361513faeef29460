/**
 * Migration 008 and the re-detection it queues: on a fresh database, every stored and queued file is
 * queued once and leaves the queue with its row; on a real vault written by the code before the shared
 * sniffer (tests/vault/fixtures/vault-v7, made by make-vault-v7.ts), unlocking fixes the types that
 * code got wrong (a PDF with a preamble, Windows-1252 text, a streamed XLSX), once, survives an
 * interruption halfway, and a damaged file neither blocks the unlock nor loses its type.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unlockVault, Vault } from '../../../electron/vault';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { CONTENT_TYPES } from '../../../shared/content-type/sniff';
import { PASSPHRASE } from '../helpers/fixtures';
import { freshDb, objectNames } from '../helpers/fresh-db';
import { makeTempDir } from '../helpers/temp-dir';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/vault-v7');
const sha = 'b'.repeat(64);

describe('migration 008 (SQL)', () => {
  let h: ReturnType<typeof freshDb>;
  beforeEach(() => { h = freshDb(); migrate(h.db, 7); });
  afterEach(() => h.close());
  const queued = () => h.db.prepare('SELECT attachment_id AS a, outbox_attachment_id AS o FROM content_redetect_queue ORDER BY id').all();

  it('queues every stored and every queued file once, at version 8, and drops a file from the queue with its row', () => {
    h.db.exec(`
      INSERT INTO cases (id, offer_number, taxpayer_name, tin_masked, status, assigned_role, created_at) VALUES (1, 'DEMO-1', 'n', '***-**-4320', 'open', 'OE', 't');
      INSERT INTO threads (id, case_id, server_thread_id, subject, created_at) VALUES (1, 1, 't1', 's', 't');
      INSERT INTO messages (id, case_id, thread_id, server_id, direction, server_received_at, from_name, subject, body) VALUES (1, 1, 1, 'm1', 'inbound', 't', 'f', 's', 'b');
      INSERT INTO attachments (id, case_id, message_id, file_name, declared_type, detected_type, size, sha256, blob_ref, blocked) VALUES
        (1, 1, 1, 'a.pdf', 't', 'application/octet-stream', 1, '${sha}', 'r1', 0), (2, 1, 1, 'b.txt', 't', 'text/plain', 1, '${sha}', 'r2', 0);
      INSERT INTO outbox (id, case_id, thread_id, client_message_id, subject, body, state, created_at, updated_at) VALUES (1, 1, 1, 'c1', 's', 'b', 'queued', 'n', 'n');
      INSERT INTO outbox_attachments (id, outbox_id, case_id, file_name, declared_type, detected_type, size, sha256, blob_ref) VALUES (7, 1, 1, 'c.csv', 'text/csv', 'x', 1, '${sha}', 'r3');
    `);
    expect(migrate(h.db, 8)).toEqual([8]);
    expect(schemaVersion(h.db)).toBe(8);
    expect(objectNames(h.db, 'table')).toContain('content_redetect_queue');
    expect(queued()).toEqual([{ a: 1, o: null }, { a: 2, o: null }, { a: null, o: 7 }]);
    h.db.exec('DELETE FROM attachments WHERE id = 2');
    expect(queued()).toEqual([{ a: 1, o: null }, { a: null, o: 7 }]);
    h.db.exec('DELETE FROM cases WHERE id = 1');
    expect(queued()).toEqual([]);
    expect(() => h.db.exec('INSERT INTO content_redetect_queue (attachment_id, outbox_attachment_id) VALUES (NULL, NULL)')).toThrow(/CHECK/);
  });

  it('queues nothing on an empty vault', () => {
    migrate(h.db);
    expect(queued()).toEqual([]);
  });
});

describe('re-detection on a vault written before the shared sniffer', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dir: string;
  const open: Vault[] = [];
  beforeEach(() => {
    tmp = makeTempDir('vault-v7-');
    dir = path.join(tmp.dir, 'v');
    fs.cpSync(fixture, dir, { recursive: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const v of open.splice(0)) v.lock();
    tmp.cleanup();
  });
  const unlock = async () => {
    const opened = await unlockVault(dir, PASSPHRASE, { actor: 'oe-1001' });
    open.push(opened.vault);
    return opened;
  };
  const types = (vault: Vault) => Object.fromEntries(vault.listCaseMessages(vault.listCases()[0]!.id)
    .flatMap((m) => vault.listAttachments(m.id)).map((a) => [a.fileName, a.detectedType]));
  const outboxFile = (vault: Vault) => vault.sync.listOutboxAttachments(vault.listOutbox()[0]!.id)[0]!;
  const fixed = {
    'statement.pdf': CONTENT_TYPES.pdf, 'letter.txt': CONTENT_TYPES.text, 'payments.xlsx': CONTENT_TYPES.xlsx, 'photo.jpg': CONTENT_TYPES.jpeg,
  };

  it('holds the old detector\'s wrong answers (the fixture is what it claims)', async () => {
    const { openVaultDatabase } = await import('../../../electron/vault/database');
    const { deriveDatabaseKey } = await import('../../../electron/vault/vault');
    const db = openVaultDatabase(dir, await deriveDatabaseKey(dir, PASSPHRASE), { create: false });
    try {
      expect(schemaVersion(db)).toBe(7);
      expect(db.prepare('SELECT file_name AS f, detected_type AS t FROM attachments ORDER BY id').all()).toEqual([
        { f: 'statement.pdf', t: 'application/octet-stream' }, { f: 'letter.txt', t: 'application/octet-stream' },
        { f: 'payments.xlsx', t: 'application/zip' }, { f: 'photo.jpg', t: 'image/jpeg' },
      ]);
    } finally {
      db.close();
    }
  });

  it('fixes every stored file\'s type at the first unlock, and only then', async () => {
    const first = await unlock();
    expect(first.report.contentTypes).toEqual({ checked: 5, changed: 4, unreadable: 0, deferred: false });
    expect(types(first.vault)).toEqual(fixed);
    expect(outboxFile(first.vault)).toMatchObject({ fileName: 'payments.csv', detectedType: CONTENT_TYPES.csv, declaredType: CONTENT_TYPES.csv });
    // The fixed PDF reads back whole: its bytes were only read, never rewritten.
    const pdf = first.vault.listCaseMessages(first.vault.listCases()[0]!.id).flatMap((m) => first.vault.listAttachments(m.id))[0]!;
    expect((await first.vault.readAttachmentRange(pdf.id, 0, 10)).toString('latin1')).toBe('X-Gateway:');
    first.vault.lock();
    const second = await unlock();
    expect(second.report.contentTypes).toEqual({ checked: 0, changed: 0, unreadable: 0, deferred: false });
    expect(types(second.vault)).toEqual(fixed);
  });

  it('carries on at the next unlock after an interruption halfway, without redoing the files done', async () => {
    const real = Vault.prototype.openAttachment;
    let calls = 0;
    vi.spyOn(Vault.prototype, 'openAttachment').mockImplementation(function (this: Vault, id: number) {
      calls += 1;
      if (calls === 3) return Promise.reject(new Error('EMFILE: too many open files'));
      return real.call(this, id);
    });
    const first = await unlock();
    expect(first.report.contentTypes).toEqual({ checked: 2, changed: 2, unreadable: 0, deferred: true });
    expect(types(first.vault)).toEqual({ ...fixed, 'payments.xlsx': 'application/zip', 'photo.jpg': CONTENT_TYPES.jpeg });
    first.vault.lock();
    vi.restoreAllMocks();
    const second = await unlock();
    expect(second.report.contentTypes).toEqual({ checked: 3, changed: 2, unreadable: 0, deferred: false });
    expect(types(second.vault)).toEqual(fixed);
  });

  it('leaves a damaged file\'s type as it was and still unlocks', async () => {
    const { openVaultDatabase } = await import('../../../electron/vault/database');
    const { deriveDatabaseKey } = await import('../../../electron/vault/vault');
    const db = openVaultDatabase(dir, await deriveDatabaseKey(dir, PASSPHRASE), { create: false });
    const ref = (db.prepare(`SELECT blob_ref AS r FROM attachments WHERE file_name = 'letter.txt'`).get() as { r: string }).r;
    db.close();
    const blob = path.join(dir, 'blobs', ref);
    const bytes = fs.readFileSync(blob);
    const at = bytes.length - 20; // inside the last chunk's ciphertext: authentication fails
    bytes[at] = bytes[at]! ^ 0xff;
    fs.writeFileSync(blob, bytes);
    const { vault, report } = await unlock();
    expect(report.contentTypes).toEqual({ checked: 4, changed: 3, unreadable: 1, deferred: false });
    expect(types(vault)).toEqual({ ...fixed, 'letter.txt': 'application/octet-stream' });
  });
});
