/**
 * The `policy.diagnostics` service: each effective value with where it came from. Shown to IT in the
 * About panel; it holds paths and the server address (IT's settings), never taxpayer data.
 */
import type { PolicyDiagnostics } from '../../shared/ipc/policy-schemas';
import { policyFields } from './policy-fields';
import type { EffectivePolicy, PolicyOrigin } from './policy-schema';

/** For a policy built by hand (tests, harness) without origins: the file for everything, or defaults. */
function fallbackOrigin(effective: EffectivePolicy): PolicyOrigin {
  if (effective.source === 'development-defaults') return { kind: 'development-default' };
  return effective.file ? { kind: 'file', file: effective.file } : { kind: 'default' };
}

export function describePolicyDiagnostics(effective: EffectivePolicy): PolicyDiagnostics {
  return {
    source: effective.source,
    file: { path: effective.fileChecked ?? effective.file ?? '', read: effective.file !== null },
    managedSource: effective.managedSource ?? null,
    entries: policyFields().map((field) => {
      const origin = effective.origins?.[field.key] ?? fallbackOrigin(effective);
      return {
        key: field.key,
        title: field.title,
        value: effective.policy[field.key],
        origin: origin.kind,
        location: origin.kind === 'file' || origin.kind === 'profile' ? origin.file : origin.kind === 'registry' ? origin.key : null,
      };
    }),
  };
}
