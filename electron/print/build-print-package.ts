/**
 * Builds the labelled, indexed PDF package of one message or a whole case.
 *
 * Order: cover sheet and index, then each message followed by its attachments. Every page is stamped
 * with its label, `Page n of N`, the running set number and the SBU marking once the numbering is
 * known. A single volume is built in one pass (the index is laid out first with dummy numbers to
 * know its page count, and inserted at the front at the end). When the set is split into volumes,
 * a counting pass renders each item into a throw-away document first, so volume 1 can carry the page
 * ranges of every volume while only one volume (plus one attachment) is ever in memory. Progress is
 * reported after every item and, inside an item, as its pages are added.
 */
import { ZodError } from 'zod';
import { AppError } from '../../shared/errors';
import { faxLabel, shortMessageId } from '../../shared/fax-label';
import { loadFontFiles, type FontFiles } from './doc-fonts';
import { commitAll, discardAll, newPackageId, packageFileName, reserveOutput, type PendingFile } from './package-files';
import { PrintOptionsSchema, type PrintOptions, type PrintOptionsInput } from './print-options';
import type { ItemStatus, PrintItemRecord, PrintPackageResult, PrintProgress, PrintVolumeRecord } from './print-result';
import { validatePrintSet, type PrintAttachment, type PrintSet, type PrintSetMessage } from './print-set';
import { renderAttachment, type FractionHook } from './render-attachment';
import { renderCoverAndIndex, renderVolumeCover, type CoverModel } from './render-cover-index';
import { renderMessage } from './render-message';
import { VolumeDoc } from './volume-doc';
import { plannedAttachmentBytes, planVolumes } from './volume-plan';

export interface BuildHooks {
  onProgress?: (progress: PrintProgress) => void;
  signal?: AbortSignal;
}

type Item =
  | { kind: 'message'; msgIndex: number; message: PrintSetMessage; label: string }
  | { kind: 'attachment'; msgIndex: number; message: PrintSetMessage; att: PrintAttachment; label: string };

interface Outcome { pages: number; status: ItemStatus; reason?: string }

/** Approximate bytes a message page adds, for volume planning. */
const messageBytes = (m: PrintSetMessage) => 4096 + m.body.length * 2;

