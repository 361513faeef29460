/**
 * Query keys: the channel name and its input, so one cache entry exists per call. Keys whose data comes
 * from the vault are dropped from memory when the session locks.
 */
import type { ChannelName } from '../../../shared/ipc/contract';

export const queryKeys = {
  appInfo: ['app.info'] as const,
  policy: ['policy.summary'] as const,
  prefs: ['prefs.get'] as const,
  vault: ['vault.status'] as const,
  sync: ['sync.status'] as const,
  cases: ['cases.list'] as const,
  caseDetail: (caseId: number) => ['cases.get', { caseId }] as const,
  outbox: (caseId: number) => ['replies.outbox', { caseId }] as const,
  search: (query: string) => ['search.query', { query }] as const,
  draft: (caseId: number, threadId: number | null) => ['drafts.get', { caseId, threadId }] as const,
  requests: (caseId: number) => ['requests.list', { caseId }] as const,
  /** Every case's requests (a prefix of `requests`). */
  anyRequests: ['requests.list'] as const,
  requestDefaults: (caseId: number) => ['requests.defaults', { caseId }] as const,
  readiness: (caseId: number) => ['appeals.readiness', { caseId }] as const,
  casework: ['casework.overview'] as const,
} as const;

/** Channels whose answers hold taxpayer data: removed from the cache at every lock. */
export const VAULT_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'cases.list', 'cases.get', 'replies.outbox', 'search.query', 'drafts.get', 'sync.status', 'attachments.read',
  'requests.list', 'requests.defaults', 'appeals.readiness', 'casework.overview',
]);
