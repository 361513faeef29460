/**
 * Real kills beyond message writes: a child process repeats one vault operation and is SIGKILLed at
 * varied moments (a random delay, or the Nth file event in the folder the operation writes to), for
 * four operations: queueing a reply with files, changing the passphrase (the key-file rewrite), audit
 * appends, and the retention purge. After every kill the vault unlocks, the audit chain verifies, the
 * operation happened whole or not at all (rows and files counted), the vault folder holds no temp file
 * and no blob without a row.
 */
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, unlockVault, type Vault } from '../../electron/vault';
import { isTempName } from '../../electron/vault/atomic-file';
import { readKeyFile } from '../../electron/vault/key-file';
import { discardUnfinishedReplies } from '../../electron/sync/outbox';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { generateBuffer, once } from './helpers/generated-bytes';
import { bundleChild, runAndKill, type KillPlan } from './helpers/kill-child';
import { listFilesRecursive, makeTempDir } from './helpers/temp-dir';
import { TestKeyProtector } from './helpers/test-key-protector';

const CHILD_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'kill-operations-child.ts');
const protector = new TestKeyProtector();
let tmp: ReturnType<typeof makeTempDir>;
let CHILD: string;
beforeAll(async () => {
  tmp = makeTempDir('vault-kill-');
  CHILD = await bundleChild(CHILD_SOURCE, tmp.dir);
});
afterAll(() => tmp.cleanup());

