/**
 * Policy diagnostics (About) and the printer switch, through the real handlers and the contract's
 * output schema: each value with where it came from; a policy that turns printing off refuses to send
 * a package to a printer before anything is built.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type Services } from '../../electron/ipc/handlers';
import { loadPolicy } from '../../electron/policy/load-policy';
import { parseRegQueryOutput, registryPolicySource } from '../../electron/policy/registry-policy';
import type { EffectivePolicy } from '../../electron/policy/policy-schema';
import { contract } from '../../shared/ipc/contract';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function policyFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-diag-'));
  dirs.push(dir);
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

const registry = {
  present: true as const,
  values: parseRegQueryOutput(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/reg-query/managed-partial-with-subkey.txt'), 'utf8')),
};

function handlersFor(effective: EffectivePolicy, built: string[] = []) {
  const print = { build: async () => { built.push('built'); return { files: ['/srv/SBU/p.pdf'], totalPages: 1, attachments: [] }; }, lastFiles: () => ['/srv/SBU/p.pdf'] };
  return createHandlers({ policy: effective, print, sendToPrinter: async () => true } as unknown as Services);
}

describe('policy.diagnostics', () => {
  it('lists every value with its origin: registry, file path or default', async () => {
    const file = policyFile({ schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/srv/SBU', idleLockMinutes: 12 });
    const answer = await handlersFor(loadPolicy(file, '/home/oe', registryPolicySource(registry)))['policy.diagnostics'](undefined, { url: 'app://scoic/', isMainFrame: true });
    const diagnostics = contract.policy.diagnostics.output.parse(answer);
    const byKey = Object.fromEntries(diagnostics.entries.map((e) => [e.key, e]));
    expect(diagnostics.source).toBe('machine-policy');
    expect(diagnostics.file).toEqual({ path: file, read: true });
    expect(byKey.idleLockMinutes).toMatchObject({ value: 5, origin: 'registry', location: 'HKLM\\SOFTWARE\\Policies\\IRS\\SCOIC Secure Messaging' });
    expect(byKey.serverUrl).toMatchObject({ value: 'https://sm.example.gov/', origin: 'file', location: file });
    expect(byKey.retentionDays).toMatchObject({ value: 90, origin: 'default', location: null });
    expect(byKey.documentRequestDefaultDays).toMatchObject({ value: 14, origin: 'default' });
    expect(diagnostics.entries.map((e) => e.key)).toContain('allowPhysicalPrinting');
  });

  it('says DEMO defaults when nothing is installed', async () => {
    const answer = await handlersFor(loadPolicy('/nonexistent/policy.json', '/home/dev'))['policy.diagnostics'](undefined, { url: 'app://scoic/', isMainFrame: true });
    const diagnostics = contract.policy.diagnostics.output.parse(answer);
    expect(diagnostics.file).toEqual({ path: '/nonexistent/policy.json', read: false });
    expect(new Set(diagnostics.entries.map((e) => e.origin))).toEqual(new Set(['development-default']));
  });
});

describe('allowPhysicalPrinting', () => {
  const sender = { url: 'app://scoic/', isMainFrame: true };
  it('refuses the printer, before building, when policy turns printing off; saving still works', async () => {
    const built: string[] = [];
    const values = [...registry.values, { name: 'serverUrl', type: 'REG_SZ' as const, data: 'https://sm.example.gov/' }, { name: 'sbuFolder', type: 'REG_SZ' as const, data: '/srv/SBU' }];
    const handlers = handlersFor(loadPolicy('/nonexistent/policy.json', '/home/oe', registryPolicySource({ present: true, values })), built);
    await expect(handlers['print.package']({ scope: { kind: 'message', messageId: 1 }, destination: 'printer' } as never, sender)).rejects.toMatchObject({ code: 'E_PRINTING_DISABLED' });
    expect(built).toEqual([]);
    await expect(handlers['print.package']({ scope: { kind: 'message', messageId: 1 }, destination: 'save' } as never, sender)).resolves.toMatchObject({ printed: null });
    expect(built).toEqual(['built']);
  });

  it('sends to the printer when allowed (the default)', async () => {
    const file = policyFile({ schemaVersion: 1, serverUrl: 'https://sm.example.gov/', sbuFolder: '/srv/SBU' });
    const handlers = handlersFor(loadPolicy(file, '/home/oe'));
    await expect(handlers['print.package']({ scope: { kind: 'message', messageId: 1 }, destination: 'printer' } as never, sender)).resolves.toMatchObject({ printed: true });
  });
});
