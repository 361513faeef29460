/**
 * A vault written by a newer app (its schema version is above every migration this app knows) must
 * say "update the app" (E_VAULT_NEWER), not "files damaged, contact IT"; it must leave the vault as it
 * is, close the database, and open again once the app knows its version.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault } from '../../electron/vault';
import { dbFilePath, openVaultDatabase } from '../../electron/vault/database';
import { migrate, schemaVersion } from '../../electron/vault/migrate';
import { migrations } from '../../electron/vault/migrations/all';
import { deriveDatabaseKey } from '../../electron/vault/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => { tmp = makeTempDir(); dir = path.join(tmp.dir, 'vault'); });
afterEach(() => tmp.cleanup());

const NEWEST = migrations.at(-1)!.version;

async function setSchemaVersion(version: number): Promise<void> {
  const key = await deriveDatabaseKey(dir, PASSPHRASE);
  const db = openVaultDatabase(dir, key, { create: false });
  key.fill(0);
  try { db.pragma(`user_version=${version}`); } finally { db.close(); }
}

async function readSchemaVersion(): Promise<number> {
  const key = await deriveDatabaseKey(dir, PASSPHRASE);
  const db = openVaultDatabase(dir, key, { create: false });
  key.fill(0);
  try { return schemaVersion(db); } finally { db.close(); }
}

describe('a vault from a newer app version', () => {
  it('refuses to unlock with E_VAULT_NEWER and a message to update the app, changing nothing', async () => {
    const vault = await createVault(dir, PASSPHRASE);
    seedCase(vault, 1);
    vault.lock();
    await setSchemaVersion(NEWEST + 3);
    const before = fs.readFileSync(dbFilePath(dir));

    const err = await unlockVault(dir, PASSPHRASE).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_VAULT_NEWER', details: { vaultVersion: NEWEST + 3, appVersion: NEWEST } });
    const message = (err as Error).message;
    expect(message).toMatch(/update/i);
    expect(message).not.toMatch(/damaged|IT support/i);

    expect(await readSchemaVersion()).toBe(NEWEST + 3);
    expect(fs.readFileSync(dbFilePath(dir)).equals(before)).toBe(true);
    // The database was closed: SQLite folds and removes the WAL when the last connection closes.
    expect(fs.existsSync(`${dbFilePath(dir)}-wal`)).toBe(false);

    // Once the app knows that version (here: the version put back), the same vault opens with its data.
    await setSchemaVersion(NEWEST);
    const { vault: reopened } = await unlockVault(dir, PASSPHRASE);
    expect(reopened.listCases()).toHaveLength(1);
    reopened.lock();
  });

  it('migrate() itself throws the typed error, before running anything', async () => {
    const vault = await createVault(dir, PASSPHRASE);
    vault.lock();
    const key = await deriveDatabaseKey(dir, PASSPHRASE);
    const db = openVaultDatabase(dir, key, { create: false });
    key.fill(0);
    try {
      db.pragma('user_version=2');
      const known = migrations.filter((m) => m.version <= 1);
      expect(() => migrate(db, Number.POSITIVE_INFINITY, known)).toThrow(expect.objectContaining({ code: 'E_VAULT_NEWER' }));
      expect(schemaVersion(db)).toBe(2);
    } finally { db.close(); }
  });
});
