/**
 * Turns serializable attachment sources into `open()` functions. The worker cannot receive functions,
 * so it receives `{ kind, ... }` descriptions and opens the bytes itself; each kind has an opener.
 * The print worker entry adds the vault's (`vault-blob`: decrypting stream, vault-blob-opener.ts).
 * `withheld` sources have no opener: they become placeholder pages with their reason, unopened.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { AttachmentSource, PrintSet, PrintSetData } from './print-set';
import { WITHHELD_REASONS } from './withheld-source';

export type AttachmentOpener<K extends AttachmentSource['kind'] = AttachmentSource['kind']> =
  (source: Extract<AttachmentSource, { kind: K }>) => Readable;
export type AttachmentOpeners = { [K in Exclude<AttachmentSource['kind'], 'withheld'>]?: AttachmentOpener<K> };

/** Plain files (tests, and files already decrypted into the SBU folder). */
export const openFileSource: AttachmentOpener<'file'> = (source) => fs.createReadStream(source.path, { highWaterMark: 4 * 1024 * 1024 });

export const defaultOpeners: AttachmentOpeners = { file: openFileSource };

export function attachOpeners(data: PrintSetData, openers: AttachmentOpeners = defaultOpeners): PrintSet {
  return {
    caseHeader: data.caseHeader,
    ...(data.documentRequests ? { documentRequests: data.documentRequests } : {}),
    messages: data.messages.map(({ attachments, ...message }) => ({
      ...message,
      attachments: attachments.map(({ source, ...meta }) => (source.kind === 'withheld' ? {
        ...meta,
        withheld: WITHHELD_REASONS[source.reason],
        open: () => { throw new AppError('E_PRINT_WITHHELD', 'This attachment is deliberately not opened for printing.'); },
      } : {
        ...meta,
        open: () => {
          const opener = openers[source.kind] as AttachmentOpener | undefined;
          if (!opener) throw new AppError('E_PRINT_NO_OPENER', `Attachments stored as "${source.kind}" cannot be opened here. Update the application.`);
          return opener(source);
        },
      })),
    })),
  };
}
