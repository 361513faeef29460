/**
 * The vault: the one object through which the app reads and writes taxpayer data. `createVault` and
 * `unlockVault` return an open Vault; `lock()` closes the database, zeroes every key it holds and
 * makes every later call fail with E_LOCKED.
 *
 * What each key protects:
 * - the database key (derived from the master key) encrypts every page of vault.db and its WAL
 *   (SQLCipher v4 layout, AES-256 + HMAC-SHA512 per page);
 * - each case key encrypts that case's attachment files, the bulk of the SBU bytes. Purging a case
 *   deletes its key, so the files are crypto-shredded even if an SSD keeps old copies of them.
 *   Row content (subjects, bodies, names) is not encrypted a second time with the case key: the search
 *   index must hold the words anyway, and a second layer would buy nothing against an attacker who
 *   already holds the database key. Instead purge relies on `secure_delete` (freed pages are zeroed),
 *   FTS5 `secure-delete` (the index drops a deleted message's terms at once) and a WAL checkpoint
 *   with truncation.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkFileName } from '../../shared/blocked-extensions';
import { sniffContent } from '../../shared/content-type/sniff';
import { AppError, isAppError } from '../../shared/errors';
import { INBOUND_MESSAGE_MAX_BYTES } from '../../shared/limits';
import { appendAudit, listAudit, verifyAudit, type AuditEntry, type AuditEvent, type AuditVerdict, AuditEventSchema } from './audit-log';
import { newBlobRef } from './blob-format';
import { grantBlobRead, type BlobReadGrant } from './blob-grant';
import { blobStream, openBlob, readRangeInto, type BlobReader } from './blob-reader';
import { writeBlob, type BlobSource } from './blob-writer';
import { caseKeyExists, createCaseKey, loadCaseKey } from './case-keys';
import { CaseworkStore, type PrintPackageRecord } from './casework-store';
import { dbFilePath, openVaultDatabase, type VaultDb } from './database';
import { exportBlob, exportTempDirOf, type ExportResult } from './export-attachment';
import { deriveSubkey, keyCheckOf, seal, unseal } from './key-derivation';
import { keyFilePath, readKeyFile, writeKeyFile, type KeyFileBody, type PassphraseWrap } from './key-file';
import type { KeyProtector } from './key-protector';
import { migrate } from './migrate';
import { auditPassphraseWrap } from './passphrase-audit';
import { redetectContentTypes, type RedetectReport } from './redetect-content-types';
import { startVaultReader, type VaultReader } from './reader/vault-reader';
import { derivePassphraseKey, newScryptParams } from './passphrase-kdf';
import * as attachments from './queries/attachments';
import * as cases from './queries/cases';
import * as outbox from './queries/drafts-outbox';
import * as messages from './queries/messages';
import * as people from './queries/participants-threads';
import { listCaseSummaries } from './queries/case-summaries';
import { searchMessages } from './queries/search';
import { searchCases } from './queries/case-search';
import {
  CaseSearchSchema, CloseCaseSchema, CursorNameSchema, CursorValueSchema, EnqueueOutboxSchema, NewAttachmentSchema, NewCaseSchema, NewMessageSchema,
  NewParticipantSchema, NewThreadSchema, RangeSchema, RetentionSchema, SaveDraftSchema, SearchSchema, UpdateOutboxSchema, parseInput,
  type AttachmentRecord, type CaseHit, type CaseRecord, type CaseSearchInput, type CaseSummary, type DraftRecord, type EnqueueOutbox, type MessageRecord, type NewAttachment, type NewCase,
  type NewMessage, type NewParticipant, type NewThread, type OutboxRecord, type ParticipantRecord, type SaveDraft, type SearchHit,
  type SearchInput, type ServerCaseStatus, type ThreadRecord, type UpdateOutbox, ServerCaseStatusSchema,
} from './records';
import { sweepVaultFiles, type SweepReport } from './startup-sweep';
import { SyncStore } from './sync-store';
import { vaultErrors } from './vault-errors';
import type { Readable } from 'node:stream';
import { z } from 'zod';

export const MIN_PASSPHRASE_LENGTH = 12;
const BLOBS_DIR = 'blobs';
const ActorSchema = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'actor id');

export interface VaultOptions {
  /** Who is acting, for the audit log: the employee's e-Gain id or login name; never a taxpayer's. */
  actor?: string;
  /** The policy's SBU folder: export temp files left there by a crash are swept at unlock. */
  sbuFolder?: string;
  /** The policy's retention: cases closed longer ago than this are purged at unlock. */
  retentionDays?: number;
  /** Clock for retention and audit (tests); defaults to now. */
  now?: () => Date;
}

export type UnlockSecret = string | { protector: KeyProtector };

export interface PurgeReport {
  caseId: number;
  messages: number;
  attachments: number;
  blobFilesDeleted: number;
  keyDestroyed: boolean;
}

export interface UnlockReport {
  sweep: SweepReport;
  /** The audit chain as found at unlock; when broken, an 'audit-failure' row was appended. Show it / report it to IT. */
  audit: AuditVerdict;
  retention: PurgeReport[];
  /** Files whose type was detected again after an update of the content sniffer (migration 008). */
  contentTypes: RedetectReport;
}

