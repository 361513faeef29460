/**
 * 'passphrase-change' audited exactly once per passphrase change, crash or not. The key file (the
 * truth about which passphrase opens the vault) is replaced by a rename, the audit row commits in the
 * database: no single commit covers both. So the database remembers which passphrase wrap it has
 * audited (by its scrypt salt, unique per wrap), and unlock audits a wrap it has not seen: a kill
 * between the rename and the row costs the row its exact time (it carries the unlock's), not the row.
 */
import { appendAudit } from './audit-log';
import type { VaultDb } from './database';
import type { KeyFileBody } from './key-file';

/** The salt of the key file's passphrase wrap: it changes with every new wrap. */
export function passphraseWrapId(body: KeyFileBody): string | undefined {
  const wrap = body.wraps.find((w) => w.kind === 'passphrase');
  return wrap?.kind === 'passphrase' ? wrap.kdf.salt : undefined;
}

const auditedWrap = (db: VaultDb) =>
  (db.prepare('SELECT wrap_salt AS salt FROM passphrase_wrap_audit WHERE id = 1').get() as { salt: string } | undefined)?.salt;

const setAuditedWrap = (db: VaultDb, salt: string) =>
  db.prepare('INSERT INTO passphrase_wrap_audit (id, wrap_salt) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET wrap_salt = excluded.wrap_salt').run(salt);

/**
 * Brings the audit log up to the key file: appends 'passphrase-change' when the key file's wrap is not
 * the one last audited, in the same transaction as the record of it. The first call on a vault (none
 * recorded yet) only records the wrap. Returns whether a row was appended.
 */
export function auditPassphraseWrap(db: VaultDb, auditKey: Buffer, body: KeyFileBody, actor: string, at: Date): boolean {
  const salt = passphraseWrapId(body);
  if (salt === undefined) return false;
  return db.transaction(() => {
    const known = auditedWrap(db);
    if (known === salt) return false;
    if (known !== undefined) appendAudit(db, auditKey, 'passphrase-change', null, actor, at);
    setAuditedWrap(db, salt);
    return known !== undefined;
  })();
}
