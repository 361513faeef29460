/** What every route handler needs: the database, the data directory and the server-wide signals. */
import type { Db } from './db/open-database';
import type { TokenTtl } from './auth/tokens';
import type { ChangeSignal } from './store/events';
import type { DataDir } from './store/data-dir';
import type { MailTransport } from './notify/mail-transport';
import type { AbuseLimits } from './abuse/abuse-limits';
import type { WindowCounter } from './abuse/window-counter';

export interface ServerContext {
  db: Db;
  dir: DataDir;
  changes: ChangeSignal;
  tokenTtl: TokenTtl;
  mail: MailTransport;
  /** Uploads with a PATCH in flight: a second concurrent PATCH is refused (E_UPLOAD_BUSY). */
  busyUploads: Set<string>;
  /** Notification failures must never fail a send; they are logged here (no SBU content). */
  logWarning(message: string): void;
  demo: boolean;
  /** Quotas and rate limits per account and per address (server/abuse/), with their live counters. */
  abuse: { limits: AbuseLimits; mutationsByAccount: WindowCounter; failedSignInsByAddress: WindowCounter };
}