const aadForPassphraseWrap = (vaultId: string) => `scoic-vault master-key passphrase v1 ${vaultId}`;

async function wrapWithPassphrase(masterKey: Buffer, vaultId: string, passphrase: string): Promise<PassphraseWrap> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw vaultErrors.weakPassphrase(MIN_PASSPHRASE_LENGTH);
  const kdf = newScryptParams();
  const wrapKey = await derivePassphraseKey(passphrase, kdf);
  try {
    return { kind: 'passphrase', kdf, sealed: seal(wrapKey, masterKey, aadForPassphraseWrap(vaultId)) };
  } finally {
    wrapKey.fill(0);
  }
}

/** Returns the master key, or null when the passphrase is wrong. */
async function unwrapWithPassphrase(body: KeyFileBody, passphrase: string): Promise<Buffer | null> {
  const wrap = body.wraps.find((w): w is PassphraseWrap => w.kind === 'passphrase');
  if (!wrap) throw vaultErrors.damaged('no passphrase wrap');
  const wrapKey = await derivePassphraseKey(passphrase, wrap.kdf);
  try {
    return unseal(wrapKey, wrap.sealed, aadForPassphraseWrap(body.vaultId));
  } finally {
    wrapKey.fill(0);
  }
}

async function unwrapWithProtector(body: KeyFileBody, protector: KeyProtector): Promise<Buffer> {
  const wrap = body.wraps.find((w) => w.kind === 'protector' && w.protectorId === protector.id);
  if (!wrap || wrap.kind !== 'protector') throw vaultErrors.protectorUnavailable('no wrap for this key store');
  const availability = await protector.isAvailable();
  if (!availability.available) throw vaultErrors.protectorUnavailable(availability.reason);
  let key: Buffer;
  try {
    key = await protector.unprotect(Buffer.from(wrap.blob, 'base64'));
  } catch {
    throw vaultErrors.protectorUnavailable('key store could not unwrap the key');
  }
  if (key.length !== 32 || keyCheckOf(key, body.vaultId) !== body.keyCheck) {
    key.fill(0);
    throw vaultErrors.protectorUnavailable('key store returned a different key');
  }
  return key;
}

async function exists(p: string): Promise<boolean> {
  return fs.lstat(p).then(() => true, () => false);
}

/**
 * Creates a vault in `dir`. The key file is written last, as the commit point: a folder with a
 * database but no key file is an interrupted creation (nobody could ever have opened it) and is
 * replaced.
 */
export async function createVault(dir: string, passphrase: string, options: VaultOptions = {}): Promise<Vault> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw vaultErrors.weakPassphrase(MIN_PASSPHRASE_LENGTH);
  const actor = parseInput(ActorSchema, options.actor ?? 'local-user', vaultErrors.invalidInput);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (await exists(keyFilePath(dir))) throw vaultErrors.alreadyExists();
  for (const leftover of [dbFilePath(dir), `${dbFilePath(dir)}-wal`, `${dbFilePath(dir)}-shm`, path.join(dir, BLOBS_DIR)]) {
    await fs.rm(leftover, { recursive: true, force: true });
  }
  await fs.mkdir(path.join(dir, BLOBS_DIR), { mode: 0o700 });
  const masterKey = crypto.randomBytes(32);
  const vaultId = crypto.randomUUID();
  const wrap = await wrapWithPassphrase(masterKey, vaultId, passphrase);
  const dbKey = deriveSubkey(masterKey, vaultId, 'database');
  const db = openVaultDatabase(dir, dbKey, { create: true });
  dbKey.fill(0);
  migrate(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const body: KeyFileBody = {
    format: 'scoic-vault-keys', version: 1, vaultId, createdAt: new Date().toISOString(),
    keyCheck: keyCheckOf(masterKey, vaultId), wraps: [wrap],
  };
  await writeKeyFile(dir, body);
  const vault = new Vault(dir, vaultId, masterKey, db, actor, options.now ?? (() => new Date()));
  vault.recordAudit('create');
  vault.auditKeyFile(body);
  return vault;
}

/**
 * Opens an existing vault with the passphrase (or an OS key-store protector), runs pending
 * migrations, sweeps crash leftovers and, when `retentionDays` is given, purges expired cases.
 * Errors: E_NOT_A_VAULT, E_VAULT_DAMAGED, E_VAULT_NEWER, E_WRONG_PASSPHRASE, E_KEY_PROTECTOR_UNAVAILABLE.
 */
