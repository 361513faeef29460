/**
 * Migration 009 and the reconciliation it serves (electron/vault/passphrase-audit.ts): the first look at
 * a vault records its passphrase wrap without an audit row; a wrap not seen before is audited once.
 */
import crypto from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../../electron/vault/audit-log';
import type { KeyFileBody } from '../../../electron/vault/key-file';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { auditPassphraseWrap } from '../../../electron/vault/passphrase-audit';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 8); });
afterEach(() => h.close());

const bodyWithSalt = (salt: string): KeyFileBody => ({
  format: 'scoic-vault-keys', version: 1, vaultId: crypto.randomUUID(), createdAt: '2025-04-01T12:00:00Z', keyCheck: 'AAAA',
  wraps: [{ kind: 'passphrase', kdf: { name: 'scrypt', N: 2 ** 17, r: 8, p: 1, maxmem: 200_000_000, salt }, sealed: { iv: 'AA==', ciphertext: 'AA==', tag: 'AA==' } }],
});

it('adds passphrase_wrap_audit at version 9', () => {
  expect(migrate(h.db, 9)).toEqual([9]);
  expect(schemaVersion(h.db)).toBe(9);
  expect(objectNames(h.db, 'table')).toContain('passphrase_wrap_audit');
});

it('records the first wrap silently, audits each new wrap once, and nothing for a wrap already audited', () => {
  migrate(h.db, 9);
  const key = crypto.randomBytes(32);
  const at = new Date('2025-05-01T08:00:00Z');
  expect(auditPassphraseWrap(h.db, key, bodyWithSalt('c2FsdDE='), 'oe-1', at)).toBe(false);
  expect(auditPassphraseWrap(h.db, key, bodyWithSalt('c2FsdDE='), 'oe-1', at)).toBe(false);
  expect(auditPassphraseWrap(h.db, key, bodyWithSalt('c2FsdDI='), 'oe-1', at)).toBe(true);
  expect(auditPassphraseWrap(h.db, key, bodyWithSalt('c2FsdDI='), 'oe-1', at)).toBe(false);
  expect(listAudit(h.db).map((e) => e.event)).toEqual(['passphrase-change']);
  expect(verifyAudit(h.db, key)).toEqual({ ok: true, entries: 1 });
});
