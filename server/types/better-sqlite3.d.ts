/**
 * better-sqlite3 ships no types and @types/better-sqlite3 is not installed; the cipher fork's
 * declarations describe the same API (it is a drop-in build), so the server borrows them.
 */
declare module 'better-sqlite3' {
  // `export =` declarations can only be re-exported with import-require; this is types only.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  import Database = require('better-sqlite3-multiple-ciphers');
  export = Database;
}
