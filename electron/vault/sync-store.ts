/**
 * Sync's state inside the vault (reached as `vault.sync`): which server case each vault case is, the
 * attachments the server announced and whether they are downloaded, the refresh token, and the files
 * of queued replies. Everything here is inside the encrypted database or the encrypted blob store.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkFileName } from '../../shared/blocked-extensions';
import { sniffContent } from '../../shared/content-type/sniff';
import * as attachments from './queries/attachments';
import * as outbox from './queries/drafts-outbox';
import * as requests from './queries/document-requests';
import * as q from './queries/sync-state';
import { newBlobRef } from './blob-format';
import { openBlob, type BlobReader } from './blob-reader';
import { writeBlob, type BlobSource } from './blob-writer';
import type { VaultDb } from './database';
import { parseInput, type ThreadRecord, type UpdateOutbox } from './records';
import {
  CompleteOutboxSendSchema, NewOutboxAttachmentSchema, NewRemoteAttachmentSchema, RemoteAttachmentUpdateSchema, SecretNameSchema,
  SecretValueSchema, type CompleteOutboxSend, type NewOutboxAttachment, type NewRemoteAttachment, type OutboxAttachmentRecord,
  type RemoteAttachmentRecord, type RemoteAttachmentState, type RemoteAttachmentUpdate,
} from './sync-records';
import { vaultErrors } from './vault-errors';
import { z } from 'zod';

const ServerIdSchema = z.string().min(1).max(128);
const IdSchema = z.number().int().positive();

/** What the vault lends the store: its open database, case keys and blob folder (all fail with E_LOCKED once locked). */
export interface SyncStoreDeps {
  db(): VaultDb;
  caseKey(caseId: number): Buffer;
  blobsDir: string;
  now(): string;
  /** Tracks a reader so that lock() closes it. */
  track(reader: BlobReader): BlobReader;
  /** The vault's own outbox transition (audits 'send'). */
  updateOutbox(input: UpdateOutbox): void;
}

export class SyncStore {
  constructor(private readonly deps: SyncStoreDeps) {}

  private get db(): VaultDb {
    return this.deps.db();
  }

  // ---- server ids -------------------------------------------------------------------------------

  linkServerCase(serverCaseId: string, caseId: number): void {
    const sid = parseInput(ServerIdSchema, serverCaseId, vaultErrors.invalidInput);
    q.linkServerCase(this.db, sid, parseInput(IdSchema, caseId, vaultErrors.invalidInput));
  }

  caseIdForServerCase(serverCaseId: string): number | undefined {
    return q.caseIdForServerCase(this.db, serverCaseId);
  }

  serverCaseIdFor(caseId: number): string | undefined {
    return q.serverCaseIdFor(this.db, caseId);
  }

  threadByServerId(serverThreadId: string): ThreadRecord | undefined {
    return q.threadByServerId(this.db, serverThreadId);
  }

  getThread(threadId: number): ThreadRecord | undefined {
    return q.threadById(this.db, threadId);
  }

  // ---- announced attachments --------------------------------------------------------------------

  /** Records an attachment the server announced; idempotent on its server id. Returns true if new. */
  recordRemoteAttachment(input: NewRemoteAttachment): boolean {
    const a = parseInput(NewRemoteAttachmentSchema, input, vaultErrors.invalidInput);
    const message = this.db.prepare('SELECT case_id AS caseId FROM messages WHERE id = ?').get(a.messageId) as { caseId: number } | undefined;
    if (!message) throw vaultErrors.notFound('message', a.messageId);
    return q.insertRemoteAttachment(this.db, { ...a, caseId: message.caseId });
  }

  getRemoteAttachment(serverAttachmentId: string): RemoteAttachmentRecord | undefined {
    return q.getRemoteAttachment(this.db, serverAttachmentId);
  }

  listRemoteAttachments(filter: { state?: RemoteAttachmentState; messageId?: number } = {}): RemoteAttachmentRecord[] {
    return q.listRemoteAttachments(this.db, filter);
  }

  /** Announced files per download state, counted without listing them (for the sync status). */
  countRemoteAttachments(): Record<RemoteAttachmentState, number> {
    return q.countRemoteAttachmentsByState(this.db);
  }

  /** Outbox messages to send and failed ones (rows failed with `heldBackCode` are held back, not failed), counted without listing them. */
  countOutbox(heldBackCode: string): { queued: number; failed: number } {
    return q.countOutboxBacklog(this.db, heldBackCode);
  }

  setRemoteAttachmentState(input: RemoteAttachmentUpdate): void {
    const u = parseInput(RemoteAttachmentUpdateSchema, input, vaultErrors.invalidInput);
    if (!q.setRemoteAttachmentState(this.db, u.serverAttachmentId, u.state, u.attachmentId, u.lastErrorCode, u.attempt)) {
      throw vaultErrors.notFound('announced attachment', u.serverAttachmentId);
    }
  }

  // ---- secrets (the refresh token) --------------------------------------------------------------

  getSecret(name: string): string | undefined {
    return q.getSecret(this.db, parseInput(SecretNameSchema, name, vaultErrors.invalidInput));
  }

  /** Stores a secret, or deletes it with null. */
  setSecret(name: string, value: string | null): void {
    const n = parseInput(SecretNameSchema, name, vaultErrors.invalidInput);
    q.setSecret(this.db, n, value === null ? null : parseInput(SecretValueSchema, value, vaultErrors.invalidInput), this.deps.now());
  }

