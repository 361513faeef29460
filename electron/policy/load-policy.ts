/**
 * Reads and validates the machine policy: the managed source first (Windows Group Policy's registry
 * key, a macOS configuration profile), then the JSON file; a value set by the managed source wins over
 * the same value in the file. Neither present means
 * development defaults (DEMO mode). A policy that exists but is unreadable or invalid stops the
 * application with a message naming the field and where it was set, because guessing a security
 * setting is worse than not starting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';
import { PolicySchema, type EffectivePolicy, type Policy, type PolicyKey, type PolicyOrigin } from './policy-schema';
import { describeManagedSource, type ManagedPolicySource } from './managed-policy';

/** Documented in README.md ("Machine policy"). Used only when no policy is installed. */
export function developmentDefaults(homeDir: string = os.homedir()): Policy {
  return PolicySchema.parse({
    schemaVersion: 1,
    serverUrl: 'http://127.0.0.1:0/',
    sbuFolder: path.join(homeDir, 'Documents', 'SBU'),
  });
}

const policyKeys = Object.keys(PolicySchema.shape) as PolicyKey[];

function describeIssue(issue: z.core.$ZodIssue): { field: string; problem: string } {
  const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  const extra = issue.code === 'unrecognized_keys' ? `: ${issue.keys.join(', ')}` : '';
  return { field, problem: `${issue.message}${extra}` };
}

function parseJsonObject(text: string, file: string): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError('E_POLICY_INVALID',
      `The machine policy file ${file} is not valid JSON (${(err as Error).message}). ` +
      'Ask IT to correct or reinstall it; the application will not start until it is valid.',
      { file, source: 'file' });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError('E_POLICY_INVALID',
      `The machine policy file ${file} is invalid: field "(top level)" must be a JSON object. ` +
      'Ask IT to correct it; the application will not start until it is valid.', { file, source: 'file' });
  }
  return json as Record<string, unknown>;
}

/** Where a field was set, in the words of an error message. */
function sourceSentence(origin: PolicyOrigin | undefined, file: string | null, managed: ManagedPolicySource | null): string {
  if (origin?.kind === 'registry') return describeManagedSource('registry', origin.key);
  if (origin?.kind === 'profile') return describeManagedSource('profile', origin.file);
  if (origin?.kind === 'file') return `The machine policy file ${origin.file}`;
  if (file) return `The machine policy file ${file}`;
  return managed ? describeManagedSource(managed.kind, managed.location) : 'The machine policy';
}

/** Validates the merged policy; the first problem names its field and the place it was set. */
function validateMerged(merged: Record<string, unknown>, origins: Partial<Record<string, PolicyOrigin>>, file: string | null, managed: ManagedPolicySource | null): Policy {
  const result = PolicySchema.safeParse(merged);
  if (result.success) return result.data;
  const problems = result.error.issues.map(describeIssue);
  const first = problems[0]!;
  const firstKey = result.error.issues[0]!.path[0];
  const origin = typeof firstKey === 'string' ? origins[firstKey] : undefined;
  // A value set by the managed source, or a required one nobody set when there is no file: IT fixes it there.
  const inManaged = origin?.kind === 'registry' || origin?.kind === 'profile' || (origin === undefined && file === null);
  throw new AppError('E_POLICY_INVALID',
    `${sourceSentence(origin, file, managed)} is invalid: ${inManaged ? 'value' : 'field'} "${first.field}" ${first.problem}` +
    (problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '') +
    '. Ask IT to correct it; the application will not start until it is valid.',
    { ...(file ? { file } : {}), source: origin?.kind ?? (file ? 'file' : managed?.kind ?? 'file'), problems });
}

/** Parses a policy file's text alone (no registry). */
export function parsePolicy(text: string, file: string): Policy {
  const json = parseJsonObject(text, file);
  const origins = Object.fromEntries(Object.keys(json).map((k) => [k, { kind: 'file', file } as PolicyOrigin]));
  return validateMerged(json, origins, file, null);
}

function readPolicyFile(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('E_POLICY_UNREADABLE',
      `The machine policy file ${file} exists but cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}). ` +
      'Ask IT to check its permissions; the application will not start without it.', { file, source: 'file' });
  }
}

/**
 * The effective policy. `managed` is what Group Policy or a configuration profile set (null where the
 * platform has none): its values win over the file's, field by field; each value's origin is kept
 * for the Policy diagnostics panel.
 */
export function loadPolicy(file: string, homeDir?: string, managed: ManagedPolicySource | null = null): EffectivePolicy {
  const managedSource = managed ? { kind: managed.kind, location: managed.location } : null;
  const fromManaged = managed?.values ?? {};
  const text = readPolicyFile(file);
  const fromFile = text === null ? null : parseJsonObject(text, file);

  if (fromFile === null && Object.keys(fromManaged).length === 0) {
    const origins = Object.fromEntries(policyKeys.map((k) => [k, { kind: 'development-default' }])) as Record<PolicyKey, PolicyOrigin>;
    return { policy: developmentDefaults(homeDir), source: 'development-defaults', file: null, fileChecked: file, origins, managedSource };
  }

  const origins: Partial<Record<string, PolicyOrigin>> = {};
  const merged: Record<string, unknown> = {};
  // The registry and profiles imply the format version; the file must say it.
  if (fromFile === null) merged.schemaVersion = 1;
  for (const [k, v] of Object.entries(fromFile ?? {})) { merged[k] = v; origins[k] = { kind: 'file', file }; }
  for (const [k, v] of Object.entries(fromManaged)) {
    merged[k] = v;
    origins[k] = managed!.kind === 'registry' ? { kind: 'registry', key: managed!.location } : { kind: 'profile', file: managed!.location };
  }

  const policy = validateMerged(merged, origins, fromFile === null ? null : file, managed);
  const complete = Object.fromEntries(policyKeys.map((k) => [k, origins[k] ?? { kind: 'default' }])) as Record<PolicyKey, PolicyOrigin>;
  return { policy, source: 'machine-policy', file: fromFile === null ? null : file, fileChecked: file, origins: complete, managedSource };
}