export async function buildPrintPackage(set: PrintSet, optionsInput: PrintOptionsInput, hooks: BuildHooks = {}): Promise<PrintPackageResult> {
  const { options, messages } = validate(set, optionsInput);
  const { signal } = hooks;
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const fonts = loadFontFiles(options.fontDir);

  const items: Item[] = messages.flatMap((message, msgIndex) => {
    const label = faxLabel(message.direction, message.serverReceivedAt, message.serverId);
    return [{ kind: 'message' as const, msgIndex, message, label },
      ...message.attachments.map((att) => ({ kind: 'attachment' as const, msgIndex, message, att, label }))];
  });
  const plan = planVolumes(items.map((it) => (it.kind === 'message' ? messageBytes(it.message) : plannedAttachmentBytes(it.att, options))), options.maxVolumeBytes);
  const volumeCount = plan.length;
  const packageId = options.packageId ?? newPackageId();
  const setNumber = (page: number) => `${options.setPrefix}-${String(options.setStart + page - 1).padStart(6, '0')}`;

  const coverModel: CoverModel = {
    caseHeader: set.caseHeader,
    generatedBy: options.generatedBy,
    generatedAt,
    scopeText: options.scope.kind === 'case'
      ? `Whole case: ${messages.length} message${messages.length === 1 ? '' : 's'}, ${items.length - messages.length} attachment${items.length - messages.length === 1 ? '' : 's'}, in server order`
      : `One message: MSG ${shortMessageId(options.scope.serverId)} with ${items.length - 1} attachment${items.length === 2 ? '' : 's'}`,
    messages,
    documentRequests: options.scope.kind === 'case' ? set.documentRequests : undefined,
    items: null,
    volumes: null,
    volumeCount,
    setNumber,
  };
  const progress: PrintProgress = { phase: 'building', itemsDone: 0, itemsTotal: items.length, pagesDone: 0, itemPagesDone: 0, itemFraction: 0, volume: 1, volumes: volumeCount };
  const report = () => hooks.onProgress?.({ ...progress });
  /** Renders one item into `vol`, reporting its pages as they are added (so the bar moves inside a long item). */
  const renderTracked = async (vol: VolumeDoc, item: Item): Promise<Outcome> => {
    const start = vol.pageCount;
    const update = (fraction?: number) => {
      const pages = Math.max(progress.itemPagesDone, vol.pageCount - start);
      const f = fraction === undefined ? progress.itemFraction : Math.max(progress.itemFraction, Math.min(1, fraction));
      // Only forward, and not for every sliver of a fraction.
      if (pages === progress.itemPagesDone && f < progress.itemFraction + 0.01) return;
      progress.itemPagesDone = pages;
      progress.itemFraction = f;
      report();
    };
    vol.onPageAdded = () => update();
    try {
      return await renderItem(vol, item, messages.length, options, signal, update);
    } finally {
      vol.onPageAdded = null;
      progress.itemPagesDone = 0;
      progress.itemFraction = 0;
    }
  };

  const pending: PendingFile[] = [];
  try {
    // Check the destination before any work: refused paths fail fast.
    for (let v = 0; v < volumeCount; v++) pending.push(await reserveOutput(options.sbuFolder, options.subfolder, packageFileName({ packageId, generatedAt, taxpayerName: set.caseHeader.taxpayerDisplayName, scope: options.scope.kind, volume: v + 1, volumes: volumeCount })));

    // Index page count, from a layout with dummy numbers (row heights do not depend on them).
    const coverPages = await countPages(fonts, (vol) => renderCoverAndIndex(vol, coverModel, 0));

    // Multi-volume sets: count every item's pages first, so volume 1's index is complete.
    let counted: Outcome[] | null = null;
    if (volumeCount > 1) {
      progress.phase = 'counting';
      counted = [];
      for (const item of items) {
        signal?.throwIfAborted();
        let outcome: Outcome | undefined;
        await countPages(fonts, async (vol) => { outcome = await renderTracked(vol, item); return outcome.pages; });
        counted.push(outcome!);
        progress.itemsDone++;
        report();
      }
      progress.itemsDone = 0;
    }

    const records: PrintItemRecord[] = [];
    const volumes: PrintVolumeRecord[] = [];
    // Page numbers of each volume, when known in advance (counting pass).
    const volumePages = counted ? plan.map((idx, v) => (v === 0 ? coverPages : 1) + idx.reduce((s, i) => s + counted![i]!.pages, 0)) : null;
    const totalKnown = volumePages?.reduce((a, b) => a + b, 0);
    if (counted && volumePages) {
      let page = 1;
      plan.forEach((idx, v) => {
        page += v === 0 ? coverPages : 1;
        for (const i of idx) {
          const c = counted![i]!;
          records.push(record(items[i]!, c, page, v + 1));
          page += c.pages;
        }
      });
      coverModel.items = records;
      let first = 1;
      coverModel.volumes = volumePages.map((n) => { const v = { firstPage: first, lastPage: first + n - 1, firstSetNumber: setNumber(first), lastSetNumber: setNumber(first + n - 1) }; first += n; return v; });
    }

    progress.phase = 'building';
    let firstPageOfVolume = 1;
    for (let v = 0; v < volumeCount; v++) {
      signal?.throwIfAborted();
      progress.volume = v + 1;
      const vol = await VolumeDoc.create(fonts);
      if (v > 0) await renderVolumeCover(vol, v + 1, volumeCount, firstPageOfVolume, firstPageOfVolume + volumePages![v]! - 1);
      let page = firstPageOfVolume + (v === 0 ? coverPages : 1);
      for (const i of plan[v]!) {
        signal?.throwIfAborted();
        const item = items[i]!;
        const outcome = await renderTracked(vol, item);
        if (counted && counted[i]!.pages !== outcome.pages) {
          throw new AppError('E_PRINT_SOURCE_CHANGED', 'An attachment changed while the package was being built. Build the package again.');
        }
        if (!counted) records.push(record(item, outcome, page, v + 1));
        page += outcome.pages;
        progress.itemsDone++;
        progress.pagesDone += outcome.pages;
        report();
      }
      if (v === 0) {
        if (!counted) {
          coverModel.items = records;
          const n = vol.pageCount + coverPages;
          coverModel.volumes = [{ firstPage: 1, lastPage: n, firstSetNumber: setNumber(1), lastSetNumber: setNumber(n) }];
        }
        const drawn = await renderCoverAndIndex(vol, coverModel, 0);
        if (drawn !== coverPages) throw new Error(`internal: index took ${drawn} pages, planned ${coverPages}`);
      }
      const total = totalKnown ?? vol.pageCount;
      for (let p = 0; p < vol.pageCount; p++) {
        const pageNumber = firstPageOfVolume + p;
        vol.stamp(p, { pageNumber, totalPages: total, setNumber: setNumber(pageNumber), volume: { index: v + 1, count: volumeCount }, sbuMarking: options.sbuMarking });
      }
      signal?.throwIfAborted();
      progress.phase = 'saving';
      report();
      const file = pending[v]!;
      const written = await vol.writeTo(file.tempPath);
      const last = firstPageOfVolume + vol.pageCount - 1;
      volumes.push({
        path: file.finalPath, sha256: written.sha256, bytes: written.bytes, pages: vol.pageCount,
        firstPage: firstPageOfVolume, lastPage: last, firstSetNumber: setNumber(firstPageOfVolume), lastSetNumber: setNumber(last),
      });
      firstPageOfVolume = last + 1;
      progress.phase = 'building';
    }
    signal?.throwIfAborted();
    await commitAll(pending);
    return { packageId, scope: options.scope, generatedAt, totalPages: firstPageOfVolume - 1, volumes, items: records };
  } catch (err) {
    await discardAll(pending);
    if (signal?.aborted) throw new AppError('E_PRINT_CANCELLED', 'The print package was cancelled; no file was saved.');
    throw err;
  }
}

