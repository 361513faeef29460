/**
 * Property-based fuzz of every IPC channel through the real router and the real handlers, over a real
 * encrypted vault with a case, a thread, messages and an attachment. Whatever the renderer sends —
 * well-shaped with random ids, malformed, oversized, wrong-typed, or with `__proto__` / `constructor`
 * keys — the answer is a Result: a value, or a typed error (never E_INTERNAL), and nothing is left to
 * reject unhandled. Dialogs are fakes; the server is 127.0.0.1:9 (nothing listens: offline at once).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../electron/app-services';
import { createIpcRouter, type IpcRouter } from '../../electron/ipc/router';
import { developmentDefaults } from '../../electron/policy/load-policy';
import { createPreferences } from '../../electron/preferences/preferences';
import { listChannels, type ChannelName } from '../../shared/ipc/contract';
import { memoryStore, offlineParts } from './helpers/offline-services';

const PASSPHRASE = 'correct horse battery staple';
const fromApp = { url: 'app://scoic/index.html', isMainFrame: true };

type Json = { [k: string]: unknown };

/** Ids near the seeded records (1..12), their neighbours' edges and the largest safe integer. */
function integerArb(s: Json): fc.Arbitrary<number> {
  const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : typeof s.minimum === 'number' ? s.minimum : 0;
  const max = typeof s.maximum === 'number' ? s.maximum : Number.MAX_SAFE_INTEGER;
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min, max: Math.min(max, min + 12) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  );
}

function stringArb(s: Json): fc.Arbitrary<string> {
  if (s.format === 'uuid') return fc.uuid();
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = typeof s.maxLength === 'number' ? Math.min(s.maxLength, 64) : 64;
  return fc.oneof(
    fc.string({ minLength, maxLength, unit: 'grapheme' }),
    // Path-ish and prototype-ish words a hostile renderer would try in names and queries.
    fc.constantFrom('..', '../../etc/passwd', '__proto__', 'constructor', 'C:\\Windows\\win.ini', '%00', '*', '"', 'NUL').filter((v) => v.length >= minLength),
    ...(typeof s.maxLength === 'number' ? [fc.constant('x'.repeat(s.maxLength))] : []),
  );
}

/** A well-shaped value for a JSON Schema (as zod writes it): what the contract accepts, with random content. */
function validArb(s: Json): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map(validArb));
  switch (s.type) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Json>;
      const required = new Set((s.required ?? []) as string[]);
      const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validArb(v)]));
      return fc.record(shape, { requiredKeys: [...required].filter((k) => k in props) as never[] });
    }
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = typeof s.maxItems === 'number' ? Math.min(s.maxItems, 4) : 4;
      return fc.array(validArb(s.items as Json), { minLength, maxLength });
    }
    case 'integer': return integerArb(s);
    case 'number': return fc.double();
    case 'string': return stringArb(s);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    default: return fc.constant(undefined); // a no-argument channel
  }
}

/** Values of the wrong type, or out of bounds, for any field. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, -(2 ** 53), '', '1', [], {}),
  fc.constantFrom('x'.repeat(1025), 'x'.repeat(100_001), 'y'.repeat(300_000)),
  fc.bigInt().map((b) => b), // not even JSON
  fc.constant(new Date(0)), fc.constant(new Uint8Array(8)), fc.constant(Object.create(null) as object),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withTypedArray: true }),
);

/** A copy of `value` with an own key that would pollute a prototype if anything merged it naively. */
function withOwnKey(value: unknown, key: string, extra: unknown): unknown {
  const base = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object) } : {};
  Object.defineProperty(base, key, { value: extra, enumerable: true, configurable: true, writable: true });
  return base;
}

/** Malformed payloads built from a well-shaped one: a field retyped, a field dropped, a key added, or junk. */
function malformedArb(s: Json): fc.Arbitrary<unknown> {
  const valid = validArb(s);
  const keys = Object.keys((s.properties ?? {}) as object);
  const retyped = keys.length === 0 ? hostileValue : fc.tuple(valid, fc.constantFrom(...keys), hostileValue)
    .map(([v, k, bad]) => ({ ...(v as object), [k]: bad }));
  const dropped = keys.length === 0 ? fc.constant({ unexpected: 1 }) : fc.tuple(valid, fc.constantFrom(...keys))
    .map(([v, k]) => { const copy = { ...(v as Record<string, unknown>) }; delete copy[k]; return copy; });
  const prototypeKeyed = fc.tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then'), hostileValue)
    .map(([v, k, bad]) => withOwnKey(v, k, bad));
  const parsedProto = valid.map((v) => JSON.parse(`{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"rest":${JSON.stringify(v ?? null)}}`) as unknown);
  return fc.oneof(retyped, dropped, prototypeKeyed, parsedProto, hostileValue);
}

let dir: string;
let services: AppServices;
let router: IpcRouter;
const internal: Array<{ channel: string; error: string }> = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => { unhandled.push(reason); };

async function seed(): Promise<void> {
  const vault = services.vault.require();
  for (let n = 0; n < 2; n++) {
    const caseId = vault.createCase({ offerNumber: `DEMO-00000${12345 + n}`, taxpayerName: `Fuzz Taxpayer ${n}`, tinMasked: `***-**-432${n}`, assignedRole: 'OE', createdAt: '2025-04-01T12:00:00Z' });
    for (let t = 0; t < 2; t++) {
      const threadId = vault.upsertThread({ caseId, serverThreadId: `thr-${n}-${t}`, subject: `Thread ${t}`, createdAt: '2025-04-01T12:00:00Z' });
      const messageId = vault.insertMessage({ threadId, serverId: `b0b0cafe-${n}-${t}`, direction: 'inbound', serverReceivedAt: '2025-04-21T14:03:00Z', from: 'Fuzz Taxpayer', subject: 'Re', body: 'Attached.' }).id;
      await vault.addAttachment({ messageId, fileName: `note-${n}-${t}.txt`, declaredType: 'text/plain' }, Readable.from([Buffer.from('plain text\n')]));
    }
  }
}

