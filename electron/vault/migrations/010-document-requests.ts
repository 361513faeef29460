/**
 * 010: case work the server knows nothing of — document requests, what came back against each item,
 * print packages built, and the transfer to Appeals. Every table hangs off `cases` through cascading
 * foreign keys, so purging a case (retention, or retention after a transfer) removes all of it in the
 * same delete. Like every other table they live in the SQLCipher database: no side files.
 *
 * - `document_requests`: one request = one queued/sent secure message. `outbox_id` cascades: a request
 *   whose message is discarded before it was sent was never a request. `message_id` and `thread_id` are
 *   filled in once the outbox item is sent (the vault's copy of the sent message).
 * - `document_request_items`: the stored facts of an item (its state is derived for a day, never stored).
 * - `document_request_item_history`: one JSON ItemHistoryEntry (shared/requests/request-schemas.ts) a row.
 * - `document_request_item_attachments`: which inbound attachments answer which item.
 * - `print_packages`: every package built (scope, volume files and SHA-256s), so Appeals readiness can
 *   tell a case package built after the last message. `last_message_id` is the newest message the
 *   package contains (read when the build started): "after the last message" is decided by what the
 *   vault had stored, not by comparing the laptop's clock with the server's. `last_request_id` and
 *   `last_item_history_id` are the case's newest request and item-history entry then: a request or an
 *   item change after them makes the package stale (its cover no longer tells the request story).
 * - `case_transfers`: the transfer to Appeals with the package's SHA-256s; starts the retention clock.
 *   `last_message_id` likewise tells which inbound messages came after the transfer.
 * - `audit_log.detail`: a short non-SBU detail for an audit row (which item action; a transfer's
 *   package SHA-256s). NULL for every older row, whose MAC is computed as before.
 */
import type { Migration } from './migration';

export const documentRequests: Migration = {
  version: 10,
  name: 'document-requests',
  up(db) {
    db.exec(`
      CREATE TABLE document_requests (
        id         INTEGER PRIMARY KEY,
        case_id    INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        thread_id  INTEGER REFERENCES threads(id) ON DELETE SET NULL,
        outbox_id  INTEGER REFERENCES outbox(id) ON DELETE CASCADE,
        message_id INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        subject    TEXT NOT NULL,
        due_date   TEXT NOT NULL CHECK (length(due_date) = 10),
        time_zone  TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX document_requests_case ON document_requests(case_id);
      CREATE UNIQUE INDEX document_requests_outbox ON document_requests(outbox_id) WHERE outbox_id IS NOT NULL;
      CREATE UNIQUE INDEX document_requests_message ON document_requests(message_id) WHERE message_id IS NOT NULL;

      CREATE TABLE document_request_items (
        id                INTEGER PRIMARY KEY,
        request_id        INTEGER NOT NULL REFERENCES document_requests(id) ON DELETE CASCADE,
        position          INTEGER NOT NULL,
        kind              TEXT NOT NULL,
        label             TEXT NOT NULL,
        wording           TEXT NOT NULL,
        due_date          TEXT NOT NULL CHECK (length(due_date) = 10),
        original_due_date TEXT NOT NULL CHECK (length(original_due_date) = 10),
        received_complete INTEGER NOT NULL DEFAULT 0 CHECK (received_complete IN (0, 1)),
        waived_reason     TEXT,
        UNIQUE (request_id, position)
      );

      CREATE TABLE document_request_item_history (
        id      INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES document_request_items(id) ON DELETE CASCADE,
        entry   TEXT NOT NULL CHECK (json_valid(entry))
      );
      CREATE INDEX document_request_item_history_item ON document_request_item_history(item_id);

      CREATE TABLE document_request_item_attachments (
        item_id       INTEGER NOT NULL REFERENCES document_request_items(id) ON DELETE CASCADE,
        attachment_id INTEGER NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
        linked_at     TEXT NOT NULL,
        PRIMARY KEY (item_id, attachment_id)
      );
      CREATE INDEX document_request_item_attachments_attachment ON document_request_item_attachments(attachment_id);

      CREATE TABLE print_packages (
        id       INTEGER PRIMARY KEY,
        case_id  INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        built_at TEXT NOT NULL,
        scope    TEXT NOT NULL CHECK (scope IN ('case', 'message')),
        volumes  TEXT NOT NULL CHECK (json_valid(volumes)),
        last_message_id      INTEGER,
        last_request_id      INTEGER,
        last_item_history_id INTEGER
      );
      CREATE INDEX print_packages_case ON print_packages(case_id, built_at);

      CREATE TABLE case_transfers (
        id              INTEGER PRIMARY KEY,
        case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        transferred_at  TEXT NOT NULL,
        package_sha256s TEXT NOT NULL CHECK (json_valid(package_sha256s)),
        retention_days  INTEGER NOT NULL CHECK (retention_days > 0),
        last_message_id INTEGER
      );
      CREATE INDEX case_transfers_case ON case_transfers(case_id, transferred_at);
      CREATE INDEX case_transfers_time ON case_transfers(transferred_at);

      ALTER TABLE audit_log ADD COLUMN detail TEXT;
    `);
  },
};
