/**
 * An unlock that fails after the database opened (the crash sweep or the retention purge throws) must
 * close the database and drop the keys: no file handle of the vault stays open, the WAL is folded
 * back, and the next unlock works and finds an intact audit chain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createVault, unlockVault } from '../../electron/vault';
import { dbFilePath } from '../../electron/vault/database';
import { EXPORT_TEMP_DIR } from '../../electron/vault/export-attachment';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { once } from './helpers/generated-bytes';
import { makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => { tmp = makeTempDir(); dir = path.join(tmp.dir, 'vault'); });
afterEach(() => tmp.cleanup());

/** Files of the vault folder this process still holds open (Linux /proc; elsewhere only the WAL check applies). */
function openVaultFiles(): string[] {
  if (!fs.existsSync('/proc/self/fd')) return [];
  const held: string[] = [];
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      const target = fs.readlinkSync(path.join('/proc/self/fd', fd));
      if (target.startsWith(dir + path.sep)) held.push(path.basename(target));
    } catch { /* the fd closed while listing */ }
  }
  return held;
}

function expectDatabaseClosed(): void {
  expect(openVaultFiles()).toEqual([]);
  // SQLite removes the WAL when the last connection closes; a leaked handle keeps it.
  expect(fs.existsSync(`${dbFilePath(dir)}-wal`)).toBe(false);
}

it('closes the database when the crash sweep fails, and unlocks again once the cause is gone', async () => {
  (await createVault(dir, PASSPHRASE)).lock();
  const sbu = path.join(tmp.dir, 'sbu');
  fs.mkdirSync(sbu);
  // The export temp folder is a plain file: listing it fails with ENOTDIR during the sweep.
  fs.writeFileSync(path.join(sbu, EXPORT_TEMP_DIR), 'not a folder');
  await expect(unlockVault(dir, PASSPHRASE, { sbuFolder: sbu })).rejects.toMatchObject({ code: 'ENOTDIR' });
  expectDatabaseClosed();

  fs.rmSync(path.join(sbu, EXPORT_TEMP_DIR));
  const { vault, report } = await unlockVault(dir, PASSPHRASE, { sbuFolder: sbu });
  expect(vault.isLocked).toBe(false);
  expect(report.audit.ok).toBe(true);
  vault.lock();
  expect(vault.isLocked).toBe(true);
  expectDatabaseClosed();
});

it('closes the database when the retention purge fails after the unlock was recorded', async () => {
  const v = await createVault(dir, PASSPHRASE);
  const { caseId, messageId } = seedCase(v);
  const a = await v.addAttachment({ messageId, fileName: 'stmt.pdf', declaredType: 'application/pdf' }, once(Buffer.from('%PDF-1.7 test')));
  v.closeCase(caseId, '2020-01-01T00:00:00Z');
  v.lock();
  // The blob file is replaced by a folder: the purge's file delete fails (EISDIR) after its rows committed.
  const blobPath = path.join(dir, 'blobs', a.blobRef);
  fs.rmSync(blobPath);
  fs.mkdirSync(blobPath);
  await expect(unlockVault(dir, PASSPHRASE, { retentionDays: 30 })).rejects.toThrow();
  expectDatabaseClosed();

  fs.rmdirSync(blobPath);
  const { vault, report } = await unlockVault(dir, PASSPHRASE, { retentionDays: 30 });
  expect(report.audit.ok).toBe(true);
  expect(vault.listCases()).toEqual([]);
  vault.lock();
  expectDatabaseClosed();
});
