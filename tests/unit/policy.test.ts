/** The machine policy: defaults when absent, a precise refusal when wrong, never a guess. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { loadPolicy } from '../../electron/policy/load-policy';
import { machinePolicyPath, policyFilePath } from '../../electron/policy/policy-location';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function policyFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-policy-'));
  dirs.push(dir);
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const valid = { schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/home/oe/SBU' };

function loadError(file: string): AppError {
  try {
    loadPolicy(file);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected the policy to be refused');
}

describe('machine policy', () => {
  it('gives documented development defaults when no file is installed', () => {
    const effective = loadPolicy('/nonexistent/dir/policy.json', '/home/dev');
    expect(effective.source).toBe('development-defaults');
    expect(effective.policy).toMatchObject({ idleLockMinutes: 15, retentionDays: 90, allowOsKeyStoreUnlock: false, sbuFolder: path.join('/home/dev', 'Documents', 'SBU') });
  });

  it('reads a valid file and fills defaults for omitted fields', () => {
    const effective = loadPolicy(policyFile({ ...valid, idleLockMinutes: 10 }));
    expect(effective.source).toBe('machine-policy');
    expect(effective.policy).toMatchObject({ serverUrl: 'https://sm.example.gov/', idleLockMinutes: 10, retentionDays: 90 });
  });

  it('refuses an idle lock of 60 minutes, naming the field and the file', () => {
    const file = policyFile({ ...valid, idleLockMinutes: 60 });
    const err = loadError(file);
    expect(err.code).toBe('E_POLICY_INVALID');
    expect(err.message).toContain(file);
    expect(err.message).toContain('"idleLockMinutes"');
    expect(err.message).toMatch(/15/);
  });

  it('refuses each invalid field with its name', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, idleLockMinutes: 0 }, 'idleLockMinutes'],
      [{ ...valid, idleLockMinutes: 7.5 }, 'idleLockMinutes'],
      [{ ...valid, serverUrl: 'http://sm.example.gov/' }, 'serverUrl'],
      [{ ...valid, serverUrl: 'not a url' }, 'serverUrl'],
      [{ ...valid, sbuFolder: 'relative/SBU' }, 'sbuFolder'],
      [{ ...valid, retentionDays: -1 }, 'retentionDays'],
      [{ ...valid, allowOsKeyStoreUnlock: 'yes' }, 'allowOsKeyStoreUnlock'],
      [{ ...valid, schemaVersion: 2 }, 'schemaVersion'],
      [{ schemaVersion: 1, sbuFolder: '/x' }, 'serverUrl'],
    ];
    for (const [content, field] of cases) {
      const err = loadError(policyFile(content));
      expect(err.code).toBe('E_POLICY_INVALID');
      expect(err.message).toContain(`"${field}"`);
    }
  });

  it('refuses unknown fields, so a misspelt setting cannot fall back to a default', () => {
    const err = loadError(policyFile({ ...valid, idleLockMinute: 5 }));
    expect(err.message).toContain('idleLockMinute');
  });

  it('refuses a file that is not JSON', () => {
    const err = loadError(policyFile('{ "schemaVersion": 1, '));
    expect(err.code).toBe('E_POLICY_INVALID');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('refuses an unreadable file instead of falling back to defaults', () => {
    const file = policyFile(valid);
    fs.rmSync(file);
    fs.mkdirSync(file); // a directory where the file should be: EISDIR
    expect(loadError(file).code).toBe('E_POLICY_UNREADABLE');
  });

  it('lives in the machine-wide location for each platform, whatever the environment says', () => {
    expect(machinePolicyPath('win32')).toBe('C:\\ProgramData\\SCOIC Secure Messaging\\policy.json');
    // An employee's own %ProgramData% must not move IT's policy to a file of their own.
    expect(policyFilePath({ platform: 'win32', env: { ProgramData: 'C:\\Users\\me\\pd' }, packaged: true })).toBe('C:\\ProgramData\\SCOIC Secure Messaging\\policy.json');
    expect(machinePolicyPath('linux')).toBe('/etc/scoic-secure-messaging/policy.json');
    expect(machinePolicyPath('darwin')).toBe('/Library/Application Support/SCOIC Secure Messaging/policy.json');
  });

  it('honours SCOIC_POLICY_FILE only in development builds', () => {
    const env = { SCOIC_POLICY_FILE: '/tmp/my-policy.json' };
    expect(policyFilePath({ platform: 'linux', env, packaged: false })).toBe('/tmp/my-policy.json');
    expect(policyFilePath({ platform: 'linux', env, packaged: true })).toBe('/etc/scoic-secure-messaging/policy.json');
  });
});
