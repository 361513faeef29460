/** Migration 003 on a fresh encrypted database: audit tables, and a chain that verifies. */
import crypto from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../../../electron/vault/audit-log';
import { migrate, schemaVersion } from '../../../electron/vault/migrate';
import { freshDb, objectNames } from '../helpers/fresh-db';

let h: ReturnType<typeof freshDb>;
beforeEach(() => { h = freshDb(); migrate(h.db, 2); });
afterEach(() => h.close());

it('adds audit_log and audit_head at version 3', () => {
  expect(migrate(h.db, 3)).toEqual([3]);
  expect(schemaVersion(h.db)).toBe(3);
  expect(objectNames(h.db, 'table')).toEqual(expect.arrayContaining(['audit_log', 'audit_head']));
});

it('holds a chain that verifies under its key and not under another', () => {
  migrate(h.db, 3);
  const key = crypto.randomBytes(32);
  expect(verifyAudit(h.db, key)).toEqual({ ok: true, entries: 0 });
  appendAudit(h.db, key, 'unlock', null, 'oe-1');
  appendAudit(h.db, key, 'view', 7, 'oe-1');
  expect(verifyAudit(h.db, key)).toEqual({ ok: true, entries: 2 });
  expect(verifyAudit(h.db, crypto.randomBytes(32)).ok).toBe(false);
});

it('refuses to open a schema newer than the app', () => {
  migrate(h.db);
  h.db.pragma('user_version=99');
  expect(() => migrate(h.db)).toThrow(expect.objectContaining({ code: 'E_VAULT_NEWER' }));
});
