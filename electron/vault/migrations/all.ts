/** Every migration, in order. Append only: a released migration is never edited. */
import { coreSchema } from './001-core-schema';
import { messageSearch } from './002-message-search';
import { auditLog } from './003-audit-log';
import { syncState } from './004-sync-state';
import { caseListIndex } from './005-case-list-index';
import { caseServerStatus } from './006-case-server-status';
import { searchAnnouncedFiles } from './007-search-announced-files';
import { contentRedetectQueue } from './008-content-redetect-queue';
import { passphraseWrapAudit } from './009-passphrase-wrap-audit';
import { documentRequests } from './010-document-requests';
import { caseActivity } from './011-case-activity';
import type { Migration } from './migration';

export type { Migration } from './migration';
export const migrations: readonly Migration[] = [coreSchema, messageSearch, auditLog, syncState, caseListIndex, caseServerStatus, searchAnnouncedFiles, contentRedetectQueue, passphraseWrapAudit,
  documentRequests, caseActivity];
