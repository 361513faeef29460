/**
 * 004: what sync needs to keep in the vault.
 * - `sync_case_links`: the server's case id for each vault case (threads and messages already carry
 *   theirs), so change-feed events apply idempotently by server id.
 * - `sync_remote_attachments`: every attachment the server announced, with its download state
 *   (pending, stored, blocked by name, failed its checksum), so a crash or a dropped connection
 *   resumes the downloads that are left and a blocked file is recorded without ever being fetched.
 * - `sync_secrets`: the rotating refresh token; inside the encrypted database, never in a plain file.
 * - `outbox_attachments`: the files of a queued reply, copied into the blob store (encrypted with the
 *   case key) so the reply survives a restart with no plaintext on disk; `upload_id` lets a send resume.
 */
import type { Migration } from './migration';

export const syncState: Migration = {
  version: 4,
  name: 'sync-state',
  up(db) {
    db.exec(`
      CREATE TABLE sync_case_links (
        server_case_id TEXT PRIMARY KEY,
        case_id        INTEGER NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE
      );

      CREATE TABLE sync_remote_attachments (
        server_attachment_id TEXT PRIMARY KEY,
        case_id              INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        message_id           INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        file_name            TEXT NOT NULL,
        content_type         TEXT NOT NULL,
        size                 INTEGER NOT NULL CHECK (size >= 0),
        sha256               TEXT NOT NULL CHECK (length(sha256) = 64),
        state                TEXT NOT NULL CHECK (state IN ('pending', 'stored', 'blocked', 'failed')),
        attachment_id        INTEGER REFERENCES attachments(id) ON DELETE SET NULL,
        attempts             INTEGER NOT NULL DEFAULT 0,
        last_error_code      TEXT
      );
      CREATE INDEX sync_remote_attachments_state ON sync_remote_attachments(state);
      CREATE INDEX sync_remote_attachments_message ON sync_remote_attachments(message_id);

      CREATE TABLE sync_secrets (
        name       TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE outbox_attachments (
        id            INTEGER PRIMARY KEY,
        outbox_id     INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
        case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        file_name     TEXT NOT NULL,
        declared_type TEXT NOT NULL,
        detected_type TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        blob_ref      TEXT NOT NULL UNIQUE,
        upload_id     TEXT
      );
      CREATE INDEX outbox_attachments_outbox ON outbox_attachments(outbox_id);
      CREATE INDEX outbox_attachments_case ON outbox_attachments(case_id);
    `);
  },
};
