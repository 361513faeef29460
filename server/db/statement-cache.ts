/**
 * Prepared statements, compiled once per connection and reused: preparing costs more than running
 * most of the server's small queries.
 */
import type Database from 'better-sqlite3';
import type { Db } from './open-database';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) { cache = new Map(); caches.set(db, cache); }
  let statement = cache.get(sql);
  if (!statement) { statement = db.prepare(sql); cache.set(sql, statement); }
  return statement;
}
