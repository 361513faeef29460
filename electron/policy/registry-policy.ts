/**
 * Group Policy on Windows: the ADMX templates write values under HKLM\SOFTWARE\Policies\<vendor>\
 * SCOIC Secure Messaging; this reads them with `reg.exe query` (fixed arguments, no shell) and parses
 * its output strictly. Anything unexpected — a value type other than REG_DWORD, REG_SZ or REG_MULTI_SZ,
 * a line that is not a value, a value the schema does not know, a type that does not fit the field —
 * is an error naming the value and the key, because a policy IT set must never be half-read.
 */
import { AppError } from '../../shared/errors';
import type { ManagedPolicySource } from './managed-policy';
import { runProgramSync, type RunProgram } from './run-program';
import { FILE_ONLY_KEYS, policyFields, type PolicyField } from './policy-fields';
import type { PolicyKey } from './policy-schema';

/** The vendor part of the policy key (`Software\Policies\<vendor>\<product>`), as in the ADMX. */
export const POLICY_VENDOR = 'IRS';
export const POLICY_PRODUCT = 'SCOIC Secure Messaging';
/** The key as the ADMX names it (relative to HKLM). */
export const POLICY_REGISTRY_SUBKEY = `SOFTWARE\\Policies\\${POLICY_VENDOR}\\${POLICY_PRODUCT}`;
export const POLICY_REGISTRY_KEY = `HKEY_LOCAL_MACHINE\\${POLICY_REGISTRY_SUBKEY}`;
/** The short form used in messages to IT. */
export const POLICY_REGISTRY_KEY_SHORT = `HKLM\\${POLICY_REGISTRY_SUBKEY}`;

export type RegistryValue =
  | { name: string; type: 'REG_DWORD'; data: number }
  | { name: string; type: 'REG_SZ'; data: string }
  | { name: string; type: 'REG_MULTI_SZ'; data: string[] };

/** What `reg.exe query` returned: the key is absent, or these values. */
export type { RunProgram } from './run-program';

export type RegistrySnapshot = { present: false } | { present: true; values: RegistryValue[] };

function registryError(message: string, details: Record<string, unknown>): AppError {
  return new AppError('E_POLICY_INVALID',
    `The machine policy in the registry (${POLICY_REGISTRY_KEY_SHORT}) is invalid: ${message}. ` +
    'Ask IT to correct the Group Policy; the application will not start until it is valid.',
    { source: 'registry', key: POLICY_REGISTRY_KEY_SHORT, ...details });
}

// `    name    REG_TYPE    data`: four spaces separate the columns; data may be empty.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z0-9_]+)(?: {4}(.*))?$/;

/** Parses the output of `reg query <key>` (no /s) for exactly `key`. */
export function parseRegQueryOutput(output: string, key: string = POLICY_REGISTRY_KEY): RegistryValue[] {
  const lines = output.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (i === lines.length || lines[i]!.trimEnd().toLowerCase() !== key.toLowerCase()) {
    throw registryError(`reg.exe answered for an unexpected key (${JSON.stringify((lines[i] ?? '').slice(0, 120))})`, { line: i + 1 });
  }
  const values: RegistryValue[] = [];
  const seen = new Set<string>();
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    // Subkeys are listed after the values as full paths; the policy lives in values only.
    if (line.toLowerCase().startsWith(`${key.toLowerCase()}\\`)) continue;
    const match = VALUE_LINE.exec(line);
    if (!match) throw registryError(`line ${i + 1} of reg.exe's output is not a value (${JSON.stringify(line.slice(0, 120))})`, { line: i + 1 });
    const [, name, type, raw = ''] = match as unknown as [string, string, string, string | undefined];
    if (seen.has(name.toLowerCase())) throw registryError(`value "${name}" appears twice`, { field: name });
    seen.add(name.toLowerCase());
    switch (type) {
      case 'REG_DWORD': {
        if (!/^0x[0-9a-fA-F]{1,8}$/.test(raw)) throw registryError(`value "${name}" is REG_DWORD but its data ${JSON.stringify(raw)} is not a DWORD`, { field: name });
        values.push({ name, type, data: Number.parseInt(raw.slice(2), 16) });
        break;
      }
      case 'REG_SZ':
        values.push({ name, type, data: raw });
        break;
      case 'REG_MULTI_SZ':
        // reg.exe shows the strings joined by a literal \0.
        values.push({ name, type, data: raw === '' ? [] : raw.split('\\0') });
        break;
      default:
        throw registryError(`value "${name}" has type ${type}; policy values are REG_DWORD, REG_SZ or REG_MULTI_SZ`, { field: name, type });
    }
  }
  return values;
}

