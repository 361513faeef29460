/**
 * Attachments a package lists but never opens. They still get an index entry and a placeholder page
 * (name, size, declared type, SHA-256 and this reason) so the OIC file says what is missing and why.
 * The words carry no file name or content: they also go into the package result.
 */
import type { WithheldReason } from './print-set';

export const WITHHELD_REASONS: Record<WithheldReason, string> = {
  'blocked-file-type': 'blocked file type: Secure Messaging never opens or prints this kind of file; ask the sender for a PDF or image',
  'not-downloaded': 'not downloaded: the file has not been downloaded from the server yet; sync, then build the package again',
  'stored-copy-damaged': 'the stored copy failed its integrity check and was not opened; sync the message again to download a fresh copy',
};
