/**
 * A managed policy source besides the file: Windows Group Policy (registry) or a macOS configuration
 * profile (managed preferences). Each reader turns its own format into policy values by the schema's
 * kinds; the loader merges them over the file and validates once.
 */
import type { PolicyKey } from './policy-schema';

export type ManagedSourceKind = 'registry' | 'profile';

export interface ManagedPolicySource {
  kind: ManagedSourceKind;
  /** The registry key or the managed-preferences file, as shown to IT. */
  location: string;
  /** The values it set, typed; null when the key or file does not exist. */
  values: Partial<Record<PolicyKey, unknown>> | null;
}

/** The start of an error message about this source. */
export function describeManagedSource(kind: ManagedSourceKind, location: string): string {
  return kind === 'registry' ? `The machine policy in the registry (${location})` : `The machine policy profile ${location}`;
}
