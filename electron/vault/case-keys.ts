/**
 * Per-case keys. Each case gets a random 256-bit key, sealed by a key derived from the master key and
 * stored in the (encrypted) database. The case key encrypts that case's attachment files; deleting
 * its row makes every copy of those files, including SSD remnants and backups, unreadable.
 */
import crypto from 'node:crypto';
import type { VaultDb } from './database';
import { seal, unseal } from './key-derivation';
import { SealedSchema } from './key-file';
import { vaultErrors } from './vault-errors';

const aadFor = (caseId: number) => `scoic-vault case-key v1 ${caseId}`;

export function createCaseKey(db: VaultDb, wrapKey: Buffer, caseId: number): Buffer {
  const key = crypto.randomBytes(32);
  db.prepare('INSERT INTO case_keys (case_id, sealed) VALUES (?, ?)').run(caseId, JSON.stringify(seal(wrapKey, key, aadFor(caseId))));
  return key;
}

export function loadCaseKey(db: VaultDb, wrapKey: Buffer, caseId: number): Buffer {
  const row = db.prepare('SELECT sealed FROM case_keys WHERE case_id = ?').get(caseId) as { sealed: string } | undefined;
  if (!row) throw vaultErrors.notFound('case key', caseId);
  const sealed = SealedSchema.safeParse(JSON.parse(row.sealed));
  const key = sealed.success ? unseal(wrapKey, sealed.data, aadFor(caseId)) : null;
  if (!key) throw vaultErrors.damaged(`case key ${caseId} cannot be unsealed`);
  return key;
}

export function caseKeyExists(db: VaultDb, caseId: number): boolean {
  return db.prepare('SELECT 1 FROM case_keys WHERE case_id = ?').get(caseId) !== undefined;
}
