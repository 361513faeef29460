/**
 * `attachments.renderPage`: a page of a stored image or TIFF, decoded in the main process into a
 * bounded PNG or JPEG for the reading pane (Chromium shows no TIFF, and a decompression bomb must not
 * reach the renderer). Only stored, non-blocked attachments whose detected type (the content sniffer's,
 * never the sender's name or type) is an image or TIFF are opened; blocked ones never are.
 *
 * The decrypted bytes come from the vault exactly as `attachments.read` gets them — a read from offset
 * 0, which the vault audits as one view — and are kept for the next pages of the same file (one entry,
 * dropped at lock or after a minute unused), so paging through a fax is one view and one decryption. Decodes run one at a time,
 * so memory is bounded by one page whatever the renderer asks for at once.
 */
import { AppError } from '../../shared/errors';
import { previewKindOf } from '../../shared/content-type/preview-kind';
import type { RenderedPage, RenderPageRequest } from '../../shared/ipc/preview-schemas';
import { PREVIEW_MAX_FILE_BYTES, PREVIEW_MAX_INPUT_PIXELS } from '../../shared/limits';
import type { Vault } from '../vault';
import { createDecryptedFileCache } from './decrypted-file-cache';
import { previewErrors } from './preview-errors';
import { renderImagePage } from './render-image-page';

export interface PreviewService {
  renderPage(request: RenderPageRequest): Promise<RenderedPage>;
  /** Forgets the decrypted file held for paging; call before the vault locks. */
  clear(): void;
  /** Decryptions so far (each one is also one audited view). */
  readonly loads: number;
}

export interface PreviewServiceOptions {
  maxInputPixels?: number;
  maxFileBytes?: number;
  /** How long the decrypted file is held after its last page (default 60 s). */
  idleMs?: number;
}

export function createPreviewService(session: { require(): Vault }, options: PreviewServiceOptions = {}): PreviewService {
  const maxInputPixels = options.maxInputPixels ?? PREVIEW_MAX_INPUT_PIXELS;
  const maxFileBytes = options.maxFileBytes ?? PREVIEW_MAX_FILE_BYTES;
  const cache = createDecryptedFileCache(options.idleMs);
  /** The decode in progress: the next one starts after it (one page in memory at a time). */
  let decoding: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = decoding.then(work, work);
    decoding = run.catch(() => undefined);
    return run;
  };

  return {
    async renderPage({ attachmentId, page, maxEdge }) {
      const vault = session.require();
      const a = vault.getAttachment(attachmentId);
      if (a.blocked) throw previewErrors.blocked();
      const kind = previewKindOf(a.detectedType);
      if (kind !== 'image' && kind !== 'tiff') throw previewErrors.notAnImage(a.detectedType);
      if (a.size > maxFileBytes) throw previewErrors.fileTooLarge(a.size, maxFileBytes);
      const rendered = await cache.with(vault, attachmentId,
        () => vault.readAttachmentRange(attachmentId, 0, a.size), // audited as one view, as attachments.read is
        (bytes) => oneAtATime(() => renderImagePage(bytes, { kind, page, maxEdge, maxInputPixels })));
      // Locked while decoding: the page is not handed out (require throws E_LOCKED; a vault unlocked again is another session).
      if (session.require() !== vault) throw new AppError('E_LOCKED', 'The vault was locked while the page was being prepared. Unlock it and open the file again.');
      return rendered;
    },
    clear: () => cache.clear(),
    get loads() { return cache.loads; },
  };
}
