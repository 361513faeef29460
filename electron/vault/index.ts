/**
 * Public surface of the vault for the IPC layer and sync. Everything else in this folder is internal;
 * no SQL lives outside it.
 */
export { createVault, unlockVault, Vault, MIN_PASSPHRASE_LENGTH } from './vault';
export type { VaultOptions, UnlockSecret, PurgeReport, UnlockReport } from './vault';
export type { KeyProtector, ProtectorAvailability } from './key-protector';
export type { BlobReader } from './blob-reader';
export type { VaultReader } from './reader/vault-reader';
export { SEARCH_LIMIT } from './queries/search-results';
export type { BlobReadGrant } from './blob-grant';
export type { ExportResult } from './export-attachment';
export type { SweepReport } from './startup-sweep';
export { AuditEventSchema } from './audit-log';
export type { AuditEvent, AuditEntry, AuditVerdict, AuditProblem } from './audit-log';
export { HIT_START, HIT_END } from './queries/search';
export * from './records';
export { SyncStore } from './sync-store';
export * from './sync-records';