/** Puts the vault back to unlocked after a channel that locks or erases it (the rest need it open). */
async function restoreVault(): Promise<void> {
  const { state } = services.vault.status();
  if (state === 'locked') await services.vault.unlock(PASSPHRASE);
  if (state === 'absent') { await services.vault.create(PASSPHRASE); await seed(); }
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-ipc-fuzz-'));
  services = createAppServices({
    runtime: { name: 'SCOIC', version: '9.9.9', build: 'b', platform: 'linux', arch: 'x64', versions: process.versions, demo: true },
    policy: { policy: developmentDefaults(dir), source: 'development-defaults', file: null },
    preferences: createPreferences(memoryStore()),
    ...offlineParts(dir), // server http://127.0.0.1:9/, a file dialog that picks nothing
    showItemInFolder: () => undefined,
  });
  router = createIpcRouter({ handlers: services.handlers, allowedOrigins: ['app://scoic'], onInternalError: (channel, error) => {
    internal.push({ channel, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  } });
  await services.vault.create(PASSPHRASE);
  await seed();
}, 60_000);

afterAll(async () => {
  await services?.vault.lock('user').catch(() => undefined);
  process.off('unhandledRejection', onUnhandled);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Channels whose every call costs a key derivation, a sign-in attempt or a PDF build: fewer runs. */
const EXPENSIVE = new Set<ChannelName>(['vault.create', 'vault.unlock', 'vault.lock', 'vault.erase', 'vault.unlockWithOsKeyStore', 'print.package', 'sync.now', 'sync.signIn', 'sync.signOut']);

describe('IPC fuzz: every channel through the real router and handlers', () => {
  for (const [name, spec] of listChannels()) {
    it(`${name}: well-shaped and malformed payloads give a value or a typed error, never E_INTERNAL`, async () => {
      const schema = z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as Json;
      const runs = EXPENSIVE.has(name) ? 4 : 30;
      internal.length = 0; // one channel's failure is reported once, not by every channel after it
      let reachedService = 0; // well-shaped payloads must get past the schema, or the fuzz tests nothing
      const check = async (payload: unknown) => {
        const result = await router.dispatch(name, payload, fromApp);
        expect(result).toHaveProperty('ok');
        if (result.ok || result.error.code !== 'E_INVALID_PAYLOAD') reachedService++;
        if (!result.ok) {
          expect(result.error.code).toMatch(/^E_[A-Z0-9_]+$/);
          expect(result.error.code, `${name} answered E_INTERNAL: ${JSON.stringify(internal.at(-1))}`).not.toBe('E_INTERNAL');
        }
        await restoreVault();
      };
      await fc.assert(fc.asyncProperty(validArb(schema), check), { numRuns: runs });
      expect(reachedService).toBeGreaterThan(0);
      await fc.assert(fc.asyncProperty(malformedArb(schema), check), { numRuns: runs });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(internal).toEqual([]);
      expect(unhandled).toEqual([]);
    }, 30_000);
  }
});

describe('drafts.save checks that the thread is the case\'s own', () => {
  const save = (payload: unknown) => router.dispatch('drafts.save', payload, fromApp);

  it('answers E_NOT_FOUND for a missing case or thread, and for a thread of another case, saving nothing', async () => {
    await restoreVault();
    const vault = services.vault.require();
    const [first, second] = vault.listCases().map((c) => c.id) as [number, number];
    const otherThread = vault.listThreads(second)[0]!.id;
    const ownThread = vault.listThreads(first)[0]!.id;
    for (const payload of [
      { caseId: first, threadId: 999_999, body: 'text' },
      { caseId: 999_999, threadId: null, body: 'text' },
      { caseId: first, threadId: otherThread, body: 'text' },
    ]) {
      expect(await save(payload)).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    }
    expect(vault.listDrafts(first).filter((d) => d.threadId === otherThread)).toEqual([]);
    expect(await save({ caseId: first, threadId: ownThread, body: 'kept' })).toEqual({ ok: true, value: { saved: true } });
    expect(await router.dispatch('drafts.get', { caseId: first, threadId: ownThread }, fromApp)).toEqual({ ok: true, value: { subject: '', body: 'kept' } });
    await save({ caseId: first, threadId: ownThread, body: '' });
  });
});

describe('sync.signIn: one password bound for the IPC contract and the protocol', () => {
  it('refuses a password over the protocol\'s bound at the IPC boundary, and lets one at the bound through to the server', async () => {
    await restoreVault();
    const tooLong = await router.dispatch('sync.signIn', { accessCode: '1004821', password: 'p'.repeat(257) }, fromApp);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    // At the bound the request goes out (and finds nobody at 127.0.0.1:9): not refused as a malformed "reply".
    const atBound = await router.dispatch('sync.signIn', { accessCode: '1004821', password: 'p'.repeat(256) }, fromApp);
    expect(atBound.ok).toBe(false);
    if (!atBound.ok) {
      expect(atBound.error.code).not.toBe('E_INVALID_INPUT');
      expect(atBound.error.message).not.toMatch(/reply could not be queued/);
    }
  });
});
