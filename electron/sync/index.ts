/**
 * Public surface of sync for the main process and the IPC layer. Plain Node (global fetch), no
 * Electron import. See README.md for the states, the guarantees and the wiring.
 */
export { createSyncService, syncErrorData } from './sync-service';
export type { SyncService, SyncServiceOptions, OutboxView } from './sync-service';
export type { InboundReport, SyncStatus, SyncState, SyncReport } from './sync-engine';
export { QueueNewThreadSchema, QueueReplySchema } from './outbox';
export type { QueueNewThreadInput, QueueReplyInput, QueuedReply, FlushReport } from './outbox';
export { ensureDemoSignIn, DEMO_EMPLOYEE } from './demo';
export { ServerClient } from './server-client';
export { createSyncEngine } from './sync-engine';
