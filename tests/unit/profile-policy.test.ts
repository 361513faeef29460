/**
 * macOS configuration profiles: the managed-preferences plist, converted by plutil to JSON (the fixture
 * is in plutil's own output shape, escaped slashes included), mapped strictly; the profile wins over the
 * file; a wrong type or an unknown key stops the app naming the key and the profile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { loadPolicy } from '../../electron/policy/load-policy';
import { MANAGED_PREFERENCES_FILE, profileValuesToPolicy, readProfilePolicy } from '../../electron/policy/profile-policy';
import type { RunProgram } from '../../electron/policy/run-program';

const plutilJson = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/managed-preferences/profile.json'), 'utf8');

function refusal(fn: () => unknown): AppError {
  try { fn(); } catch (err) { expect(err).toBeInstanceOf(AppError); return err as AppError; }
  throw new Error('expected a refusal');
}

describe('managed preferences (macOS profile)', () => {
  it('runs /usr/bin/plutil with fixed arguments on the root-owned managed file only', () => {
    const calls: Array<{ file: string; args: readonly string[] }> = [];
    const run: RunProgram = (file, args) => { calls.push({ file, args }); return { status: 0, stdout: plutilJson, stderr: '' }; };
    const source = readProfilePolicy(run, () => true);
    expect(calls).toEqual([{ file: '/usr/bin/plutil', args: ['-convert', 'json', '-o', '-', '/Library/Managed Preferences/gov.irs.scoic.securemessaging.plist'] }]);
    expect(source).toMatchObject({ kind: 'profile', location: MANAGED_PREFERENCES_FILE, values: { idleLockMinutes: 10, desktopNotifications: false, sbuFolder: '/Users/Shared/SBU' } });
    const effective = loadPolicy('/nonexistent/policy.json', '/Users/oe', source);
    expect(effective.source).toBe('machine-policy');
    expect(effective.policy).toMatchObject({ serverUrl: 'https://securemessaging.example.gov/', idleLockMinutes: 10, allowPhysicalPrinting: false, retentionDays: 90 });
    expect(effective.origins?.idleLockMinutes).toEqual({ kind: 'profile', file: MANAGED_PREFERENCES_FILE });
  });

  it('no profile installed: nothing read, nothing spawned', () => {
    const run: RunProgram = () => { throw new Error('must not run'); };
    expect(readProfilePolicy(run, () => false)).toEqual({ kind: 'profile', location: MANAGED_PREFERENCES_FILE, values: null });
  });

  it('refuses a wrong type, an unknown key and an out-of-range value, naming the key and the profile', () => {
    const base = JSON.parse(plutilJson) as Record<string, unknown>;
    const typeErr = refusal(() => profileValuesToPolicy({ ...base, idleLockMinutes: '10' }));
    expect(typeErr.message).toContain(`profile ${MANAGED_PREFERENCES_FILE}`);
    expect(typeErr.message).toContain('"idleLockMinutes" must be an <integer>');
    expect(refusal(() => profileValuesToPolicy({ ...base, idleLockMinute: 5 })).message).toContain('"idleLockMinute" is not a policy setting');
    const source = { kind: 'profile' as const, location: MANAGED_PREFERENCES_FILE, values: profileValuesToPolicy({ ...base, idleLockMinutes: 30 }) };
    const rangeErr = refusal(() => loadPolicy('/nonexistent/policy.json', '/Users/oe', source));
    expect(rangeErr.message).toContain(`The machine policy profile ${MANAGED_PREFERENCES_FILE} is invalid: value "idleLockMinutes"`);
  });

  it('stops when plutil fails instead of starting without the policy', () => {
    const run: RunProgram = () => ({ status: 1, stdout: '', stderr: 'Property List error' });
    expect(refusal(() => readProfilePolicy(run, () => true)).code).toBe('E_POLICY_UNREADABLE');
  });
});