export async function unlockVault(dir: string, secret: UnlockSecret, options: VaultOptions = {}): Promise<{ vault: Vault; report: UnlockReport }> {
  const actor = parseInput(ActorSchema, options.actor ?? 'local-user', vaultErrors.invalidInput);
  const body = await readKeyFile(dir);
  let masterKey: Buffer | null;
  if (typeof secret === 'string') {
    masterKey = await unwrapWithPassphrase(body, secret);
    if (!masterKey) throw vaultErrors.wrongPassphrase();
    if (keyCheckOf(masterKey, body.vaultId) !== body.keyCheck) {
      masterKey.fill(0);
      throw vaultErrors.damaged('key check mismatch');
    }
  } else {
    masterKey = await unwrapWithProtector(body, secret.protector);
  }
  if (!(await exists(dbFilePath(dir)))) {
    masterKey.fill(0);
    throw vaultErrors.damaged('database file missing');
  }
  const dbKey = deriveSubkey(masterKey, body.vaultId, 'database');
  let db: VaultDb;
  try {
    db = openVaultDatabase(dir, dbKey, { create: false });
  } catch (err) {
    masterKey.fill(0);
    throw err;
  } finally {
    dbKey.fill(0);
  }
  try {
    migrate(db);
  } catch (err) {
    db.close();
    masterKey.fill(0);
    if (isAppError(err) && err.code === 'E_VAULT_NEWER') throw err;
    throw vaultErrors.damaged(`schema: ${(err as Error).message}`);
  }
  const vault = new Vault(dir, body.vaultId, masterKey, db, actor, options.now ?? (() => new Date()));
  try {
    const sweep = await vault.sweep(options.sbuFolder);
    // Verify before appending: a truncated log would otherwise look whole again after the next row.
    const audit = vault.verifyAudit();
    if (!audit.ok) vault.recordAudit('audit-failure');
    vault.auditKeyFile(body); // a passphrase change a crash left unaudited
    vault.recordAudit(typeof secret === 'string' ? 'unlock' : 'unlock-key-protector');
    const retention = options.retentionDays === undefined ? [] : await vault.purgeExpiredCases({ retentionDays: options.retentionDays });
    const contentTypes = await vault.redetectContentTypes(); // after the purge: purged files need no new type
    return { vault, report: { sweep, audit, retention, contentTypes } };
  } catch (err) {
    // The caller never gets this vault: close the database and zero its keys here, or they leak.
    vault.lock();
    throw err;
  }
}

/**
 * The database key for a vault, from its passphrase. For diagnostics and tests that must open the
 * raw database (e.g. to prove tampering is detected); not part of the public surface.
 */
export async function deriveDatabaseKey(dir: string, passphrase: string): Promise<Buffer> {
  const body = await readKeyFile(dir);
  const master = await unwrapWithPassphrase(body, passphrase);
  if (!master) throw vaultErrors.wrongPassphrase();
  try {
    return deriveSubkey(master, body.vaultId, 'database');
  } finally {
    master.fill(0);
  }
}

export class Vault {
  #db: VaultDb | null;
  #masterKey: Buffer | null;
  #caseWrapKey: Buffer | null;
  #auditKey: Buffer | null;
  readonly #caseKeys = new Map<number, Buffer>();
  readonly #openReaders = new Set<BlobReader>();
  readonly #dbReaders = new Set<VaultReader>();
  readonly #blobsDir: string;
  #sync: SyncStore | undefined;
  #casework: CaseworkStore | undefined;
  /** The retention purge in flight: overlapping calls (timer, unlock) share it rather than purge the same case twice. */
  #purging: Promise<PurgeReport[]> | null = null;

  /** @internal use createVault / unlockVault */
  constructor(readonly dir: string, readonly vaultId: string, masterKey: Buffer, db: VaultDb, readonly actor: string, private readonly now: () => Date) {
    this.#db = db;
    this.#masterKey = masterKey;
    this.#caseWrapKey = deriveSubkey(masterKey, vaultId, 'case-key-wrap');
    this.#auditKey = deriveSubkey(masterKey, vaultId, 'audit-chain');
    this.#blobsDir = path.join(dir, BLOBS_DIR);
  }

  get isLocked(): boolean {
    return this.#db === null;
  }

