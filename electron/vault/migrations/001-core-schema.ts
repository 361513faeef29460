/**
 * 001: the working copy of cases and their correspondence. `case_id` is repeated on messages and
 * attachments so that opening a case and purging it are single indexed scans. Foreign keys cascade so
 * a case delete cannot leave orphan rows.
 */
import type { Migration } from './migration';

export const coreSchema: Migration = {
  version: 1,
  name: 'core-schema',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id            INTEGER PRIMARY KEY,
        offer_number  TEXT NOT NULL UNIQUE,
        taxpayer_name TEXT NOT NULL,
        tin_masked    TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('open', 'pending', 'closed')),
        assigned_role TEXT NOT NULL CHECK (assigned_role IN ('PE', 'OE', 'OS', 'TE')),
        created_at    TEXT NOT NULL,
        closed_at     TEXT,
        CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      );
      CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL;

      -- The case key, sealed (AES-256-GCM) by a key derived from the master key.
      CREATE TABLE case_keys (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        sealed  TEXT NOT NULL
      );

      CREATE TABLE participants (
        id                INTEGER PRIMARY KEY,
        case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        server_contact_id TEXT NOT NULL,
        role              TEXT NOT NULL CHECK (role IN ('taxpayer', 'representative', 'employee')),
        display_name      TEXT NOT NULL,
        UNIQUE (case_id, server_contact_id)
      );

      CREATE TABLE threads (
        id               INTEGER PRIMARY KEY,
        case_id          INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        server_thread_id TEXT NOT NULL UNIQUE,
        subject          TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX threads_case ON threads(case_id);

      CREATE TABLE messages (
        id                 INTEGER PRIMARY KEY,
        case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        thread_id          INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        server_id          TEXT NOT NULL UNIQUE,
        direction          TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        server_received_at TEXT NOT NULL,
        from_name          TEXT NOT NULL,
        subject            TEXT NOT NULL,
        body               TEXT NOT NULL,
        read               INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1))
      );
      CREATE INDEX messages_case_time ON messages(case_id, server_received_at);
      CREATE INDEX messages_thread_time ON messages(thread_id, server_received_at);

      CREATE TABLE attachments (
        id            INTEGER PRIMARY KEY,
        case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        message_id    INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        file_name     TEXT NOT NULL,
        declared_type TEXT NOT NULL,
        detected_type TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        blob_ref      TEXT NOT NULL UNIQUE,
        blocked       INTEGER NOT NULL CHECK (blocked IN (0, 1)),
        printed       INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1))
      );
      CREATE INDEX attachments_message ON attachments(message_id);
      CREATE INDEX attachments_case ON attachments(case_id);

      CREATE TABLE drafts (
        id         INTEGER PRIMARY KEY,
        case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        thread_id  INTEGER REFERENCES threads(id) ON DELETE CASCADE,
        subject    TEXT NOT NULL,
        body       TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX drafts_case ON drafts(case_id);

      -- Messages waiting to be sent; client_message_id makes a retried send idempotent on the server.
      CREATE TABLE outbox (
        id                INTEGER PRIMARY KEY,
        case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        thread_id         INTEGER REFERENCES threads(id) ON DELETE CASCADE,
        client_message_id TEXT NOT NULL UNIQUE,
        subject           TEXT NOT NULL,
        body              TEXT NOT NULL,
        state             TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
        attempts          INTEGER NOT NULL DEFAULT 0,
        last_error_code   TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      );
      CREATE INDEX outbox_state ON outbox(state);

      CREATE TABLE sync_cursors (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
    `);
  },
};
