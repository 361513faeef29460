/**
 * A real kill -9 while document requests are being queued: a child process creates requests in a loop
 * and is SIGKILLed after a random delay. After every kill the vault unlocks, SQLite's integrity check
 * is ok, the audit chain verifies, and every outbox row has its request and every request its outbox
 * row (both or neither), each with its items, history and one 'request-create' audit row.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVault, unlockVault } from '../../electron/vault';
import { bundleChild, runAndKill } from '../vault/helpers/kill-child';
import { makeTempDir } from '../vault/helpers/temp-dir';
import { TestKeyProtector } from '../vault/helpers/test-key-protector';
import { PASSPHRASE, syncedCase } from './helpers/casework-fixture';

const CHILD_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'create-request-child.ts');
const protector = new TestKeyProtector();
let tmp: ReturnType<typeof makeTempDir>;
let CHILD: string;
beforeAll(async () => {
  tmp = makeTempDir('casework-kill-');
  CHILD = await bundleChild(CHILD_SOURCE, tmp.dir);
});
afterAll(() => tmp.cleanup());

it('queueing a request: the outbox row and the request exist together or not at all', async () => {
  const KILLS = 12;
  const dir = path.join(tmp.dir, 'vault');
  const vault = await createVault(dir, PASSPHRASE);
  await vault.addKeyProtector(protector);
  const { caseId, threadId } = syncedCase(vault);
  vault.lock();
  let requests = 0;
  for (let round = 0; round < KILLS; round++) {
    // Creating one request takes a few ms (one fsync): kill anywhere in the first ~150 ms of the loop.
    const { lines } = await runAndKill(CHILD, [dir, protector.exportSecret(), String(caseId), String(threadId)], { delayMs: crypto.randomInt(1, 150) });
    const confirmed = lines.filter((l) => l.startsWith('R ')).map((l) => Number(l.split(' ')[1]));
    const { vault: v, report } = await unlockVault(dir, { protector });
    try {
      expect(report.audit.ok).toBe(true);
      expect(v.integrityCheck()).toBe('ok');
      const outbox = v.listOutbox();
      const stored = v.casework.listRequests(caseId);
      for (const id of confirmed) expect(stored.some((r) => r.id === id), `confirmed request ${id}`).toBe(true);
      expect(stored.map((r) => r.outboxId).sort((a, b) => a! - b!)).toEqual(outbox.map((o) => o.id));
      for (const r of stored) {
        expect(r.items.map((i) => i.history.map((h) => h.kind))).toEqual([['requested'], ['requested']]);
        expect(outbox.find((o) => o.id === r.outboxId)!.body).toContain('Bank statements');
      }
      expect(v.listAudit(1_000_000).filter((e) => e.event === 'request-create')).toHaveLength(stored.length);
      expect(stored.length).toBeGreaterThanOrEqual(requests);
      requests = stored.length;
    } finally {
      v.lock();
    }
  }
  console.log(`request queueing: ${KILLS} kills, ${requests} requests stored whole, none half`);
  expect(requests).toBeGreaterThan(0);
}, 180_000);
