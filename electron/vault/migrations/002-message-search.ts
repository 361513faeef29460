/**
 * 002: full-text search over subjects, bodies and attachment names. The FTS row id is the message id,
 * so a hit leads straight to case, thread and message. Triggers keep it in step with the tables, so no
 * caller can forget to index (or to de-index on purge). FTS5 'secure-delete' makes a delete remove
 * the terms from the index at once; without it a purged message's words stay in the index's segments
 * (as delete markers over the old entries) until the next merge.
 */
import type { Migration } from './migration';

export const messageSearch: Migration = {
  version: 2,
  name: 'message-search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        subject, body, attachment_names,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO messages_fts(messages_fts, rank) VALUES ('secure-delete', 1);

      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, subject, body, attachment_names) VALUES (new.id, new.subject, new.body, '');
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, body ON messages BEGIN
        UPDATE messages_fts SET subject = new.subject, body = new.body WHERE rowid = new.id;
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = old.id;
      END;

      CREATE TRIGGER attachments_fts_insert AFTER INSERT ON attachments BEGIN
        UPDATE messages_fts SET attachment_names =
          (SELECT group_concat(file_name, ' ') FROM attachments WHERE message_id = new.message_id)
        WHERE rowid = new.message_id;
      END;
      CREATE TRIGGER attachments_fts_delete AFTER DELETE ON attachments BEGIN
        UPDATE messages_fts SET attachment_names =
          coalesce((SELECT group_concat(file_name, ' ') FROM attachments WHERE message_id = old.message_id), '')
        WHERE rowid = old.message_id;
      END;
    `);
  },
};
