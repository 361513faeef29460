/**
 * The error codes the vault emits, each with a message that says what happened and what to do.
 * Messages never carry SBU content (names, TINs, bodies, file names); details carry only ids and sizes.
 */
import { AppError, HardeningErrorCodes } from '../../shared/errors';

export const vaultErrors = {
  locked: () => new AppError('E_LOCKED',
    'The vault is locked. Unlock it with your passphrase to continue.'),
  wrongPassphrase: () => new AppError('E_WRONG_PASSPHRASE',
    'The passphrase is not correct. Check Caps Lock and try again.'),
  notAVault: (why: string) => new AppError('E_NOT_A_VAULT',
    'No SCOIC vault was found in this folder. Choose the folder that holds your vault, or create a new one.',
    { why }),
  damaged: (why: string) => new AppError('E_VAULT_DAMAGED',
    'The vault files are damaged and cannot be opened. Contact IT support; your messages can be restored from the server by a new sync.',
    { why }),
  // Hardening (issue 10): a vault from a newer app version is not damaged.
  newerVersion: (vaultVersion: number, appVersion: number) => new AppError(HardeningErrorCodes.vaultNewer,
    'This vault was saved by a newer version of SCOIC Secure Messaging. Update the app to open it; nothing in the vault was changed.',
    { vaultVersion, appVersion }),
  alreadyExists: () => new AppError('E_VAULT_EXISTS',
    'A vault already exists in this folder. Unlock it instead of creating a new one.'),
  notFound: (what: string, id: number | string) => new AppError('E_NOT_FOUND',
    `The requested ${what} is not in the vault. It may have been purged; sync again to restore it.`, { what, id: String(id) }),
  invalidInput: (issues: string) => new AppError('E_INVALID_INPUT',
    `The vault refused malformed input (${issues}). This is a program error; report it to IT support.`),
  blobTampered: (blobRef: string, why: string) => new AppError('E_BLOB_TAMPERED',
    'An attachment file failed its integrity check and was not opened. Sync the message again to download a fresh copy.',
    { blobRef, why }),
  hashMismatch: (expected: string, actual: string) => new AppError('E_HASH_MISMATCH',
    'The attachment did not match the checksum the server sent, so it was not saved. Sync again to retry the download.',
    { expected, actual }),
  sourceChanged: (expectedBytes: number, why: 'shrank' | 'grew') => new AppError('E_SOURCE_CHANGED',
    'The file changed while it was being stored (another program replaced or edited it), so it was not saved. Close the program that is using the file and attach it again.',
    { expectedBytes, why }),
  tooLarge: (maxBytes: number) => new AppError('E_TOO_LARGE',
    'The attachment is larger than the limit for one message, so it was not saved.', { maxBytes }),
  rangeOutOfBounds: (start: number, end: number, size: number) => new AppError('E_RANGE',
    'The requested part of the attachment lies outside the file. This is a program error; report it to IT support.',
    { start, end, size }),
  protectorUnavailable: (why: string) => new AppError('E_KEY_PROTECTOR_UNAVAILABLE',
    'Unlocking with the operating system key store is not available on this computer. Unlock with your passphrase.',
    { why }),
  weakPassphrase: (minLength: number) => new AppError('E_WEAK_PASSPHRASE',
    `The passphrase must have at least ${minLength} characters. Choose a longer one.`, { minLength }),
} as const;
