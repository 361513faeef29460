/** Accounts of employees, taxpayers and representatives. */
import { randomUUID } from 'node:crypto';
import type { Account, AccountRole } from '../../shared/protocol/auth';
import type { Db } from '../db/open-database';
import { stmt } from '../db/statement-cache';

export interface AccountRow {
  id: string; role: AccountRole; display_name: string; access_code: string | null; username: string | null;
  position: 'PE' | 'OE' | 'OS' | 'TE' | null; email: string; password_hash: string; created_at: string;
}

export interface NewAccount {
  role: AccountRole; displayName: string; email: string; passwordHash: string;
  accessCode?: string; username?: string; position?: 'PE' | 'OE' | 'OS' | 'TE';
}

export function insertAccount(db: Db, a: NewAccount, id: string = randomUUID()): string {
  stmt(db, `INSERT INTO accounts (id, role, display_name, access_code, username, position, email, password_hash, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, a.role, a.displayName, a.accessCode ?? null, a.username ?? null,
    a.position ?? null, a.email, a.passwordHash, new Date().toISOString());
  return id;
}

export function findAccountByAccessCode(db: Db, accessCode: string): AccountRow | undefined {
  return stmt(db, `SELECT * FROM accounts WHERE access_code = ? AND role = 'employee'`).get(accessCode) as AccountRow | undefined;
}

export function findAccountByUsername(db: Db, username: string): AccountRow | undefined {
  return stmt(db, `SELECT * FROM accounts WHERE lower(username) = lower(?) AND role != 'employee'`).get(username) as AccountRow | undefined;
}

export function getAccount(db: Db, id: string): AccountRow | undefined {
  return stmt(db, 'SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
}

export function toAccount(row: AccountRow): Account {
  return { id: row.id, role: row.role, displayName: row.display_name, accessCode: row.access_code, position: row.position };
}
