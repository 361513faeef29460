/**
 * The print service the IPC layer calls: one message or a whole case from the open vault becomes a
 * labelled package in the SBU folder, built in the print worker so the main process stays free.
 *
 * The worker decrypts the attachments itself: for each stored file the main thread derives only its
 * per-blob key (vault.grantBlobRead: one 40-byte header read and one HKDF), and the keys are
 * transferred — not copied — into the worker, which zeroes them when the job ends; the main thread
 * zeroes any it still holds. No plaintext is written anywhere but the finished package.
 *
 * A finished package is recorded in the vault in one transaction: the attachments actually printed
 * are marked printed and one 'print' audit row is appended. If the vault was locked meanwhile, the
 * record cannot be written, so the package is removed and E_LOCKED reported: no unaudited print.
 * One build at a time (E_BUSY); cancelling leaves no file and records nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { AppError, isAppError } from '../../shared/errors';
import type { AttachmentSlice } from '../../shared/ipc/workspace-schemas';
import type { Vault } from '../vault';
import { createBuiltPackages } from './built-packages';
import type { PrintOptionsInput } from './print-options';
import { ItemStatusSchema, type PrintPackageResult, type PrintProgress } from './print-result';
import type { PrintSetData } from './print-set';
import { buildPrintPackageInWorker } from './print-worker-host';
import { machineTimeZone } from '../casework/deadline-zone';
import { vaultPrintSet, VaultPrintScopeSchema, type PrintEmployee, type VaultPrintScope } from './vault-print-set';
import { zeroVaultBlobKeys } from './vault-blob-opener';

export interface PrintServiceOptions {
  /** The open vault; throws E_LOCKED when locked. */
  session: () => Vault;
  /** The policy's SBU folder (a function when the policy can change while the app runs). */
  sbuFolder: string | (() => string);
  setPrefix: string;
  sbuMarking: string;
  /** The signed-in account (sync): display name and e-Gain ID; null/undefined when signed out. */
  employee?: () => PrintEmployee | null | undefined;
  fontDir?: string;
  /** The bundled worker entry in Electron (`print-worker?modulePath`); the .ts source under tsx/vitest. */
  workerUrl?: URL | string;
  subfolder?: string;
  /** A package was recorded (attachments marked printed): e.g. tell the renderer (data.changed). */
  onPrinted?: (caseId: number) => void;
  maxVolumeBytes?: number;
  maxHeapMb?: number;
  /** Reveals a file in the system file manager (Electron's shell.showItemInFolder, from the glue). Absent: "Show in folder" is unavailable. */
  showItemInFolder?: (absolutePath: string) => void;
  /** The app's clock (injected in tests): judges the request items on the Appeals cover (overdue or not). */
  now?: () => Date;
  /** The zone "today" is counted in for those items (the casework service's); default the machine's. */
  timeZone?: string;
}

export interface PrintBuildHooks {
  onProgress?: (progress: PrintProgress) => void;
  signal?: AbortSignal;
}

export const PrintServiceResultSchema = z.object({
  packageId: z.string(),
  generatedAt: z.string(),
  scope: VaultPrintScopeSchema,
  /** File names (no folder) inside the SBU folder, in volume order; no TIN and no offer number. */
  files: z.array(z.string()),
  totalPages: z.number().int(),
  volumes: z.array(z.object({
    file: z.string(), sha256: z.string(), bytes: z.number().int(), pages: z.number().int(),
    firstPage: z.number().int(), lastPage: z.number().int(), firstSetNumber: z.string(), lastSetNumber: z.string(),
  })),
  /** Every attachment of the set in order, with what happened to it. attachmentId is null for files not stored in the vault. */
  attachments: z.array(z.object({
    attachmentId: z.number().int().nullable(),
    sha256: z.string(),
    status: ItemStatusSchema,
    reason: z.string().optional(),
    firstPage: z.number().int(),
    lastPage: z.number().int(),
    volume: z.number().int(),
  })),
  /** The attachments marked printed in the vault (stored, and status included or cut). */
  printedAttachmentIds: z.array(z.number().int()),
});
export type PrintServiceResult = z.infer<typeof PrintServiceResultSchema>;

