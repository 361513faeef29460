/** Locking while an attachment streams in: the write fails with E_LOCKED and leaves no file behind. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createVault, unlockVault } from '../../electron/vault';
import { PASSPHRASE, seedCase } from './helpers/fixtures';
import { makeTempDir } from './helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => { tmp = makeTempDir(); });
afterAll(() => tmp.cleanup());

it('refuses to record a blob whose write outlived the unlock, and removes the file', async () => {
  const dir = path.join(tmp.dir, 'vault');
  const vault = await createVault(dir, PASSPHRASE);
  const { messageId } = seedCase(vault);
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  async function* source() { yield Buffer.alloc(2 * 1024 * 1024, 7); await gate; yield Buffer.alloc(10, 7); }
  const pending = vault.addAttachment({ messageId, fileName: 'a.pdf', declaredType: 'application/pdf' }, source());
  await new Promise((r) => setTimeout(r, 50));
  vault.lock();
  release();
  await expect(pending).rejects.toMatchObject({ code: 'E_LOCKED' });
  expect(fs.readdirSync(path.join(dir, 'blobs'))).toEqual([]);
  const { vault: again } = await unlockVault(dir, PASSPHRASE);
  expect(again.listAttachments(messageId)).toEqual([]);
  again.lock();
});
