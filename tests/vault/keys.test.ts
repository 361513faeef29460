/** Create, unlock, wrong passphrase, not a vault, damaged, change passphrase, OS key-store wrap, lock. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault } from '../../electron/vault';
import { KEY_FILE_NAME } from '../../electron/vault/key-file';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { makeTempDir } from './helpers/temp-dir';
import { TestKeyProtector } from './helpers/test-key-protector';
import { once } from './helpers/generated-bytes';

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => { tmp = makeTempDir(); dir = path.join(tmp.dir, 'vault'); });
afterEach(() => tmp.cleanup());

const codeOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'no error';
};

describe('vault keys', () => {
  it('creates, locks and unlocks with the passphrase; data survives', async () => {
    const v = await createVault(dir, PASSPHRASE);
    const { caseId } = seedCase(v);
    v.lock();
    expect(v.isLocked).toBe(true);
    const { vault } = await unlockVault(dir, PASSPHRASE);
    expect(vault.getCase(caseId).offerNumber).toBe('DEMO-0000012346');
    const kf = JSON.parse(fs.readFileSync(path.join(dir, KEY_FILE_NAME), 'utf8'));
    expect(kf.body.wraps[0].kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(kf.body.wraps[0].kdf.maxmem).toBeGreaterThanOrEqual(134_220_800);
    vault.lock();
  });

  it('refuses a second create in the same folder and short passphrases', async () => {
    expect(await codeOf(createVault(dir, 'short'))).toBe('E_WEAK_PASSPHRASE');
    (await createVault(dir, PASSPHRASE)).lock();
    expect(await codeOf(createVault(dir, PASSPHRASE))).toBe('E_VAULT_EXISTS');
  });

  it('tells a wrong passphrase, a folder that is not a vault and a damaged vault apart', async () => {
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_NOT_A_VAULT');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, KEY_FILE_NAME), '{"hello": "world"}');
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_NOT_A_VAULT');
    fs.rmSync(dir, { recursive: true });

    (await createVault(dir, PASSPHRASE)).lock();
    expect(await codeOf(unlockVault(dir, 'not the passphrase at all'))).toBe('E_WRONG_PASSPHRASE');

    // An edited key file: checksum no longer matches.
    const keyFile = path.join(dir, KEY_FILE_NAME);
    const original = fs.readFileSync(keyFile, 'utf8');
    fs.writeFileSync(keyFile, original.replace(/"N": \d+/, '"N": 16384'));
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_VAULT_DAMAGED');
    fs.writeFileSync(keyFile, original.slice(0, original.length / 2));
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_VAULT_DAMAGED');
    fs.writeFileSync(keyFile, original);

    // A damaged database file (page 1 overwritten).
    const db = path.join(dir, 'vault.db');
    const bytes = fs.readFileSync(db);
    const broken = Buffer.from(bytes);
    broken.fill(0x41, 0, 4096);
    fs.writeFileSync(db, broken);
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_VAULT_DAMAGED');
    fs.rmSync(db);
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_VAULT_DAMAGED');
    fs.writeFileSync(db, ''); // truncated to zero: must not be taken for a fresh, empty vault
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_VAULT_DAMAGED');
    fs.writeFileSync(db, bytes);
    const { vault } = await unlockVault(dir, PASSPHRASE);
    vault.lock();
  });

  it('changes the passphrase without re-encrypting the database', async () => {
    const v = await createVault(dir, PASSPHRASE);
    seedCase(v);
    v.lock();
    const dbBefore = fs.readFileSync(path.join(dir, 'vault.db'));
    const { vault } = await unlockVault(dir, PASSPHRASE);
    expect(await codeOf(vault.changePassphrase('wrong old passphrase', 'a brand new passphrase'))).toBe('E_WRONG_PASSPHRASE');
    await vault.changePassphrase(PASSPHRASE, 'a brand new passphrase');
    vault.lock();
    expect(await codeOf(unlockVault(dir, PASSPHRASE))).toBe('E_WRONG_PASSPHRASE');
    const { vault: again } = await unlockVault(dir, 'a brand new passphrase');
    expect(again.listCases()).toHaveLength(1);
    again.lock();
    // Same database key: the first page (salt + encrypted header) is unchanged.
    expect(fs.readFileSync(path.join(dir, 'vault.db')).subarray(0, 4096).equals(dbBefore.subarray(0, 4096))).toBe(true);
  });

  it('unlocks with an OS key-store protector and refuses one that gives no protection', async () => {
    const v = await createVault(dir, PASSPHRASE);
    const protector = new TestKeyProtector();
    await v.addKeyProtector(protector);
    v.lock();
    const { vault } = await unlockVault(dir, { protector });
    vault.lock();
    // Another machine's store (a different secret) cannot unwrap it.
    expect(await codeOf(unlockVault(dir, { protector: new TestKeyProtector() }))).toBe('E_KEY_PROTECTOR_UNAVAILABLE');
    protector.backend = 'basic_text';
    expect(await codeOf(unlockVault(dir, { protector }))).toBe('E_KEY_PROTECTOR_UNAVAILABLE');
    const { vault: v2 } = await unlockVault(dir, PASSPHRASE);
    expect(await codeOf(v2.addKeyProtector(protector))).toBe('E_KEY_PROTECTOR_UNAVAILABLE');
    // The passphrase change keeps the key-store wrap.
    protector.backend = 'test';
    await v2.changePassphrase(PASSPHRASE, 'another long passphrase');
    v2.lock();
    (await unlockVault(dir, { protector })).vault.lock();
  });

  it('after lock every query fails with E_LOCKED', async () => {
    const protector = new TestKeyProtector();
    const vault = await createVault(dir, PASSPHRASE);
    const { caseId, messageId } = seedCase(vault);
    const att = await vault.addAttachment({ messageId, fileName: 'statement.pdf', declaredType: 'application/pdf' }, once(Buffer.from('%PDF-1.7 test')));
    const reader = await vault.openAttachment(att.id);
    vault.lock();
    vault.lock(); // idempotent
    const calls: Array<() => unknown> = [
      () => vault.listCases(), () => vault.getCase(caseId), () => vault.openCase(caseId), () => vault.listCaseMessages(caseId),
      () => vault.search({ query: 'bank' }), () => vault.getAttachment(att.id), () => vault.openAttachment(att.id),
      () => vault.readAttachmentRange(att.id, 0, 4), () => vault.attachmentStream(att.id),
      () => vault.addAttachment({ messageId, fileName: 'a.pdf', declaredType: 'application/pdf' }, once(Buffer.from('x'))),
      () => vault.exportAttachment(att.id, tmp.dir, 'x.pdf'), () => vault.purgeCase(caseId), () => vault.verifyAudit(),
      () => vault.recordAudit('view', caseId), () => vault.saveDraft({ caseId, subject: 's', body: 'b' }), () => vault.listOutbox(),
      () => vault.getSyncCursor('inbox'), () => vault.setSyncCursor('inbox', '1'), () => vault.changePassphrase(PASSPHRASE, 'x'.repeat(20)),
      () => vault.addKeyProtector(protector), () => vault.purgeExpiredCases({ retentionDays: 1 }), () => vault.createCase({
        offerNumber: 'DEMO-0000000001', taxpayerName: 'x', tinMasked: '***-**-4320', assignedRole: 'PE', createdAt: '2025-01-01T00:00:00Z' }),
    ];
    for (const call of calls) expect(await codeOf(call)).toBe('E_LOCKED');
    // A reader opened before the lock is closed by it.
    const failed = await codeOf(async () => { for await (const _ of reader.range()) { /* drain */ } });
    expect(failed).toBe('E_LOCKED');
  });
});