export interface PrintService {
  build(scope: VaultPrintScope, hooks?: PrintBuildHooks): Promise<PrintServiceResult>;
  /** Cancels the running build, if any (e.g. from the vault session's beforeLock): no file, nothing recorded. */
  cancel(): Promise<void>;
  /** Absolute paths of the last finished package's volumes, for the printer glue (printVolumes). */
  lastFiles(): string[];
  /** A slice of a package this session built, by its file name (for the in-app PDF viewer). */
  readPackage(fileName: string, offset: number, length: number): Promise<AttachmentSlice>;
  /** Reveals a package this session built in the file manager; false when no file manager can be reached. */
  showInFolder(fileName: string): Promise<{ shown: boolean }>;
  /** Forgets the packages built so far (before the vault locks): after a lock, none can be opened from here. */
  forgetPackages(): void;
  readonly busy: boolean;
}

export function createPrintService(options: PrintServiceOptions): PrintService {
  let running = false;
  let current: AbortController | null = null;
  /** The running build, so a cancel (e.g. before the vault locks) can wait until its keys are gone. */
  let currentBuild: Promise<unknown> | null = null;
  let last: string[] = [];
  const sbuFolder = () => (typeof options.sbuFolder === 'function' ? options.sbuFolder() : options.sbuFolder);
  const built = createBuiltPackages(sbuFolder);

  async function build(scope: VaultPrintScope, hooks: PrintBuildHooks = {}): Promise<PrintServiceResult> {
    if (running) throw new AppError('E_BUSY', 'A print package is already being built. Wait for it to finish or cancel it, then try again.');
    running = true;
    const own = new AbortController();
    current = own;
    const signal = hooks.signal ? AbortSignal.any([hooks.signal, own.signal]) : own.signal;
    try {
      // The set is read in a turn of its own, and the grants in another: read cold (the day's first
      // print: statements prepared, schemas and time zones first used), the set alone took the main
      // thread 12-24 ms on a loaded 2-core machine, and with the request's check and the grants in
      // the same turn 25-36 ms, the largest stall of a working day (responsiveness bench).
      await nextTurn();
      if (signal.aborted) throw new AppError('E_PRINT_CANCELLED', 'The print package was cancelled; no file was saved.');
      const vault = options.session();
      const employee = options.employee?.() ?? null;
      // What the set holds is read here, in one synchronous pass: the package's basis is this moment, not its end.
      const { data, basis } = vaultPrintSet(vault, scope, employee, options.now?.() ?? new Date(), options.timeZone ?? machineTimeZone());
      const caseId = scope.kind === 'case' ? scope.caseId : vault.getMessage(scope.messageId).caseId;
      await nextTurn();
      if (signal.aborted) throw new AppError('E_PRINT_CANCELLED', 'The print package was cancelled; no file was saved.'); // before any key is granted
      const withGrants = await attachGrants(vault, data);
      const builderOptions: PrintOptionsInput = {
        scope: scope.kind === 'case' ? { kind: 'case' } : { kind: 'message', serverId: data.messages[0]!.serverId },
        sbuFolder: sbuFolder(),
        generatedBy: data.caseHeader.employeeName,
        sbuMarking: options.sbuMarking,
        setPrefix: options.setPrefix,
        ...(options.subfolder === undefined ? {} : { subfolder: options.subfolder }),
        ...(options.fontDir === undefined ? {} : { fontDir: options.fontDir }),
        ...(options.maxVolumeBytes === undefined ? {} : { maxVolumeBytes: options.maxVolumeBytes }),
      };
      let result: PrintPackageResult;
      try {
        result = await buildPrintPackageInWorker(withGrants.set, builderOptions, {
          ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
          signal,
          ...(options.workerUrl === undefined ? {} : { workerUrl: options.workerUrl }),
          ...(options.maxHeapMb === undefined ? {} : { maxHeapMb: options.maxHeapMb }),
          transferList: withGrants.transfer,
        });
      } finally {
        // Transferred keys are detached already (no-op); keys of a request never posted are wiped here.
        zeroVaultBlobKeys(withGrants.set);
      }
      const paths = result.volumes.map((v) => v.path);
      if (signal.aborted) {
        // Cancelled (or the vault is locking) while the worker was finishing: keep nothing, record nothing.
        await Promise.all(paths.map((p) => fs.rm(p, { force: true })));
        throw new AppError('E_PRINT_CANCELLED', 'The print package was cancelled; no file was saved.');
      }
      const attachments = attachmentOutcomes(data, result);
      const printedAttachmentIds = attachments.filter((a) => a.attachmentId !== null && a.status !== 'placeholder').map((a) => a.attachmentId!);
      // (A withheld source always prints as a placeholder, so only decrypted files are ever marked.)
      try {
        options.session().recordPrint(caseId, printedAttachmentIds, { scope: scope.kind, volumes: result.volumes.map((v) => ({ file: path.basename(v.path), sha256: v.sha256 })), basis });
      } catch (err) {
        await Promise.all(paths.map((p) => fs.rm(p, { force: true })));
        throw err;
      }
      last = paths;
      built.remember(paths);
      options.onPrinted?.(caseId);
      return PrintServiceResultSchema.parse({
        packageId: result.packageId, generatedAt: result.generatedAt, scope,
        files: paths.map((p) => path.basename(p)), totalPages: result.totalPages,
        volumes: result.volumes.map(({ path: p, ...v }) => ({ file: path.basename(p), ...v })),
        attachments, printedAttachmentIds,
      });
    } finally {
      running = false;
      current = null;
    }
  }

  return {
    build(scope, hooks) {
      const started = build(scope, hooks);
      currentBuild = started;
      void started.finally(() => { if (currentBuild === started) currentBuild = null; }).catch(() => undefined);
      return started;
    },
    async cancel() {
      const building = currentBuild;
      current?.abort();
      await building?.catch(() => undefined);
    },
    lastFiles: () => [...last],
    readPackage: (fileName, offset, length) => built.readSlice(fileName, offset, length),
    async showInFolder(fileName) {
      const file = await built.resolve(fileName);
      if (!options.showItemInFolder) return { shown: false };
      options.showItemInFolder(file);
      return { shown: true };
    },
    forgetPackages() {
      built.forget();
      last = [];
    },
    get busy() { return running; },
  };
}

