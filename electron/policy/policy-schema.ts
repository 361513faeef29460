/**
 * The machine policy IT installs. It is the only source of settings that matter for security; user
 * preferences can never override it. Unknown fields are refused so a typo cannot silently fall back
 * to a default.
 */
import { z } from 'zod';
import { IDLE_LOCK_DEFAULT_MINUTES, IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../../shared/limits';

const isLoopbackHost = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

export const ServerUrlSchema = z.string().url('must be a URL such as https://securemessaging.example.gov')
  .refine((value) => {
    if (!URL.canParse(value)) return true; // already reported by .url()
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
  }, 'must use https:// (plain http:// is allowed only for 127.0.0.1)');

export const PolicySchema = z.object({
  schemaVersion: z.literal(1),
  /** The Secure Messaging server. */
  serverUrl: ServerUrlSchema,
  /** Absolute path of the SBU folder: the only place decrypted files and print packages may be written. */
  sbuFolder: z.string().min(1).refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be an absolute path'),
  idleLockMinutes: z.number().int('must be a whole number of minutes')
    .min(IDLE_LOCK_MIN_MINUTES).max(IDLE_LOCK_MAX_MINUTES).default(IDLE_LOCK_DEFAULT_MINUTES),
  /** Closed cases are purged from the laptop this many days after closing (IRM 10.5.1: no longer needed). */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /** Whether the vault key may also be wrapped by the OS key store (DPAPI, Keychain, libsecret). */
  allowOsKeyStoreUnlock: z.boolean().default(false),
  /** Marking printed on every page of a print package and shown in the window. */
  sbuMarking: z.string().min(1).max(80).default('SENSITIVE BUT UNCLASSIFIED (SBU)'),
  /** Prefix of the running set number stamped on print packages (like a Bates number). */
  printSetPrefix: z.string().regex(/^[A-Z0-9-]{1,12}$/, 'must be 1-12 characters A-Z, 0-9 or -').default('SM'),
  /** Desktop notifications for new inbound messages (a count only, never taxpayer data). */
  desktopNotifications: z.boolean().default(true),
}).strict();

export type Policy = z.output<typeof PolicySchema>;

export interface EffectivePolicy {
  policy: Policy;
  /** Where it came from: an installed file, or the documented development defaults (DEMO mode). */
  source: 'machine-policy' | 'development-defaults';
  /** The file that was read, when one was. */
  file: string | null;
}
