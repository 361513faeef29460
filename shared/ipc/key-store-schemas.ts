/** OS key-store unlock ("Unlock with Windows sign-in"): what the unlock screen and settings need to know. */
import { z } from 'zod';

export const OsKeyStoreStatusSchema = z.object({
  /** Policy allows it and the OS store really protects secrets here (never Linux `basic_text`). */
  offered: z.boolean(),
  /** The vault's master key is also wrapped by the OS store for this user. */
  enrolled: z.boolean(),
  /** The button's words: "Windows sign-in", "macOS Keychain", "your login keyring". */
  label: z.string(),
  /** Why it is not offered, in words for the employee; null when offered. */
  reason: z.string().nullable(),
});
export type OsKeyStoreStatus = z.infer<typeof OsKeyStoreStatusSchema>;