async function newVault(name: string): Promise<{ dir: string; vault: Vault }> {
  const dir = path.join(tmp.dir, name);
  const vault = await createVault(dir, PASSPHRASE);
  await vault.addKeyProtector(protector);
  return { dir, vault };
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const randomBetween = (min: number, max: number) => crypto.randomInt(min, max + 1);

/**
 * When to kill: every second round at the Nth file event (1..maxEvents) in `watchDir`, the others after a
 * random delay up to 1.5x the operation's duration as last measured by the child (the box's load varies
 * several-fold, so a fixed range would kill only before or only after the interesting part).
 */
class KillClock {
  constructor(private opMs: number, private readonly watchDir: string, private readonly maxEvents: number) {}

  plan(round: number): KillPlan {
    const delayMs = randomBetween(1, Math.ceil(this.opMs * 1.5));
    return round % 2 === 0 ? { delayMs } : { delayMs: Math.ceil(this.opMs * 3), watchDir: this.watchDir, afterEvents: randomBetween(1, this.maxEvents) };
  }

  /** Learns from a round: the durations the child printed, or, with none, that the operation takes longer than that delay. */
  learn(plan: KillPlan, durations: number[]): void {
    if (durations.length > 0) this.opMs = Math.max(1, ...durations);
    else if (plan.watchDir === undefined) this.opMs = Math.max(this.opMs, plan.delayMs * 1.3);
  }
}

/** The last number of each confirmation line: how long the operation took. */
const durationsOf = (lines: string[]) => lines.map((l) => Number(l.split(' ').at(-1))).filter((n) => Number.isFinite(n));

/** Temp files anywhere in the vault folder (a crash leftover the unlock sweep must remove). */
const tempFiles = (dir: string) => listFilesRecursive(dir).filter((f) => isTempName(path.basename(f)) || /\.partial$|\.part$|\.tmp$/.test(f));

/** Blob files the vault's rows point to: received attachments and files of queued replies. */
function referencedBlobs(vault: Vault): Set<string> {
  const refs = new Set<string>();
  for (const c of vault.listCases()) for (const m of vault.listCaseMessages(c.id)) for (const a of vault.listAttachments(m.id)) refs.add(a.blobRef);
  for (const o of vault.listOutbox()) for (const a of vault.sync.listOutboxAttachments(o.id)) refs.add(a.blobRef);
  return refs;
}

/** After a kill and an unlock: no temp file, and every blob file has its row. */
function expectCleanFolder(dir: string, vault: Vault): void {
  expect(tempFiles(dir)).toEqual([]);
  const refs = referencedBlobs(vault);
  expect(fs.readdirSync(path.join(dir, 'blobs')).filter((n) => !refs.has(n))).toEqual([]);
}

async function readAll(reader: { range(): AsyncIterable<Uint8Array>; close(): Promise<void> }): Promise<string> {
  const h = crypto.createHash('sha256');
  try {
    for await (const p of reader.range()) h.update(p);
  } finally {
    await reader.close();
  }
  return h.digest('hex');
}

const countAudit = (vault: Vault, event: string) => vault.listAudit(10_000_000).filter((e) => e.event === event).length;

/**
 * Unlocks with the likelier passphrase first, then the other (each try costs a full scrypt, ~0.5-1.5 s
 * here); fails when neither opens the vault.
 */
async function openWithEither(dir: string, passphrases: readonly string[], first: number) {
  try {
    return { i: first, ...(await unlockVault(dir, passphrases[first]!)) };
  } catch (err) {
    expect((err as { code?: string }).code).toBe('E_WRONG_PASSPHRASE');
    return { i: 1 - first, ...(await unlockVault(dir, passphrases[1 - first]!)) };
  }
}

describe('kill -9 during vault operations', () => {
  it('queueing a reply with files: the item is queued with every file, or not there at all', async () => {
    const KILLS = 24;
    const { dir, vault } = await newVault('reply');
    const { caseId, threadId } = seedCase(vault);
    vault.sync.linkServerCase('srv-case-1', caseId);
    vault.lock();
    const files = [
      { name: 'bank-statement-march.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), generateBuffer(1_400_000, 'a')]) },
      { name: 'pay-stub.txt', bytes: Buffer.from('Pay stub, net 2,140.00\n'.repeat(20_000)) },
      { name: 'letter.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), generateBuffer(90_000, 'c')]) },
    ];
    fs.mkdirSync(path.join(tmp.dir, 'picked'));
    const shaByName = new Map(files.map((f) => {
      fs.writeFileSync(path.join(tmp.dir, 'picked', f.name), f.bytes);
      return [f.name, sha256(f.bytes)];
    }));
    const outcome = { happened: 0, notHappened: 0, discardedHalfQueued: 0, tempLeft: 0 };
    const verified = new Set<number>();
    let items = 0;
    const clock = new KillClock(300, path.join(dir, 'blobs'), 16); // per file: temp created, chunks written, renamed
    for (let round = 0; round < KILLS; round++) {
      const plan = clock.plan(round);
      const { lines } = await runAndKill(CHILD, [dir, protector.exportSecret(), 'reply', String(caseId), String(threadId),
        ...files.map((f) => path.join(tmp.dir, 'picked', f.name))], plan);
      clock.learn(plan, durationsOf(lines));
      const confirmed = lines.filter((l) => l.startsWith('Q ')).map((l) => Number(l.split(' ')[1]));
      if (tempFiles(dir).length > 0) outcome.tempLeft += 1;
      const { vault: v, report } = await unlockVault(dir, { protector });
      try {
        expect(report.audit.ok).toBe(true);
        outcome.discardedHalfQueued += await discardUnfinishedReplies(v); // what the sync service does at start
        const outbox = v.listOutbox();
        for (const id of confirmed) expect(outbox.some((o) => o.id === id), `confirmed item ${id}`).toBe(true);
        const inFlight = outbox.length - items - confirmed.length;
        expect([0, 1]).toContain(inFlight);
        if (inFlight === 1) outcome.happened += 1; else outcome.notHappened += 1;
        items = outbox.length;
        for (const item of outbox) {
          expect(item.state).toBe('queued');
          const queued = v.sync.listOutboxAttachments(item.id);
          expect(queued.map((a) => a.fileName)).toEqual(files.map((f) => f.name));
          if (verified.has(item.id)) continue;
          for (const a of queued) expect(await readAll(await v.sync.openOutboxAttachment(a.id))).toBe(shaByName.get(a.fileName));
          verified.add(item.id);
        }
        expectCleanFolder(dir, v);
      } finally {
        v.lock();
      }
    }
    console.log(`reply with 3 files: ${KILLS} kills, in-flight reply happened ${outcome.happened}, not ${outcome.notHappened} ` +
      `(${outcome.discardedHalfQueued} half-copied replies discarded at start, ${outcome.tempLeft} kills left a temp blob); ${items} replies queued whole`);
    expect(items).toBeGreaterThan(0);
  });

  it('changing the passphrase: exactly one of the old and the new one opens the vault, and every change is audited', async () => {
    const KILLS = 20;
    const passphrases = [PASSPHRASE, 'another long passphrase for the kill test'];
    const { dir, vault } = await newVault('passphrase');
    vault.lock();
    let valid = 0;
    let changes = 0;
    const outcome = { happened: 0, notHappened: 0, tempLeft: 0 };
    // The child runs two scrypt derivations per change (~1 s idle, 3 s on a loaded box); file events: temp key
    // file created, written, renamed over the key file, then the audit row's WAL write.
    const clock = new KillClock(1200, dir, 6);
    for (let round = 0; round < KILLS; round++) {
      const plan = clock.plan(round);
      const { lines } = await runAndKill(CHILD, [dir, protector.exportSecret(), 'passphrase', ...passphrases, String(valid)], plan);
      clock.learn(plan, durationsOf(lines));
      const confirmed = lines.filter((l) => l.startsWith('P ')).map((l) => Number(l.split(' ')[1]));
      const lastKnown = confirmed.at(-1) ?? valid;
      if (tempFiles(dir).length > 0) outcome.tempLeft += 1;
      // Exactly one opens it: the key file holds one passphrase wrap (so at most one can), and one of them does.
      expect((await readKeyFile(dir)).wraps.filter((w) => w.kind === 'passphrase')).toHaveLength(1);
      const { vault: v, report, i } = await openWithEither(dir, passphrases, lastKnown);
      try {
        expect(report.audit.ok).toBe(true);
        const happened = i !== lastKnown;
        if (happened) outcome.happened += 1; else outcome.notHappened += 1;
        changes += confirmed.length + (happened ? 1 : 0);
        valid = i;
        expect(countAudit(v, 'passphrase-change'), 'one audit row per change that took effect').toBe(changes);
        expect((await unlockVault(dir, { protector }).then(({ vault: w }) => { w.lock(); return true; }))).toBe(true);
        expectCleanFolder(dir, v);
      } finally {
        v.lock();
      }
    }
    console.log(`passphrase change: ${KILLS} kills, in-flight change happened ${outcome.happened}, not ${outcome.notHappened} ` +
      `(${outcome.tempLeft} kills left a temp key file); ${changes} changes in all, each audited once`);
  });

  it('a passphrase change cut off between the key-file rename and its audit row is audited at the next unlock, once', async () => {
    // The same moment as a kill in that window, made deterministic: the new key file next to the database as it was before the change.
    const { dir, vault } = await newVault('passphrase-gap');
    vault.lock();
    const before = path.join(tmp.dir, 'passphrase-gap-before');
    fs.cpSync(dir, before, { recursive: true });
    const NEW = 'the new passphrase after the gap';
    const { vault: v } = await unlockVault(dir, PASSPHRASE);
    await v.changePassphrase(PASSPHRASE, NEW);
    v.lock();
    fs.copyFileSync(path.join(dir, 'vault.keys.json'), path.join(before, 'vault.keys.json'));
    await expect(unlockVault(before, PASSPHRASE)).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE' });
    for (let i = 0; i < 2; i++) {
      const { vault: w, report } = await unlockVault(before, NEW);
      try {
        expect(report.audit.ok).toBe(true);
        expect(countAudit(w, 'passphrase-change')).toBe(1);
      } finally {
        w.lock();
      }
    }
  });

  it('audit appends: the chain verifies and holds every confirmed row, plus at most the one in flight', async () => {
    const KILLS = 25;
    const { dir, vault } = await newVault('audit');
    const { caseId } = seedCase(vault);
    vault.lock();
    let views = 0;
    const outcome = { happened: 0, notHappened: 0 };
    for (let round = 0; round < KILLS; round++) {
      // Appends take ~1 ms: kill after up to 200 ms (~100 rows), or at one of the first 40 WAL writes.
      const plan: KillPlan = round % 2 === 0 ? { delayMs: randomBetween(1, 200) } : { delayMs: 600, watchDir: dir, afterEvents: randomBetween(1, 40) };
      const { lines } = await runAndKill(CHILD, [dir, protector.exportSecret(), 'audit', String(caseId)], plan);
      const confirmed = lines.filter((l) => l.startsWith('S')).length;
      const { vault: v, report } = await unlockVault(dir, { protector });
      try {
        expect(report.audit).toMatchObject({ ok: true });
        expect(v.verifyAudit().ok).toBe(true);
        const now = countAudit(v, 'view');
        const inFlight = now - views - confirmed;
        expect([0, 1]).toContain(inFlight);
        if (inFlight === 1) outcome.happened += 1; else outcome.notHappened += 1;
        views = now;
        expectCleanFolder(dir, v);
      } finally {
        v.lock();
      }
    }
    console.log(`audit append: ${KILLS} kills, in-flight row committed ${outcome.happened}, not ${outcome.notHappened}; ${views} rows, chain verified each time`);
    expect(views).toBeGreaterThan(KILLS);
  });

  it('retention purge: each expired case is gone whole (rows, key, files) or still there whole', async () => {
    const KILLS = 20;
    const CASES_PER_ROUND = 3;
    const { dir, vault } = await newVault('purge');
    const kept = seedCase(vault, 0); // open: never purged
    vault.lock();
    type Seeded = { refs: string[]; shas: Map<string, string> };
    const waiting = new Map<number, Seeded>();
    let purged = 0;
    const outcome = { purged: 0, notPurged: 0, orphansSwept: 0 };
    const clock = new KillClock(150, path.join(dir, 'blobs'), 3 * CASES_PER_ROUND * 2); // 3 files per case
    for (let round = 0; round < KILLS; round++) {
      // Seed closed cases (2 received files + 1 queued reply file each), closed long ago.
      const { vault: s } = await unlockVault(dir, { protector });
      for (let k = 0; k < CASES_PER_ROUND; k++) {
        const n = 1 + round * CASES_PER_ROUND + k;
        const { caseId, messageId } = seedCase(s, n);
        const shas = new Map<string, string>();
        const refs: string[] = [];
        for (let f = 0; f < 2; f++) {
          const a = await s.addAttachment({ messageId, fileName: `statement-${f}.pdf`, declaredType: 'application/pdf' }, once(generateBuffer(randomBetween(10_000, 200_000), `${n}-${f}`)));
          refs.push(a.blobRef);
          shas.set(a.blobRef, a.sha256);
        }
        const outboxId = s.enqueueOutbox({ caseId, threadId: null, clientMessageId: randomUUID(), subject: 'Signed form', body: 'Attached.' });
        const q = await s.sync.addOutboxAttachment({ outboxId, fileName: 'form.pdf', declaredType: 'application/pdf', maxBytes: 1_000_000 }, once(generateBuffer(50_000, `${n}-o`)));
        refs.push(q.blobRef);
        shas.set(q.blobRef, q.sha256);
        s.closeCase(caseId, '2020-01-15T00:00:00.000Z');
        waiting.set(caseId, { refs, shas });
      }
      s.lock();

      const plan = clock.plan(round);
      const { lines } = await runAndKill(CHILD, [dir, protector.exportSecret(), 'purge', '30'], plan);
      const done = lines.find((l) => l.startsWith('U'));
      clock.learn(plan, done === undefined ? [] : [Number(done.split(' ')[1])]);
      const { vault: v, report } = await unlockVault(dir, { protector });
      try {
        expect(report.audit.ok).toBe(true);
        outcome.orphansSwept += report.sweep.orphanBlobsRemoved;
        expect(v.getCase(kept.caseId).status).toBe('open');
        const present = new Set(v.listCases().map((c) => c.id));
        const blobs = new Set(fs.readdirSync(path.join(dir, 'blobs')));
        for (const [caseId, seeded] of waiting) {
          if (present.has(caseId)) {
            // Not purged: every row and file is still there and decrypts with the case key.
            if (done) expect.fail(`case ${caseId} survived a purge that reported done`);
            const atts = v.listCaseMessages(caseId).flatMap((m) => v.listAttachments(m.id));
            const outboxFiles = v.listOutbox().filter((o) => o.caseId === caseId).flatMap((o) => v.sync.listOutboxAttachments(o.id));
            expect(atts).toHaveLength(2);
            expect(outboxFiles).toHaveLength(1);
            for (const a of atts) expect(await readAll(await v.openAttachment(a.id))).toBe(seeded.shas.get(a.blobRef));
            for (const a of outboxFiles) expect(await readAll(await v.sync.openOutboxAttachment(a.id))).toBe(seeded.shas.get(a.blobRef));
            outcome.notPurged += 1;
          } else {
            // Purged: none of its files outlive the sweep (its rows went with the case row, in one transaction).
            expect(seeded.refs.filter((r) => blobs.has(r))).toEqual([]);
            expect(v.listOutbox().filter((o) => o.caseId === caseId)).toEqual([]);
            waiting.delete(caseId);
            purged += 1;
            outcome.purged += 1;
          }
        }
        expect(countAudit(v, 'purge'), 'one purge row per purged case').toBe(purged);
        expectCleanFolder(dir, v);
      } finally {
        v.lock();
      }
    }
    console.log(`retention purge: ${KILLS} kills over ${KILLS * CASES_PER_ROUND} expired cases; per case purged whole ${outcome.purged}, ` +
      `left whole ${outcome.notPurged} (retried next round); ${outcome.orphansSwept} orphan files swept at unlock`);
  });
});
