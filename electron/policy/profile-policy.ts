/**
 * macOS configuration profiles: a profile whose payload type is the app's bundle id (the generated
 * resources/policy/macos/*.mobileconfig) is installed by the MDM as managed preferences in
 * /Library/Managed Preferences/<bundle id>.plist, owned by root. This reads that file only — never
 * the user's own preferences domain, which the user can write — by converting it with /usr/bin/plutil
 * (fixed arguments, no shell) to JSON, and maps each key by the schema's kinds, strictly.
 */
import { AppError } from '../../shared/errors';
import type { ManagedPolicySource } from './managed-policy';
import { FILE_ONLY_KEYS, policyFields } from './policy-fields';
import type { PolicyKey } from './policy-schema';
import { runProgramSync, type RunProgram } from './run-program';

export const APP_BUNDLE_ID = 'gov.irs.scoic.securemessaging';
export const MANAGED_PREFERENCES_FILE = `/Library/Managed Preferences/${APP_BUNDLE_ID}.plist`;

function profileError(message: string, details: Record<string, unknown>): AppError {
  return new AppError('E_POLICY_INVALID',
    `The machine policy profile ${MANAGED_PREFERENCES_FILE} is invalid: ${message}. ` +
    'Ask IT to correct the configuration profile; the application will not start until it is valid.',
    { source: 'profile', file: MANAGED_PREFERENCES_FILE, ...details });
}

/** Maps the plist (as JSON) to policy values. `Payload*` keys are the profile's own bookkeeping. */
export function profileValuesToPolicy(plist: unknown): Partial<Record<PolicyKey, unknown>> {
  if (typeof plist !== 'object' || plist === null || Array.isArray(plist)) throw profileError('the top level is not a dictionary', {});
  const byName = new Map(policyFields().filter((f) => !FILE_ONLY_KEYS.includes(f.key)).map((f) => [f.key, f]));
  const out: Partial<Record<PolicyKey, unknown>> = {};
  for (const [name, value] of Object.entries(plist)) {
    if (name.startsWith('Payload')) continue;
    const field = byName.get(name as PolicyKey);
    if (!field) throw profileError(`key "${name}" is not a policy setting (known: ${[...byName.keys()].join(', ')})`, { field: name });
    const expected = field.kind === 'boolean' ? 'boolean' : field.kind === 'integer' ? 'number' : 'string';
    if (typeof value !== expected) throw profileError(`key "${name}" must be ${field.kind === 'boolean' ? '<true/> or <false/>' : field.kind === 'integer' ? 'an <integer>' : 'a <string>'}`, { field: name });
    out[field.key] = value;
  }
  return out;
}

/** Reads the managed preferences on macOS. Call only on darwin. */
export function readProfilePolicy(run: RunProgram = runProgramSync, exists: (file: string) => boolean): ManagedPolicySource {
  const source = { kind: 'profile' as const, location: MANAGED_PREFERENCES_FILE };
  if (!exists(MANAGED_PREFERENCES_FILE)) return { ...source, values: null };
  const result = run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', MANAGED_PREFERENCES_FILE]);
  if (result.error || result.status !== 0) {
    throw new AppError('E_POLICY_UNREADABLE',
      `The machine policy profile ${MANAGED_PREFERENCES_FILE} could not be read (plutil ${result.error ? 'did not run' : `exited with ${result.status}`}). ` +
      'Ask IT to check the configuration profile; the application will not start without its policy.', { source: 'profile' });
  }
  let plist: unknown;
  try {
    plist = JSON.parse(result.stdout);
  } catch {
    throw profileError('plutil did not produce JSON', {});
  }
  return { ...source, values: profileValuesToPolicy(plist) };
}
