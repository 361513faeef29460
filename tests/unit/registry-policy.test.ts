/**
 * Group Policy through the registry: `reg query` output (fixtures in the exact shape reg.exe prints:
 * CRLF, a blank first line, four-space columns, subkeys after the values) parsed strictly, registry
 * before file, and every refusal naming the value and the key.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { loadPolicy } from '../../electron/policy/load-policy';
import {
  parseRegQueryOutput, POLICY_REGISTRY_KEY, readRegistryPolicy, REG_QUERY_ARGS, registryPolicySource, type RunProgram,
} from '../../electron/policy/registry-policy';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures/reg-query', `${name}.txt`), 'utf8');
const snapshot = (name: string) => registryPolicySource({ present: true, values: parseRegQueryOutput(fixture(name)) });
const KEY = 'HKLM\\SOFTWARE\\Policies\\IRS\\SCOIC Secure Messaging';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function policyFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-regpolicy-'));
  dirs.push(dir);
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}
const noFile = '/nonexistent/scoic/policy.json';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('reg query output', () => {
  it('parses REG_SZ and REG_DWORD values exactly', () => {
    const values = parseRegQueryOutput(fixture('managed-full'));
    expect(values).toHaveLength(11);
    expect(values[0]).toEqual({ name: 'serverUrl', type: 'REG_SZ', data: 'https://securemessaging.example.gov/' });
    expect(values[1]).toEqual({ name: 'sbuFolder', type: 'REG_SZ', data: 'C:\\Users\\Public\\SBU' });
    expect(values[2]).toEqual({ name: 'idleLockMinutes', type: 'REG_DWORD', data: 10 });
    expect(values.find((v) => v.name === 'retentionDays')).toEqual({ name: 'retentionDays', type: 'REG_DWORD', data: 365 });
    expect(values.find((v) => v.name === 'sbuMarking')?.data).toBe('SENSITIVE BUT UNCLASSIFIED (SBU) - OIC');
  });

  it('splits REG_MULTI_SZ on reg.exe\'s literal \\0 and keeps an empty REG_SZ empty', () => {
    expect(parseRegQueryOutput(fixture('multi-sz-for-text'))).toEqual([{ name: 'sbuMarking', type: 'REG_MULTI_SZ', data: ['SBU', 'OIC'] }]);
    expect(parseRegQueryOutput(fixture('empty-string')).at(-1)).toEqual({ name: 'sbuMarking', type: 'REG_SZ', data: '' });
  });

  it('ignores subkeys listed after the values and accepts a key with no values', () => {
    expect(parseRegQueryOutput(fixture('managed-partial-with-subkey')).map((v) => v.name)).toEqual(['idleLockMinutes', 'allowPhysicalPrinting']);
    expect(parseRegQueryOutput(fixture('key-without-values'))).toEqual([]);
  });

  it('refuses other value types, output for another key, and lines that are not values', () => {
    for (const [name, type] of [['expand-sz', 'REG_EXPAND_SZ'], ['qword', 'REG_QWORD']] as const) {
      const err = refusal(() => parseRegQueryOutput(fixture(name)));
      expect(err.code).toBe('E_POLICY_INVALID');
      expect(err.message).toContain(type);
      expect(err.message).toContain(KEY);
    }
    expect(refusal(() => parseRegQueryOutput(fixture('managed-full'), 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Other')).message).toMatch(/unexpected key/);
    const garbled = fixture('managed-full').replace('    idleLockMinutes    REG_DWORD    0xa', 'idleLockMinutes=10');
    expect(refusal(() => parseRegQueryOutput(garbled)).message).toMatch(/line 5 .*not a value/);
    const badDword = fixture('managed-full').replace('0xa', '10');
    expect(refusal(() => parseRegQueryOutput(badDword)).message).toContain('"idleLockMinutes" is REG_DWORD');
  });
});

describe('registry policy', () => {
  it('is a complete managed policy on its own, every value marked as from the registry', () => {
    const effective = loadPolicy(noFile, '/home/oe', snapshot('managed-full'));
    expect(effective.source).toBe('machine-policy');
    expect(effective.file).toBeNull();
    expect(effective.policy).toEqual({
      schemaVersion: 1, serverUrl: 'https://securemessaging.example.gov/', sbuFolder: 'C:\\Users\\Public\\SBU',
      idleLockMinutes: 10, idleLockWarningSeconds: 30, retentionDays: 365, allowOsKeyStoreUnlock: true,
      sbuMarking: 'SENSITIVE BUT UNCLASSIFIED (SBU) - OIC', printSetPrefix: 'OIC-SM', allowPhysicalPrinting: false,
      desktopNotifications: false, documentRequestDefaultDays: 30,
    });
    expect(effective.origins?.idleLockMinutes).toEqual({ kind: 'registry', key: KEY });
    expect(effective.origins?.schemaVersion).toEqual({ kind: 'default' });
  });

  it('wins over the file field by field; the file fills the rest; defaults fill what neither sets', () => {
    const file = policyFile({ schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/srv/SBU', idleLockMinutes: 12, allowPhysicalPrinting: true });
    const effective = loadPolicy(file, '/home/oe', snapshot('managed-partial-with-subkey'));
    expect(effective.policy).toMatchObject({ serverUrl: 'https://sm.example.gov/', idleLockMinutes: 5, allowPhysicalPrinting: false, retentionDays: 90 });
    expect(effective.file).toBe(file);
    expect(effective.origins).toMatchObject({
      idleLockMinutes: { kind: 'registry' }, allowPhysicalPrinting: { kind: 'registry' },
      serverUrl: { kind: 'file', file }, retentionDays: { kind: 'default' },
    });
  });

  it('an empty key and no file is DEMO', () => {
    const effective = loadPolicy(noFile, '/home/dev', snapshot('key-without-values'));
    expect(effective.source).toBe('development-defaults');
    expect(effective.origins?.serverUrl).toEqual({ kind: 'development-default' });
  });

  it('refuses a value that does not fit its field, naming the value and the key', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['multi-sz-for-text', 'sbuMarking', /must be REG_SZ, not REG_MULTI_SZ/],
      ['dword-for-text', 'serverUrl', /must be REG_SZ, not REG_DWORD/],
      ['boolean-two', 'desktopNotifications', /1 \(on\) or 0 \(off\)/],
      ['unknown-value', 'idleLockMinute', /not a policy setting/],
      ['idle-sixty', 'idleLockMinutes', /15/],
      ['http-server', 'serverUrl', /https/],
      ['empty-string', 'sbuMarking', /./],
    ];
    for (const [name, field, problem] of cases) {
      const err = refusal(() => loadPolicy(noFile, '/home/oe', snapshot(name)));
      expect(err.code, name).toBe('E_POLICY_INVALID');
      expect(err.message, name).toContain(`"${field}"`);
      expect(err.message, name).toContain(`in the registry (${KEY})`);
      expect(err.message, name).toMatch(problem);
    }
  });

  it('names the file when the bad value came from the file, even with a registry policy', () => {
    const file = policyFile({ schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/srv/SBU', retentionDays: 0 });
    const err = refusal(() => loadPolicy(file, '/home/oe', snapshot('managed-partial-with-subkey')));
    expect(err.message).toContain(`The machine policy file ${file}`);
    expect(err.message).toContain('"retentionDays"');
  });

  it('says a required value is missing from the registry when there is no file', () => {
    const err = refusal(() => loadPolicy(noFile, '/home/oe', snapshot('managed-partial-with-subkey')));
    expect(err.message).toContain(`in the registry (${KEY}) is invalid: value "serverUrl"`);
  });
});

describe('reading the key', () => {
  const run = (answer: ReturnType<RunProgram>) => {
    const calls: Array<{ file: string; args: readonly string[] }> = [];
    const program: RunProgram = (file, args) => { calls.push({ file, args }); return answer; };
    return { calls, program };
  };

  it('runs System32\\reg.exe by a fixed path (not from %SystemRoot%, which the user can set) with fixed arguments', () => {
    const { calls, program } = run({ status: 0, stdout: fixture('managed-full'), stderr: '' });
    const saved = process.env.SystemRoot;
    process.env.SystemRoot = 'C:\\Users\\someone\\fake-windows';
    let result: ReturnType<typeof readRegistryPolicy>;
    try { result = readRegistryPolicy(program); } finally { if (saved === undefined) delete process.env.SystemRoot; else process.env.SystemRoot = saved; }
    expect(calls).toEqual([{ file: 'C:\\Windows\\System32\\reg.exe', args: ['query', POLICY_REGISTRY_KEY, '/reg:64'] }]);
    expect(REG_QUERY_ARGS).toEqual(['query', POLICY_REGISTRY_KEY, '/reg:64']);
    expect(result.present && result.values).toHaveLength(11);
  });

  it('treats reg.exe\'s "unable to find" (exit 1) as no Group Policy', () => {
    const { program } = run({ status: 1, stdout: '', stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' });
    expect(readRegistryPolicy(program)).toEqual({ present: false });
  });

  it('stops on any other failure instead of starting without the policy', () => {
    expect(refusal(() => readRegistryPolicy(run({ status: 5, stdout: '', stderr: 'ERROR: Access is denied.' }).program)).code).toBe('E_POLICY_UNREADABLE');
    expect(refusal(() => readRegistryPolicy(run({ status: null, stdout: '', stderr: '', error: new Error('spawn ENOENT') }).program)).message).toMatch(/did not run/);
  });
});