  // ---- files of queued replies ------------------------------------------------------------------

  /** Copies a reply's file into the blob store, encrypted with its case key, and records it on the outbox item. */
  /** `source`: a stream, or `{ path }` of a local file the caller has validated (see writeBlob). */
  async addOutboxAttachment(input: NewOutboxAttachment, source: BlobSource): Promise<OutboxAttachmentRecord> {
    const a = parseInput(NewOutboxAttachmentSchema, input, vaultErrors.invalidInput);
    const item = outbox.getOutbox(this.db, a.outboxId);
    if (!item) throw vaultErrors.notFound('outbox item', a.outboxId);
    const blobRef = newBlobRef();
    const written = await writeBlob({ blobsDir: this.deps.blobsDir, blobRef, caseKey: this.deps.caseKey(item.caseId), source, maxBytes: a.maxBytes });
    const row = {
      outboxId: a.outboxId, caseId: item.caseId, fileName: a.fileName, declaredType: a.declaredType,
      detectedType: sniffContent(written.head, a.fileName, written.tail).mimeType, size: written.size, sha256: written.sha256, blobRef,
    };
    try {
      return { ...row, id: q.insertOutboxAttachment(this.db, row), uploadId: null };
    } catch (err) {
      await fs.rm(path.join(this.deps.blobsDir, blobRef), { force: true });
      throw err;
    }
  }

  listOutboxAttachments(outboxId: number): OutboxAttachmentRecord[] {
    return q.listOutboxAttachments(this.db, outboxId);
  }

  /** Opens a queued file for reading verified plaintext (to upload it). Close the reader when done. */
  async openOutboxAttachment(id: number): Promise<BlobReader> {
    const a = q.getOutboxAttachment(this.db, id);
    if (!a) throw vaultErrors.notFound('outbox file', id);
    const reader = await openBlob({ blobsDir: this.deps.blobsDir, blobRef: a.blobRef, caseKey: this.deps.caseKey(a.caseId), expectedSize: a.size });
    return this.deps.track(reader);
  }

  setOutboxAttachmentUpload(id: number, uploadId: string): void {
    if (!q.setOutboxAttachmentUpload(this.db, id, parseInput(ServerIdSchema, uploadId, vaultErrors.invalidInput))) throw vaultErrors.notFound('outbox file', id);
  }

  /**
   * The reply was sent: in one transaction each queued file becomes an attachment of the recorded
   * message (the encrypted blob is reused: no re-download of what we sent), the announced-attachment
   * rows say 'stored', and the outbox item becomes 'sent' (audited as a send). If the change feed
   * stored a file first, the queued copy is deleted instead.
   */
  async completeOutboxSend(input: CompleteOutboxSend): Promise<void> {
    const c = parseInput(CompleteOutboxSendSchema, input, vaultErrors.invalidInput);
    const db = this.db;
    const unused: string[] = [];
    db.transaction(() => {
      const message = db.prepare('SELECT case_id AS caseId FROM messages WHERE id = ?').get(c.messageId) as { caseId: number } | undefined;
      if (!message) throw vaultErrors.notFound('message', c.messageId);
      for (const f of c.files) {
        const queued = q.getOutboxAttachment(db, f.outboxAttachmentId);
        if (!queued || queued.outboxId !== c.outboxId) continue; // already moved by an earlier attempt
        q.deleteOutboxAttachment(db, queued.id);
        const remote = q.getRemoteAttachment(db, f.serverAttachmentId);
        if (remote?.state === 'stored' && remote.attachmentId !== null) {
          unused.push(queued.blobRef);
          continue;
        }
        const attachmentId = attachments.insertAttachment(db, {
          caseId: message.caseId, messageId: c.messageId, fileName: f.fileName, declaredType: f.contentType,
          detectedType: queued.detectedType, size: queued.size, sha256: queued.sha256, blobRef: queued.blobRef,
          blocked: checkFileName(f.fileName).blocked,
        });
        if (!remote) {
          q.insertRemoteAttachment(db, {
            serverAttachmentId: f.serverAttachmentId, caseId: message.caseId, messageId: c.messageId, fileName: f.fileName,
            contentType: f.contentType, size: f.size, sha256: f.sha256, state: 'pending',
          });
        }
        q.setRemoteAttachmentState(db, f.serverAttachmentId, 'stored', attachmentId, null, false);
      }
      const item = outbox.getOutbox(db, c.outboxId);
      if (!item) throw vaultErrors.notFound('outbox item', c.outboxId);
      if (item.state !== 'sent') this.deps.updateOutbox({ id: c.outboxId, state: 'sent' });
      // A document request carried by this item learns its sent message here, in the same transaction.
      requests.setRequestMessageOfOutbox(db, c.outboxId, c.messageId);
    })();
    for (const ref of unused) await fs.rm(path.join(this.deps.blobsDir, ref), { force: true });
  }

  /** Deletes a queued (unsent) reply and its files. */
  async discardOutboxItem(outboxId: number): Promise<void> {
    const db = this.db;
    const item = outbox.getOutbox(db, outboxId);
    if (!item) return;
    if (item.state === 'sent') throw vaultErrors.invalidInput('a sent message cannot be discarded');
    const refs = q.listOutboxAttachments(db, outboxId).map((a) => a.blobRef);
    q.deleteOutboxItem(db, outboxId);
    for (const ref of refs) await fs.rm(path.join(this.deps.blobsDir, ref), { force: true });
  }
}
