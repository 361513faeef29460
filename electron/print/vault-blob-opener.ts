/**
 * The `vault-blob` opener, run inside the print worker: decrypts one attachment with the per-blob key
 * of its grant (electron/vault/blob-grant.ts), chunk by chunk, each GCM tag verified before its bytes
 * are released. Plaintext exists only in the worker's memory, never on disk. The worker never sees
 * the case key or the database; `zeroVaultBlobKeys` wipes the grant keys when the job ends.
 */
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { openBlob } from '../vault/blob-reader';
import type { AttachmentOpener } from './attachment-openers';
import type { PrintSetData } from './print-set';

export const openVaultBlobSource: AttachmentOpener<'vault-blob'> = (source) => {
  const grant = source.grant;
  if (!grant) throw new AppError('E_PRINT_NO_GRANT', 'A vault attachment reached the print worker without its key. Build the package again.');
  async function* plaintext(): AsyncGenerator<Buffer> {
    // openBlob copies the key and zeroes its copy on close; the grant's key stays for a second pass
    // (a multi-volume build opens every attachment twice: once to count pages, once to print them).
    const reader = await openBlob({ blobsDir: path.dirname(grant!.path), blobRef: path.basename(grant!.path), blobKey: grant!.key, expectedSize: grant!.size });
    try {
      yield* reader.range();
    } finally {
      await reader.close();
    }
  }
  return Readable.from(plaintext(), { objectMode: false });
};

/** Zeroes every grant key of a set (worker side, when the job ends; main side, if never transferred). */
export function zeroVaultBlobKeys(set: PrintSetData): void {
  for (const m of set.messages) {
    for (const a of m.attachments) {
      const key = a.source.kind === 'vault-blob' ? a.source.grant?.key : undefined;
      // A key transferred to the worker is detached here (length 0); fill() would throw on it.
      if (key && key.byteLength > 0) key.fill(0);
    }
  }
}
