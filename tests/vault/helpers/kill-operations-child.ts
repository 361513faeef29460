/**
 * Child process for tests/vault/kill-operations.test.ts: unlocks the vault through the test key
 * protector (no scrypt), prints READY, then repeats one operation until it is killed, printing a line
 * after each one that completed, ending with how long it took in ms (the test times its kills by it):
 * - `reply <caseId> <threadId> <file>...`: queueReply with those files → `Q <outboxId> <ms>`
 * - `passphrase <passphrase 0> <passphrase 1> <index of the valid one>`: changePassphrase back and forth →
 *   `P <index of the passphrase now valid> <ms>`
 * - `audit <caseId>`: recordAudit('view') → `S <ms>`
 * - `purge <retentionDays>`: purgeExpiredCases once → `U <ms> <purged case ids>`, then idles
 * Run (bundled by helpers/kill-child.ts): node kill-operations-child.mjs <dir> <protector secret hex> <op> <args...>
 */
import path from 'node:path';
import { unlockVault } from '../../../electron/vault';
import { queueReply } from '../../../electron/sync/outbox';
import { TestKeyProtector } from './test-key-protector';

const [dir, secretHex, op, ...args] = process.argv.slice(2);
const protector = new TestKeyProtector(Buffer.from(secretHex!, 'hex'));
const { vault } = await unlockVault(dir!, { protector });
const say = (line: string) => process.stdout.write(`${line}\n`);
const since = (t0: number) => Math.round(performance.now() - t0);
say('READY');

if (op === 'reply') {
  const [caseId, threadId, ...files] = args;
  for (let i = 0; ; i++) {
    const t0 = performance.now();
    const queued = await queueReply(vault, {
      caseId: Number(caseId), threadId: Number(threadId), body: `Reply ${i} with the signed Form 433-A.`,
      attachments: files.map((f) => ({ name: path.basename(f), path: f })),
    });
    say(`Q ${queued.outboxId} ${since(t0)}`);
  }
} else if (op === 'passphrase') {
  const passphrases = args.slice(0, 2);
  for (let current = Number(args[2]); ; current = 1 - current) {
    const t0 = performance.now();
    await vault.changePassphrase(passphrases[current]!, passphrases[1 - current]!);
    say(`P ${1 - current} ${since(t0)}`);
  }
} else if (op === 'audit') {
  for (;;) {
    const t0 = performance.now();
    vault.recordAudit('view', Number(args[0]));
    say(`S ${since(t0)}`);
  }
} else if (op === 'purge') {
  const t0 = performance.now();
  const reports = await vault.purgeExpiredCases({ retentionDays: Number(args[0]) });
  say(`U ${since(t0)} ${reports.map((r) => r.caseId).join(' ')}`.trimEnd());
  setInterval(() => undefined, 1000); // stay alive until killed
} else {
  throw new Error(`unknown operation ${op}`);
}
