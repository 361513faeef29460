/**
 * 008: every stored file's type is detected again by the one content sniffer
 * (shared/content-type/sniff.ts). The old detector wanted `%PDF-` at byte 0, called Windows-1252 text
 * binary and needed `[Content_Types].xml` first in an Office zip, so such files were stored as
 * unknown. A migration runs in SQL and cannot decrypt blobs, so it only queues the files; the vault
 * drains the queue when it opens (redetect-content-types.ts), one file per transaction, so a crash
 * leaves the rest queued. Only this migration fills the queue: it runs once.
 */
import type { Migration } from './migration';

export const contentRedetectQueue: Migration = {
  version: 8,
  name: 'content-redetect-queue',
  up(db) {
    db.exec(`
      CREATE TABLE content_redetect_queue (
        id                   INTEGER PRIMARY KEY,
        attachment_id        INTEGER UNIQUE REFERENCES attachments(id) ON DELETE CASCADE,
        outbox_attachment_id INTEGER UNIQUE REFERENCES outbox_attachments(id) ON DELETE CASCADE,
        CHECK ((attachment_id IS NULL) <> (outbox_attachment_id IS NULL))
      );
      INSERT INTO content_redetect_queue (attachment_id) SELECT id FROM attachments ORDER BY id;
      INSERT INTO content_redetect_queue (outbox_attachment_id) SELECT id FROM outbox_attachments ORDER BY id;
    `);
  },
};