  private get db(): VaultDb {
    if (this.#db === null) throw vaultErrors.locked();
    return this.#db;
  }

  private keys(): { master: Buffer; caseWrap: Buffer; audit: Buffer } {
    if (!this.#masterKey || !this.#caseWrapKey || !this.#auditKey) throw vaultErrors.locked();
    return { master: this.#masterKey, caseWrap: this.#caseWrapKey, audit: this.#auditKey };
  }

  private caseKey(caseId: number): Buffer {
    const cached = this.#caseKeys.get(caseId);
    if (cached) return cached;
    const key = loadCaseKey(this.db, this.keys().caseWrap, caseId);
    this.#caseKeys.set(caseId, key);
    return key;
  }

  private nowIso(): string {
    return this.now().toISOString();
  }

  // ---- lock, keys -------------------------------------------------------------------------------

  /** Closes the database and zeroes every key. Idempotent. Open attachment streams fail from here on. */
  lock(): void {
    if (this.#db === null) return;
    try {
      this.recordAudit('lock');
    } catch { /* locking must never fail */ }
    for (const reader of this.#openReaders) void reader.close();
    this.#openReaders.clear();
    // Before the checkpoint: reads in flight fail with E_LOCKED and the worker closes its connection.
    for (const reader of [...this.#dbReaders]) reader.close();
    this.#dbReaders.clear();
    const db = this.#db;
    this.#db = null;
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch { /* best effort */ }
    db.close();
    for (const key of this.#caseKeys.values()) key.fill(0);
    this.#caseKeys.clear();
    for (const key of [this.#masterKey, this.#caseWrapKey, this.#auditKey]) key?.fill(0);
    this.#masterKey = this.#caseWrapKey = this.#auditKey = null;
  }

  /**
   * The case list and search in a worker thread on its own read-only connection (reader/vault-reader.ts),
   * keyed with the database key, which goes into the worker and nowhere else. lock() closes it.
   */
  openReader(options: { workerUrl?: URL | string } = {}): VaultReader {
    const { master } = this.keys();
    const reader: VaultReader = startVaultReader({
      dir: this.dir, dbKey: deriveSubkey(master, this.vaultId, 'database'), // zeroed by startVaultReader
      ...(options.workerUrl !== undefined ? { workerUrl: options.workerUrl } : {}),
      onClosed: () => this.#dbReaders.delete(reader),
    });
    this.#dbReaders.add(reader);
    return reader;
  }

  /** Rewraps the master key under a new passphrase; no data is re-encrypted. OS key-store wraps are kept. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    const { master } = this.keys();
    const body = await readKeyFile(this.dir);
    const check = await unwrapWithPassphrase(body, oldPassphrase);
    if (!check) throw vaultErrors.wrongPassphrase();
    const same = check.equals(master);
    check.fill(0);
    if (!same) throw vaultErrors.damaged('key file belongs to another vault');
    const wrap = await wrapWithPassphrase(master, body.vaultId, newPassphrase);
    this.auditKeyFile(body); // the wrap being replaced is the one on record
    const next: KeyFileBody = { ...body, wraps: [wrap, ...body.wraps.filter((w) => w.kind !== 'passphrase')] };
    await writeKeyFile(this.dir, next);
    // Not one commit with the rename: a crash here is caught up by the next unlock (passphrase-audit.ts).
    this.auditKeyFile(next);
  }

  /** @internal Audits the key file's passphrase wrap if the log has not seen it (see passphrase-audit.ts). */
  auditKeyFile(body: KeyFileBody): boolean {
    return auditPassphraseWrap(this.db, this.keys().audit, body, this.actor, this.now());
  }

  /** Adds (or replaces) a second wrap of the master key by an OS key store. */
  async addKeyProtector(protector: KeyProtector): Promise<void> {
    const { master } = this.keys();
    const availability = await protector.isAvailable();
    if (!availability.available) throw vaultErrors.protectorUnavailable(availability.reason);
    const blob = await protector.protect(Buffer.from(master));
    const body = await readKeyFile(this.dir);
    const others = body.wraps.filter((w) => !(w.kind === 'protector' && w.protectorId === protector.id));
    await writeKeyFile(this.dir, { ...body, wraps: [...others, { kind: 'protector', protectorId: protector.id, blob: blob.toString('base64') }] });
    this.recordAudit('key-protector-add');
  }

  async removeKeyProtector(protectorId: string): Promise<void> {
    this.keys();
    const body = await readKeyFile(this.dir);
    const kept = body.wraps.filter((w) => !(w.kind === 'protector' && w.protectorId === protectorId));
    if (kept.length === body.wraps.length) return; // nothing to remove, nothing to audit
    await writeKeyFile(this.dir, { ...body, wraps: kept });
    this.recordAudit('key-protector-remove');
  }

  /**
   * Runs synchronous vault calls as one transaction: all commit or none (sync stores a page of
   * messages at once; one fsync instead of one per row). Attachments are async and stay outside.
   */
  batch<T>(fn: (vault: this) => T): T {
    return this.db.transaction(() => fn(this))();
  }

  // ---- cases ------------------------------------------------------------------------------------

  /** Creates a case with its own key; idempotent on the offer number. Returns the case id. */
  createCase(input: NewCase): number {
    const c = parseInput(NewCaseSchema, input, vaultErrors.invalidInput);
    const db = this.db;
    const wrap = this.keys().caseWrap;
    return db.transaction(() => {
      const existing = cases.findCaseIdByOfferNumber(db, c.offerNumber);
      if (existing !== undefined) return existing;
      const id = cases.insertCase(db, { ...c, serverStatus: c.serverStatus ?? (c.status === 'open' ? 'open' : 'pending-documents') });
      createCaseKey(db, wrap, id).fill(0);
      return id;
    })();
  }

  getCase(caseId: number): CaseRecord {
    const c = cases.getCase(this.db, caseId);
    if (!c) throw vaultErrors.notFound('case', caseId);
    return c;
  }

  findCaseByOfferNumber(offerNumber: string): CaseRecord | undefined {
    const id = cases.findCaseIdByOfferNumber(this.db, offerNumber);
    return id === undefined ? undefined : cases.getCase(this.db, id);
  }

  listCases(): CaseRecord[] {
    return cases.listCases(this.db);
  }

  /** The case list with message and unread counts, newest activity first, without loading any message. */
  listCaseSummaries(): CaseSummary[] {
    return listCaseSummaries(this.db);
  }

  closeCase(caseId: number, closedAt: string = this.nowIso()): void {
    const input = parseInput(CloseCaseSchema, { caseId, closedAt }, vaultErrors.invalidInput);
    if (!cases.closeCase(this.db, input.caseId, input.closedAt)) throw vaultErrors.notFound('case', caseId);
  }

  /**
   * Records the server's status of a case that is not closed (closing goes through closeCase, which
   * starts the retention clock). Returns whether anything changed.
   */
  setServerStatus(caseId: number, serverStatus: Exclude<ServerCaseStatus, 'closed'>): boolean {
    const s = parseInput(ServerCaseStatusSchema.exclude(['closed']), serverStatus, vaultErrors.invalidInput);
    this.getCase(caseId);
    return cases.setServerStatus(this.db, caseId, s);
  }

  upsertParticipant(input: NewParticipant): number {
    return people.upsertParticipant(this.db, parseInput(NewParticipantSchema, input, vaultErrors.invalidInput));
  }

  listParticipants(caseId: number): ParticipantRecord[] {
    return people.listParticipants(this.db, caseId);
  }

  upsertThread(input: NewThread): number {
    const t = parseInput(NewThreadSchema, input, vaultErrors.invalidInput);
    this.getCase(t.caseId);
    return people.upsertThread(this.db, t);
  }

  listThreads(caseId: number): ThreadRecord[] {
    return people.listThreads(this.db, caseId);
  }

  // ---- messages ---------------------------------------------------------------------------------

  /** Stores a message; idempotent on the server id (sync may deliver twice). */
  insertMessage(input: NewMessage): { id: number; inserted: boolean } {
    const m = parseInput(NewMessageSchema, input, vaultErrors.invalidInput);
    const thread = people.getThread(this.db, m.threadId);
    if (!thread) throw vaultErrors.notFound('thread', m.threadId);
    return messages.insertMessage(this.db, thread.caseId, m);
  }

  getMessage(messageId: number): MessageRecord {
    const m = messages.getMessage(this.db, messageId);
    if (!m) throw vaultErrors.notFound('message', messageId);
    return m;
  }

  findMessageIdByServerId(serverId: string): number | undefined {
    return messages.findMessageIdByServerId(this.db, serverId);
  }

  /** The employee opened a case: every message, oldest first. Audited as a view. */
  openCase(caseId: number): { case: CaseRecord; threads: ThreadRecord[]; messages: MessageRecord[] } {
    const result = this.readCase(caseId);
    this.recordAudit('view', caseId);
    return result;
  }

  /**
   * The same read without an audit row: a refresh of a case already open after its data changed
   * (no user action). Anything the employee opens goes through openCase.
   */
  readCase(caseId: number): { case: CaseRecord; threads: ThreadRecord[]; messages: MessageRecord[] } {
    const c = this.getCase(caseId);
    return { case: c, threads: people.listThreads(this.db, caseId), messages: messages.listCaseMessages(this.db, caseId) };
  }

  listCaseMessages(caseId: number): MessageRecord[] {
    return messages.listCaseMessages(this.db, caseId);
  }

  listThreadMessages(threadId: number): MessageRecord[] {
    return messages.listThreadMessages(this.db, threadId);
  }

  setMessageRead(messageId: number, read: boolean): void {
    if (!messages.setMessageRead(this.db, messageId, read)) throw vaultErrors.notFound('message', messageId);
  }

  /** Marks every inbound message of the case read in one UPDATE; returns how many changed. */
  markCaseRead(caseId: number): number {
    this.getCase(caseId);
    return messages.markCaseRead(this.db, caseId);
  }

  search(input: SearchInput): SearchHit[] {
    const s = parseInput(SearchSchema, input, vaultErrors.invalidInput);
    return searchMessages(this.db, s.query, s.limit, s.caseId, s.order);
  }

  /** Cases by taxpayer name, offer number or TIN last four (see queries/case-search.ts). */
  searchCases(input: CaseSearchInput): CaseHit[] {
    const s = parseInput(CaseSearchSchema, input, vaultErrors.invalidInput);
    return searchCases(this.db, s.query, s.limit);
  }

  // ---- attachments ------------------------------------------------------------------------------

  /**
   * Streams an attachment into the blob store (encrypted with the case key), then records its row.
   * The blob is complete and durable before the row commits; a crash in between leaves an orphan
   * file that the next unlock removes. `source`: a stream (a download), or `{ path }` of a plain local
   * file the caller has validated, read straight into the writer's buffers (see writeBlob).
   */
  async addAttachment(input: NewAttachment, source: BlobSource): Promise<AttachmentRecord> {
    const a = parseInput(NewAttachmentSchema, input, vaultErrors.invalidInput);
    const message = this.getMessage(a.messageId);
    const caseKey = this.caseKey(message.caseId);
    const blobRef = newBlobRef();
    const written = await writeBlob({
      blobsDir: this.#blobsDir, blobRef, caseKey, source,
      maxBytes: a.maxBytes ?? INBOUND_MESSAGE_MAX_BYTES,
      ...(a.expectedSha256 === undefined ? {} : { expectedSha256: a.expectedSha256 }),
    });
    const row = {
      caseId: message.caseId, messageId: message.id, fileName: a.fileName, declaredType: a.declaredType,
      detectedType: sniffContent(written.head, a.fileName, written.tail).mimeType, size: written.size, sha256: written.sha256, blobRef,
      blocked: checkFileName(a.fileName).blocked,
    };
    let id: number;
    try {
      id = attachments.insertAttachment(this.db, row);
    } catch (err) {
      // Locked or purged meanwhile: the file must not outlive its row.
      await fs.rm(path.join(this.#blobsDir, blobRef), { force: true });
      throw err;
    }
    return { ...row, id, printed: false };
  }

  getAttachment(attachmentId: number): AttachmentRecord {
    const a = attachments.getAttachment(this.db, attachmentId);
    if (!a) throw vaultErrors.notFound('attachment', attachmentId);
    return a;
  }

  listAttachments(messageId: number): AttachmentRecord[] {
    return attachments.listMessageAttachments(this.db, messageId);
  }

  /** Opens an attachment for reading verified plaintext. Close the reader when done (lock closes it too). */
  async openAttachment(attachmentId: number): Promise<BlobReader> {
    const a = this.getAttachment(attachmentId);
    const reader = await openBlob({ blobsDir: this.#blobsDir, blobRef: a.blobRef, caseKey: this.caseKey(a.caseId), expectedSize: a.size });
    if (this.isLocked) {
      await reader.close();
      throw vaultErrors.locked();
    }
    return this.#track(reader);
  }

  /** Sniffs again the files queued by migration 008 (once per vault; see redetect-content-types.ts). */
  redetectContentTypes(): Promise<RedetectReport> {
    return redetectContentTypes({ db: this.db, openAttachment: (id) => this.openAttachment(id), openOutboxAttachment: (id) => this.sync.openOutboxAttachment(id) });
  }

  /** Registers an open reader so that lock() closes it; closing it unregisters it. */
  #track(reader: BlobReader): BlobReader {
    const tracked: BlobReader = {
      size: reader.size,
      range: (start, end) => reader.range(start, end),
      close: async () => { this.#openReaders.delete(tracked); await reader.close(); },
    };
    this.#openReaders.add(tracked);
    return tracked;
  }

  /** A byte range [start, end) of an attachment as a stream (for previews that seek). Audited as a view. */
  async attachmentStream(attachmentId: number, range: { start?: number; end?: number } = {}): Promise<Readable> {
    const r = parseInput(RangeSchema, range, vaultErrors.invalidInput);
    const reader = await this.openAttachment(attachmentId);
    const start = r.start ?? 0;
    const end = r.end ?? reader.size;
    if (start > end || end > reader.size) {
      await reader.close();
      throw vaultErrors.rangeOutOfBounds(start, end, reader.size);
    }
    this.recordAudit('view', this.getAttachment(attachmentId).caseId);
    return blobStream(reader, start, end);
  }

  /**
   * Reads a range into memory (small ranges only, e.g. a preview page). A preview reads the file in
   * slices from offset 0, so the slice at 0 is audited as one view; later slices are not (one row
   * per slice would flood the log).
   */
  async readAttachmentRange(attachmentId: number, start: number, end: number): Promise<Buffer> {
    if (end - start > 64 * 1024 * 1024) throw vaultErrors.invalidInput('range larger than 64 MiB; use attachmentStream');
    const reader = await this.openAttachment(attachmentId);
    try {
      const bytes = await readRangeInto(reader, start, end);
      if (start === 0) this.recordAudit('view', this.getAttachment(attachmentId).caseId);
      return bytes;
    } finally {
      await reader.close();
    }
  }

  /**
   * Lets another thread (the print worker) decrypt one attachment: its blob path, size and per-blob
   * key, never the case key. Refuses blocked attachments. Zero or transfer `key` when done.
   */
  async grantBlobRead(attachmentId: number): Promise<BlobReadGrant> {
    const a = this.getAttachment(attachmentId);
    if (a.blocked) {
      throw new AppError('E_BLOCKED_FILE_TYPE', 'This attachment has a blocked file type and cannot be opened. Ask the sender for a PDF or image.', { attachmentId });
    }
    const grant = await grantBlobRead(this.#blobsDir, a.blobRef, this.caseKey(a.caseId), a.size);
    if (this.isLocked) {
      grant.key.fill(0);
      throw vaultErrors.locked();
    }
    return grant;
  }

  /**
   * A finished print package: the included attachments are marked printed, the package (scope, volume
   * files and SHA-256s, for Appeals readiness and the transfer) is recorded and one 'print' is
   * audited, in one transaction.
   */
  recordPrint(caseId: number, printedAttachmentIds: readonly number[], builtPackage?: PrintPackageRecord): void {
    const db = this.db;
    this.getCase(caseId);
    db.transaction(() => {
      for (const id of printedAttachmentIds) {
        const a = attachments.getAttachment(db, id);
        if (!a || a.caseId !== caseId) throw vaultErrors.notFound('attachment', id);
        attachments.setAttachmentPrinted(db, id);
      }
      if (builtPackage !== undefined) this.casework.insertPackage(caseId, builtPackage);
      this.recordAudit('print', caseId);
    })();
  }

  markPrinted(attachmentId: number): void {
    const a = this.getAttachment(attachmentId);
    attachments.setAttachmentPrinted(this.db, attachmentId);
    this.recordAudit('print', a.caseId);
  }

  /**
   * Writes the decrypted attachment to `requestedPath` inside the SBU folder (relative to it or
   * absolute within it). Refuses blocked file types and paths outside the folder. Audited.
   */
  async exportAttachment(attachmentId: number, sbuFolder: string, requestedPath: string, opts: { overwrite?: boolean } = {}): Promise<ExportResult> {
    const a = this.getAttachment(attachmentId);
    if (a.blocked) {
      throw new AppError('E_BLOCKED_FILE_TYPE', 'This attachment has a blocked file type and cannot be saved. Ask the sender for a PDF or image.', { attachmentId });
    }
    const reader = await this.openAttachment(attachmentId);
    try {
      const result = await exportBlob(reader, a.sha256, sbuFolder, requestedPath, opts.overwrite ?? false);
      this.recordAudit('export', a.caseId);
      return result;
    } finally {
      await reader.close();
    }
  }

  // ---- sync state (server ids, announced attachments, refresh token, files of queued replies) -----

  /** Sync's own state; see sync-store.ts. Fails with E_LOCKED once the vault is locked. */
  get sync(): SyncStore {
    return this.#sync ??= new SyncStore({
      db: () => this.db,
      caseKey: (caseId) => this.caseKey(caseId),
      blobsDir: this.#blobsDir,
      now: () => this.nowIso(),
      track: (reader) => this.#track(reader),
      updateOutbox: (u) => this.updateOutbox(u),
    });
  }

  /** Document requests, print packages and transfers to Appeals; see casework-store.ts. Fails with E_LOCKED once locked. */
  get casework(): CaseworkStore {
    return this.#casework ??= new CaseworkStore({
      db: () => this.db,
      now: () => this.nowIso(),
      audit: (event, caseId, detail) => this.recordAudit(event, caseId, detail),
    });
  }

  // ---- drafts, outbox, sync cursors -------------------------------------------------------------

  saveDraft(input: SaveDraft): number {
    const d = parseInput(SaveDraftSchema, input, vaultErrors.invalidInput);
    // Checked here, not left to the foreign keys: a missing case or thread is "not found" (not an
    // internal error), and a thread of another case must never carry this case's draft.
    if (!cases.getCase(this.db, d.caseId)) throw vaultErrors.notFound('case', d.caseId);
    if (d.threadId !== null) {
      const thread = people.getThread(this.db, d.threadId);
      if (!thread || thread.caseId !== d.caseId) throw vaultErrors.notFound('thread', d.threadId);
    }
    const id = outbox.saveDraft(this.db, d, this.nowIso());
    if (id === undefined) throw vaultErrors.notFound('draft', d.id ?? 0);
    return id;
  }

  listDrafts(caseId: number): DraftRecord[] {
    return outbox.listDrafts(this.db, caseId);
  }

  deleteDraft(draftId: number): void {
    outbox.deleteDraft(this.db, draftId);
  }

  enqueueOutbox(input: EnqueueOutbox): number {
    return outbox.enqueueOutbox(this.db, parseInput(EnqueueOutboxSchema, input, vaultErrors.invalidInput), this.nowIso());
  }

  listOutbox(state?: OutboxRecord['state']): OutboxRecord[] {
    return outbox.listOutbox(this.db, state);
  }

  /** Moves an outbox item along; reaching 'sent' is audited as a send. */
  updateOutbox(input: UpdateOutbox): void {
    const u = parseInput(UpdateOutboxSchema, input, vaultErrors.invalidInput);
    const item = outbox.getOutbox(this.db, u.id);
    if (!item) throw vaultErrors.notFound('outbox item', u.id);
    this.db.transaction(() => {
      outbox.updateOutbox(this.db, u.id, u.state, u.lastErrorCode, this.nowIso());
      if (u.state === 'sent' && item.state !== 'sent') this.recordAudit('send', item.caseId);
    })();
  }

  /** Gives a new-thread item the thread the server created for it (same case only; once). */
  setOutboxThread(outboxId: number, threadId: number): void {
    const ids = parseInput(z.object({ outboxId: z.number().int().positive(), threadId: z.number().int().positive() }).strict(),
      { outboxId, threadId }, vaultErrors.invalidInput);
    const item = outbox.getOutbox(this.db, ids.outboxId);
    if (!item) throw vaultErrors.notFound('outbox item', ids.outboxId);
    const thread = people.getThread(this.db, ids.threadId);
    if (!thread || thread.caseId !== item.caseId) throw vaultErrors.notFound('thread', ids.threadId);
    if (item.threadId === ids.threadId) return;
    if (!outbox.setOutboxThread(this.db, ids.outboxId, ids.threadId, this.nowIso())) throw vaultErrors.notFound('outbox item without a thread', ids.outboxId);
  }

  getSyncCursor(name: string): string | undefined {
    return outbox.getSyncCursor(this.db, parseInput(CursorNameSchema, name, vaultErrors.invalidInput));
  }

  setSyncCursor(name: string, value: string): void {
    outbox.setSyncCursor(this.db, parseInput(CursorNameSchema, name, vaultErrors.invalidInput),
      parseInput(CursorValueSchema, value, vaultErrors.invalidInput), this.nowIso());
  }

  // ---- audit ------------------------------------------------------------------------------------

  /** Appends an audit row (the IPC layer records views and prints it performs itself). */
  recordAudit(event: AuditEvent, caseId: number | null = null, detail: string | null = null): void {
    const e = parseInput(AuditEventSchema, event, vaultErrors.invalidInput);
    const d = parseInput(z.string().max(8000).nullable(), detail, vaultErrors.invalidInput);
    appendAudit(this.db, this.keys().audit, e, caseId, this.actor, this.now(), d);
  }

  verifyAudit(): AuditVerdict {
    return verifyAudit(this.db, this.keys().audit);
  }

  listAudit(limit?: number): AuditEntry[] {
    return listAudit(this.db, limit);
  }

  // ---- purge, retention, sweep ------------------------------------------------------------------

  /**
   * Deletes a case: its rows (cascade), its key (crypto-shredding its files) and its blob files.
   * Rows and key go in one transaction first; files after. A crash in between leaves undecryptable
   * orphan files that the next unlock sweeps.
   */
  async purgeCase(caseId: number, opts: { compact?: boolean } = {}): Promise<PurgeReport> {
    const db = this.db;
    if (!cases.getCase(db, caseId)) throw vaultErrors.notFound('case', caseId);
    const refs = attachments.listCaseBlobRefs(db, caseId);
    const counts = db.transaction(() => {
      const m = (db.prepare('SELECT count(*) AS n FROM messages WHERE case_id = ?').get(caseId) as { n: number }).n;
      const a = (db.prepare('SELECT count(*) AS n FROM attachments WHERE case_id = ?').get(caseId) as { n: number }).n;
      db.prepare('DELETE FROM cases WHERE id = ?').run(caseId);
      this.recordAudit('purge', caseId);
      return { m, a };
    })();
    const key = this.#caseKeys.get(caseId);
    key?.fill(0);
    this.#caseKeys.delete(caseId);
    let deleted = 0;
    for (const ref of refs) {
      try {
        await fs.rm(path.join(this.#blobsDir, ref));
        deleted += 1;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    if (opts.compact ?? true) this.compactAfterPurge();
    return { caseId, messages: counts.m, attachments: counts.a, blobFilesDeleted: deleted, keyDestroyed: !caseKeyExists(db, caseId) };
  }

  /**
   * Empties the WAL after a purge, so the purged rows' old page images do not linger in it. (Freed
   * pages are zeroed by secure_delete; the search index drops terms at once through FTS5 secure-delete.)
   */
  private compactAfterPurge(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * Purges every case closed more than `retentionDays` days ago, and every case transferred to Appeals
   * more than `retentionDays` days ago (its newest transfer), crypto-shredded the same way.
   */
  async purgeExpiredCases(input: { retentionDays: number; now?: Date }): Promise<PurgeReport[]> {
    const r = parseInput(RetentionSchema, input, vaultErrors.invalidInput);
    const previous = this.#purging;
    const run = (async () => {
      await previous?.catch(() => undefined); // one run at a time: the next one sees what the last removed
      const now = r.now ?? this.now();
      const cutoff = new Date(now.getTime() - r.retentionDays * 86_400_000).toISOString();
      const expired = new Set([...cases.caseIdsClosedBefore(this.db, cutoff), ...this.casework.caseIdsTransferredBefore(cutoff)]);
      const reports: PurgeReport[] = [];
      for (const id of [...expired].sort((a, b) => a - b)) {
        // Gone meanwhile (the employee purged it during an await): nothing left to shred.
        if (!this.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(id)) continue;
        reports.push(await this.purgeCase(id, { compact: false }));
      }
      if (reports.length > 0) this.compactAfterPurge();
      return reports;
    })();
    this.#purging = run;
    try {
      return await run;
    } finally {
      if (this.#purging === run) this.#purging = null;
    }
  }

  /** @internal run by unlockVault */
  async sweep(sbuFolder?: string): Promise<SweepReport> {
    const db = this.db;
    const exportTemp = sbuFolder === undefined ? undefined : await exportTempDirOf(sbuFolder).catch(() => undefined);
    return sweepVaultFiles(this.dir, this.#blobsDir, (ref) => attachments.blobRefExists(db, ref), exportTemp);
  }

  /** Runs SQLite's integrity check (for diagnostics and tests). */
  integrityCheck(): string {
    return this.db.pragma('integrity_check', { simple: true }) as string;
  }
}