function validate(set: PrintSet, optionsInput: PrintOptionsInput): { options: PrintOptions; messages: PrintSetMessage[] } {
  let options: PrintOptions;
  try {
    validatePrintSet(set);
    options = PrintOptionsSchema.parse(optionsInput);
  } catch (err) {
    if (err instanceof ZodError) {
      throw new AppError('E_PRINT_INVALID_INPUT', 'The print request is incomplete or malformed. Reload the case and try again.',
        { issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    throw err;
  }
  if (options.scope.kind === 'case') return { options, messages: set.messages };
  const serverId = options.scope.serverId;
  const one = set.messages.filter((m) => m.serverId === serverId);
  if (one.length === 0) throw new AppError('E_PRINT_MESSAGE_NOT_FOUND', 'The message to print is not in this case. Reload the case and try again.');
  return { options, messages: one };
}

function record(item: Item, outcome: Outcome, firstPage: number, volume: number): PrintItemRecord {
  const r: PrintItemRecord = {
    kind: item.kind, messageServerId: item.message.serverId, status: outcome.status,
    firstPage, lastPage: firstPage + outcome.pages - 1, volume,
  };
  if (item.kind === 'attachment') r.attachmentSha256 = item.att.sha256;
  if (outcome.reason !== undefined) r.reason = outcome.reason;
  return r;
}

async function renderItem(vol: VolumeDoc, item: Item, messageCount: number, options: PrintOptions, signal: AbortSignal | undefined, onFraction: FractionHook): Promise<Outcome> {
  if (item.kind === 'message') {
    return { pages: await renderMessage(vol, item.label, item.message, item.message.attachments, { index: item.msgIndex + 1, count: messageCount }), status: 'included' };
  }
  return renderAttachment(vol, item.label, item.att, options, signal, onFraction);
}

/** Renders into a throw-away document and returns how many pages it took. */
async function countPages(fonts: FontFiles, render: (vol: VolumeDoc) => Promise<number>): Promise<number> {
  const scratch = await VolumeDoc.create(fonts);
  return render(scratch);
}
