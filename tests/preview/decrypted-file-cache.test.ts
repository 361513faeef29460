/** The one decrypted file held for paging: shared loads, replacement, zeroing once unused, lapse when idle. */
import { describe, expect, it } from 'vitest';
import { createDecryptedFileCache } from '../../electron/preview/decrypted-file-cache';
import type { Vault } from '../../electron/vault';

const vaultA = {} as Vault;
const vaultB = {} as Vault;
const loader = () => {
  const made: Buffer[] = [];
  return { made, load: async () => { const b = Buffer.alloc(64, 0xab); made.push(b); return b; } };
};
const zeroed = (b: Buffer) => b.every((x) => x === 0);

describe('decrypted file cache', () => {
  it('loads once for concurrent and later uses of the same file in the same vault', async () => {
    const cache = createDecryptedFileCache();
    const { made, load } = loader();
    await Promise.all([1, 2, 3].map(() => cache.with(vaultA, 7, load, async (b) => b.length)));
    await cache.with(vaultA, 7, load, async () => 0);
    expect(made).toHaveLength(1);
    await cache.with(vaultB, 7, load, async () => 0); // another unlock: another Vault object
    expect(made).toHaveLength(2);
    expect(zeroed(made[0]!)).toBe(true);
    cache.clear();
  });

  it('zeroes a dropped file only after the decode reading it is done', async () => {
    const cache = createDecryptedFileCache();
    const { made, load } = loader();
    let release!: () => void;
    const reading = cache.with(vaultA, 1, load, (b) => new Promise<number>((r) => { release = () => r(b[0]!); }));
    await new Promise((r) => setTimeout(r, 10));
    cache.clear(); // the vault locks while a page is being decoded
    await new Promise((r) => setTimeout(r, 10));
    expect(zeroed(made[0]!)).toBe(false);
    release();
    expect(await reading).toBe(0xab);
    await new Promise((r) => setTimeout(r, 0));
    expect(zeroed(made[0]!)).toBe(true);
  });

  it('forgets a failed load, and lapses after the idle time', async () => {
    const cache = createDecryptedFileCache(30);
    await expect(cache.with(vaultA, 2, async () => { throw new Error('tampered'); }, async () => 0)).rejects.toThrow('tampered');
    const { made, load } = loader();
    await cache.with(vaultA, 2, load, async () => 0);
    expect(made).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 80));
    expect(zeroed(made[0]!)).toBe(true);
    await cache.with(vaultA, 2, load, async () => 0);
    expect(made).toHaveLength(2);
    expect(cache.loads).toBe(3);
    cache.clear();
  });
});