/**
 * Copies the set with a read grant on every vault-blob source. A blob whose header fails its checks
 * is listed as damaged (placeholder) instead of failing the whole package; any other error (locked)
 * wipes the grants made so far and propagates.
 */
async function attachGrants(vault: Vault, data: PrintSetData): Promise<{ set: PrintSetData; transfer: ArrayBuffer[] }> {
  const transfer: ArrayBuffer[] = [];
  const set: PrintSetData = { caseHeader: data.caseHeader, messages: [], ...(data.documentRequests ? { documentRequests: data.documentRequests } : {}) };
  try {
    for (const m of data.messages) {
      const attachments: PrintSetData['messages'][number]['attachments'] = [];
      set.messages.push({ ...m, attachments });
      for (const a of m.attachments) {
        if (a.source.kind !== 'vault-blob') { attachments.push(a); continue; }
        try {
          const grant = await vault.grantBlobRead(a.source.attachmentId);
          transfer.push(grant.key.buffer);
          attachments.push({ ...a, source: { kind: 'vault-blob', attachmentId: a.source.attachmentId, grant } });
        } catch (err) {
          if (!(isAppError(err) && err.code === 'E_BLOB_TAMPERED')) throw err;
          attachments.push({ ...a, source: { kind: 'withheld', reason: 'stored-copy-damaged', attachmentId: a.source.attachmentId } });
        }
      }
    }
  } catch (err) {
    zeroVaultBlobKeys(set);
    throw err;
  }
  return { set, transfer };
}

/** Pairs the builder's attachment records (in set order) with the vault attachment ids of the set. */
function attachmentOutcomes(data: PrintSetData, result: PrintPackageResult): PrintServiceResult['attachments'] {
  const metas = data.messages.flatMap((m) => m.attachments);
  const records = result.items.filter((i) => i.kind === 'attachment');
  if (records.length !== metas.length) throw new AppError('E_PRINT_FAILED', 'The print package does not match the requested messages. Build it again.');
  return records.map((r, i) => {
    const meta = metas[i]!;
    if (r.attachmentSha256 !== meta.sha256) throw new AppError('E_PRINT_FAILED', 'The print package does not match the requested messages. Build it again.');
    return {
      attachmentId: meta.source.kind === 'file' ? null : meta.source.attachmentId ?? null,
      sha256: meta.sha256,
      status: r.status,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
      firstPage: r.firstPage, lastPage: r.lastPage, volume: r.volume,
    };
  });
}