function expectedType(field: PolicyField): RegistryValue['type'] {
  return field.kind === 'string' ? 'REG_SZ' : 'REG_DWORD';
}

/**
 * Turns registry values into policy fields by the schema's kinds: booleans are REG_DWORD 0 or 1,
 * numbers REG_DWORD, text REG_SZ. Value names match case-insensitively, as the registry does.
 * Ranges are left to the schema, which reports them with the same wording as for the file.
 */
export function registryValuesToPolicy(values: RegistryValue[]): Partial<Record<PolicyKey, unknown>> {
  const byName = new Map(policyFields().filter((f) => !FILE_ONLY_KEYS.includes(f.key)).map((f) => [f.key.toLowerCase(), f]));
  const out: Partial<Record<PolicyKey, unknown>> = {};
  for (const value of values) {
    if (value.name === '(Default)') throw registryError('the key has a default value; policy values must be named', { field: '(Default)' });
    const field = byName.get(value.name.toLowerCase());
    if (!field) throw registryError(`value "${value.name}" is not a policy setting (known: ${[...byName.values()].map((f) => f.key).join(', ')})`, { field: value.name });
    const type = expectedType(field);
    if (value.type !== type) throw registryError(`value "${field.key}" must be ${type}, not ${value.type}`, { field: field.key, type: value.type });
    if (field.kind === 'boolean') {
      if (value.data !== 0 && value.data !== 1) throw registryError(`value "${field.key}" must be 1 (on) or 0 (off), not ${String(value.data)}`, { field: field.key });
      out[field.key] = value.data === 1;
    } else {
      out[field.key] = value.data;
    }
  }
  return out;
}

/** What the loader merges over the file. */
export function registryPolicySource(snapshot: RegistrySnapshot): ManagedPolicySource {
  return { kind: 'registry', location: POLICY_REGISTRY_KEY_SHORT, values: snapshot.present ? registryValuesToPolicy(snapshot.values) : null };
}

/**
 * reg.exe by its full, fixed path, 64-bit view of the registry: never from PATH, and never from
 * %SystemRoot%, which the employee can set for their own process (and so run their own "reg.exe"
 * answering whatever policy they like). Agency images install Windows on C:.
 */
export function regExePath(): string {
  return 'C:\\Windows\\System32\\reg.exe';
}

export const REG_QUERY_ARGS: readonly string[] = ['query', POLICY_REGISTRY_KEY, '/reg:64'];

/** Reads the policy key on Windows. Call only on win32. */
export function readRegistryPolicy(run: RunProgram = runProgramSync): RegistrySnapshot {
  const result = run(regExePath(), REG_QUERY_ARGS);
  if (result.error || result.status === null) {
    throw new AppError('E_POLICY_UNREADABLE',
      `The machine policy in the registry (${POLICY_REGISTRY_KEY_SHORT}) could not be read: reg.exe did not run (${result.error?.message ?? 'killed'}). ` +
      'Ask IT to check the workstation; the application will not start without its policy.', { source: 'registry' });
  }
  // Exit status 1 with nothing on stdout: the key does not exist (no Group Policy for this app).
  if (result.status === 1 && result.stdout.trim() === '') return { present: false };
  if (result.status !== 0) {
    throw new AppError('E_POLICY_UNREADABLE',
      `The machine policy in the registry (${POLICY_REGISTRY_KEY_SHORT}) could not be read: reg.exe exited with ${result.status}. ` +
      'Ask IT to check the workstation; the application will not start without its policy.', { source: 'registry' });
  }
  return { present: true, values: parseRegQueryOutput(result.stdout) };
}
