/**
 * 011: the case list's counts kept per case as messages change, so listing 10,000 cases reads 10,000
 * small rows instead of aggregating every message (the grouped scan of 100,000 index entries took
 * ~50-250 ms on a 2-core machine, on the main thread, at every `data.changed`). Triggers keep
 * `case_activity` in step with `messages` inside the writer's own transaction: insert, delete (a purge
 * cascades), and updates of what the counts read (read marks, direction, time, a move between cases).
 * The newest time is recomputed through messages_case_time_state when a message leaves a case.
 */
import type { Migration } from './migration';

export const caseActivity: Migration = {
  version: 11,
  name: 'case-activity',
  up(db) {
    db.exec(`
      CREATE TABLE case_activity (
        case_id          INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
        message_count    INTEGER NOT NULL DEFAULT 0,
        unread_count     INTEGER NOT NULL DEFAULT 0,
        last_received_at TEXT
      );
      INSERT INTO case_activity (case_id, message_count, unread_count, last_received_at)
        SELECT c.id, count(m.id), coalesce(sum(m.read = 0 AND m.direction = 'inbound'), 0), max(m.server_received_at)
        FROM cases c LEFT JOIN messages m ON m.case_id = c.id GROUP BY c.id;

      CREATE TRIGGER case_activity_case_insert AFTER INSERT ON cases BEGIN
        INSERT OR IGNORE INTO case_activity (case_id) VALUES (new.id);
      END;
      CREATE TRIGGER case_activity_message_insert AFTER INSERT ON messages BEGIN
        UPDATE case_activity SET
          message_count = message_count + 1,
          unread_count = unread_count + (new.read = 0 AND new.direction = 'inbound'),
          last_received_at = CASE WHEN last_received_at IS NULL OR new.server_received_at > last_received_at
            THEN new.server_received_at ELSE last_received_at END
        WHERE case_id = new.case_id;
      END;
      CREATE TRIGGER case_activity_message_delete AFTER DELETE ON messages BEGIN
        UPDATE case_activity SET
          message_count = message_count - 1,
          unread_count = unread_count - (old.read = 0 AND old.direction = 'inbound'),
          last_received_at = (SELECT max(server_received_at) FROM messages WHERE case_id = old.case_id)
        WHERE case_id = old.case_id;
      END;
      CREATE TRIGGER case_activity_message_update AFTER UPDATE OF case_id, read, direction, server_received_at ON messages BEGIN
        UPDATE case_activity SET
          message_count = message_count - 1,
          unread_count = unread_count - (old.read = 0 AND old.direction = 'inbound')
        WHERE case_id = old.case_id;
        UPDATE case_activity SET
          message_count = message_count + 1,
          unread_count = unread_count + (new.read = 0 AND new.direction = 'inbound')
        WHERE case_id = new.case_id;
        UPDATE case_activity SET last_received_at = (SELECT max(server_received_at) FROM messages WHERE case_id = case_activity.case_id)
        WHERE case_id IN (old.case_id, new.case_id)
          AND (old.case_id IS NOT new.case_id OR old.server_received_at IS NOT new.server_received_at);
      END;
    `);
  },
};
