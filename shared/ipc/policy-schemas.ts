/**
 * The Policy diagnostics panel (About): every policy value in effect and where it came from, so IT can
 * see on one laptop whether Group Policy, the policy file or a default decided each setting.
 */
import { z } from 'zod';

export const PolicyValueOriginSchema = z.enum(['registry', 'profile', 'file', 'default', 'development-default']);

export const PolicyDiagnosticsEntrySchema = z.object({
  /** The policy key, as in the file, the registry value name and the templates. */
  key: z.string(),
  title: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  origin: PolicyValueOriginSchema,
  /** The registry key, profile or file path it was read from; null for defaults. */
  location: z.string().nullable(),
});

export const PolicyDiagnosticsSchema = z.object({
  source: z.enum(['machine-policy', 'development-defaults']),
  /** The file the app looks for, and whether one was read. */
  file: z.object({ path: z.string(), read: z.boolean() }),
  /** The managed source read: Group Policy's key (Windows), the MDM profile (macOS); null on Linux. */
  managedSource: z.object({ kind: z.enum(['registry', 'profile']), location: z.string() }).nullable(),
  entries: z.array(PolicyDiagnosticsEntrySchema),
});
export type PolicyDiagnostics = z.infer<typeof PolicyDiagnosticsSchema>;
