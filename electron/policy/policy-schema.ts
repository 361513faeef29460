/**
 * The machine policy IT installs. It is the only source of settings that matter for security; user
 * preferences can never override it. Unknown fields are refused so a typo cannot silently fall back
 * to a default.
 *
 * This schema is the one source of the policy: the registry reader, the Group Policy templates
 * (ADMX/ADML), the macOS profile, the Linux JSON schema and the IT guide's table are all generated
 * from it (`npm run policy:templates`). Each field's `title` and `description` are what IT reads in
 * the Group Policy editor, so write them for IT.
 */
import { z } from 'zod';
import { IDLE_LOCK_DEFAULT_MINUTES, IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../../shared/limits';

const isLoopbackHost = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';

/** Group Policy text boxes hold at most 1023 characters; paths and URLs stay under that. */
const MAX_TEXT_LENGTH = 1000;

export const ServerUrlSchema = z.string().url('must be a URL such as https://securemessaging.example.gov').max(MAX_TEXT_LENGTH)
  .refine((value) => {
    if (!URL.canParse(value)) return true; // already reported by .url()
    const u = new URL(value);
    return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
  }, 'must use https:// (plain http:// is allowed only for 127.0.0.1)');

export const PolicySchema = z.object({
  schemaVersion: z.literal(1).meta({
    title: 'Schema version',
    description: 'Version of this policy format. Always 1. Required in the JSON file; implied by the registry and profile.',
  }),
  serverUrl: ServerUrlSchema.meta({
    title: 'Secure Messaging server',
    examples: ['https://securemessaging.example.gov/'],
    description: 'Address of the Secure Messaging server, e.g. https://securemessaging.example.gov/. Must use https:// (http:// only for 127.0.0.1). Required on a managed machine.',
  }),
  sbuFolder: z.string().min(1).max(MAX_TEXT_LENGTH).refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'must be an absolute path').meta({
    title: 'SBU folder',
    examples: ['C:\\Users\\Public\\SBU'],
    description: 'Absolute path of the SBU folder: the only place the application writes decrypted files and print packages, e.g. C:\\Users\\Public\\SBU. Required on a managed machine.',
  }),
  idleLockMinutes: z.number().int('must be a whole number of minutes')
    .min(IDLE_LOCK_MIN_MINUTES).max(IDLE_LOCK_MAX_MINUTES).default(IDLE_LOCK_DEFAULT_MINUTES).meta({
      title: 'Idle lock (minutes)',
      description: 'Minutes without keyboard or mouse input after which the vault locks (federal practice: at most 15). The OS lock screen and sleep always lock it.',
    }),
  idleLockWarningSeconds: z.number().int('must be a whole number of seconds').min(10).max(300).default(60).meta({
    title: 'Idle lock warning (seconds)',
    description: 'How many seconds before the idle lock a warning is shown, so the employee can keep working. Never more than half the idle time.',
  }),
  retentionDays: z.number().int().min(1).max(3650).default(90).meta({
    title: 'Retention of closed cases (days)',
    description: 'Days after a case closes before its laptop copy is crypto-shredded (IRM 10.5.1: no longer needed). The server keeps the official record.',
  }),
  allowOsKeyStoreUnlock: z.boolean().default(false).meta({
    title: 'Allow unlock with the OS sign-in',
    description: 'When on, employees may also unlock the vault with their OS sign-in (Windows DPAPI, macOS Keychain, Linux Secret Service; never an unprotected Linux basic_text store). The passphrase always works. Turning it off removes the OS wrap at the next unlock.',
  }),
  sbuMarking: z.string().min(1).max(80).default('SENSITIVE BUT UNCLASSIFIED (SBU)').meta({
    title: 'SBU marking',
    description: 'Marking printed on every page of a print package and shown in the window (1-80 characters).',
  }),
  printSetPrefix: z.string().regex(/^[A-Z0-9-]{1,12}$/, 'must be 1-12 characters A-Z, 0-9 or -').default('SM').meta({
    title: 'Print set prefix',
    description: 'Prefix of the running set number stamped on print packages, like a Bates number (1-12 characters A-Z, 0-9 or -).',
  }),
  allowPhysicalPrinting: z.boolean().default(true).meta({
    title: 'Allow printing to a printer',
    description: 'When off, print packages are only saved as PDF files in the SBU folder and never sent to a physical printer.',
  }),
  desktopNotifications: z.boolean().default(true).meta({
    title: 'Desktop notifications',
    description: 'Desktop notifications for new inbound secure messages ("2 new secure messages": a count only, never taxpayer data).',
  }),
  documentRequestDefaultDays: z.number().int('must be a whole number of days').min(1).max(90).default(14).meta({
    title: 'Document request due (days)',
    description: 'Default number of calendar days a document request gives the taxpayer; a due date on a weekend or federal holiday moves to the next business day. The employee can change it per request.',
  }),
}).strict();

export type Policy = z.output<typeof PolicySchema>;
export type PolicyKey = keyof Policy;

/** Where one effective value came from. */
export type PolicyOrigin =
  | { kind: 'default' }
  | { kind: 'development-default' }
  | { kind: 'file'; file: string }
  | { kind: 'registry'; key: string }
  | { kind: 'profile'; file: string };

export interface EffectivePolicy {
  policy: Policy;
  /** Where it came from: IT's policy (registry and/or file), or the documented development defaults (DEMO mode). */
  source: 'machine-policy' | 'development-defaults';
  /** The file that was read, when one was. */
  file: string | null;
  /** Per value, where it came from (registry before file before default). Absent when built by hand in tests. */
  origins?: Record<PolicyKey, PolicyOrigin>;
  /** The file location that was checked, whether or not a file was there. */
  fileChecked?: string;
  /** The managed source that was read (Windows registry key, macOS profile), whether or not it held values. */
  managedSource?: { kind: 'registry' | 'profile'; location: string } | null;
}
