/**
 * The server's SQLite database (plain better-sqlite3: the server holds the official record in the
 * data directory; encryption at rest is the host's job). One synchronous connection in one process:
 * every write transaction commits in the order it was given its change-feed sequence number, which is
 * what lets the feed promise "no gaps, no repeats".
 */
import Database from 'better-sqlite3';
import path from 'node:path';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('employee','taxpayer','representative')),
  display_name TEXT NOT NULL,
  access_code TEXT UNIQUE,
  username TEXT UNIQUE,
  position TEXT,
  email TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL CHECK (kind IN ('access','refresh')),
  session_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tokens_session ON tokens(session_id);
CREATE TABLE IF NOT EXISTS cases (
  id TEXT PRIMARY KEY,
  offer_number TEXT NOT NULL UNIQUE,
  offer_basis TEXT NOT NULL,
  status TEXT NOT NULL,
  taxpayer_account_id TEXT NOT NULL REFERENCES accounts(id),
  taxpayer_name TEXT NOT NULL,
  tin TEXT NOT NULL,
  assigned_employee_id TEXT NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_employee ON cases(assigned_employee_id);
CREATE INDEX IF NOT EXISTS cases_taxpayer ON cases(taxpayer_account_id);
CREATE TABLE IF NOT EXISTS case_representatives (
  case_id TEXT NOT NULL REFERENCES cases(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (case_id, account_id)
);
CREATE INDEX IF NOT EXISTS case_representatives_account ON case_representatives(account_id);
CREATE TABLE IF NOT EXISTS threads (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  subject TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS threads_case ON threads(case_id);
CREATE TABLE IF NOT EXISTS messages (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id),
  thread_id TEXT NOT NULL REFERENCES threads(id),
  sender_id TEXT NOT NULL REFERENCES accounts(id),
  direction TEXT NOT NULL CHECK (direction IN ('outbound','inbound')),
  body TEXT NOT NULL,
  received_at TEXT NOT NULL,
  total_bytes INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_thread ON messages(thread_id, received_at);
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL REFERENCES messages(id),
  position INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_message ON attachments(message_id, position);
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('receiving','complete','used')),
  sha256 TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id TEXT NOT NULL REFERENCES cases(id),
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  occurred_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_case ON events(case_id, seq);
CREATE TABLE IF NOT EXISTS idempotency (
  account_id TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (account_id, key)
);
`;

export function openDatabase(dataDir: string): Db {
  const db = new Database(path.join(dataDir, 'server.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}
