/**
 * 007: the search index also holds the names of files the server announced but that are not stored
 * (still downloading, failed, or blocked by name and never fetched). Until now only stored attachments
 * were indexed, so a blocked `tool.exe` or a 1 GB scan still downloading could not be found by name.
 * A message's `attachment_names` is now its stored files plus its announced, not-stored ones; the
 * triggers recompute it when either list changes (a download crossing into 'stored' swaps one for the
 * other under the same name), and existing rows are backfilled.
 */
import type { Migration } from './migration';

/** Every file name of message `id` (SQL expression over the id), each once. */
const namesOf = (id: string) => `coalesce((SELECT group_concat(n, ' ') FROM (
    SELECT file_name AS n FROM attachments WHERE message_id = ${id}
    UNION ALL SELECT file_name FROM sync_remote_attachments WHERE message_id = ${id} AND state <> 'stored')), '')`;

export const searchAnnouncedFiles: Migration = {
  version: 7,
  name: 'search-announced-files',
  up(db) {
    db.exec(`
      DROP TRIGGER attachments_fts_insert;
      DROP TRIGGER attachments_fts_delete;

      CREATE TRIGGER attachments_fts_insert AFTER INSERT ON attachments BEGIN
        UPDATE messages_fts SET attachment_names = ${namesOf('new.message_id')} WHERE rowid = new.message_id;
      END;
      CREATE TRIGGER attachments_fts_delete AFTER DELETE ON attachments BEGIN
        UPDATE messages_fts SET attachment_names = ${namesOf('old.message_id')} WHERE rowid = old.message_id;
      END;

      CREATE TRIGGER remote_attachments_fts_insert AFTER INSERT ON sync_remote_attachments BEGIN
        UPDATE messages_fts SET attachment_names = ${namesOf('new.message_id')} WHERE rowid = new.message_id;
      END;
      -- Only a move into or out of 'stored' changes the names (retries and attempts do not).
      CREATE TRIGGER remote_attachments_fts_update AFTER UPDATE OF state ON sync_remote_attachments
        WHEN (old.state = 'stored') <> (new.state = 'stored') BEGIN
        UPDATE messages_fts SET attachment_names = ${namesOf('new.message_id')} WHERE rowid = new.message_id;
      END;
      CREATE TRIGGER remote_attachments_fts_delete AFTER DELETE ON sync_remote_attachments BEGIN
        UPDATE messages_fts SET attachment_names = ${namesOf('old.message_id')} WHERE rowid = old.message_id;
      END;

      UPDATE messages_fts SET attachment_names = ${namesOf('messages_fts.rowid')}
        WHERE rowid IN (SELECT message_id FROM sync_remote_attachments WHERE state <> 'stored');
    `);
  },
};
