/**
 * OS key-store unlock over a real vault and session, with a fake safeStorage behind the KeyProtector
 * interface: offered only when policy and the store allow; the passphrase always works; the wrap goes
 * when the employee turns it off or at the first unlock after policy turned it off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOsKeyStoreUnlock, type OsKeyStoreUnlock } from '../../electron/keystore/os-key-store-unlock';
import { createVaultSession, type VaultSession } from '../../electron/session/vault-session';
import { PASSPHRASE } from '../vault/helpers/fixtures';
import { makeTempDir } from '../vault/helpers/temp-dir';
import { TestKeyProtector } from '../vault/helpers/test-key-protector';

const temps: Array<{ cleanup(): void }> = [];
afterEach(() => { for (const t of temps.splice(0)) t.cleanup(); });

function setup(options: { allowed: boolean; dir?: string; protector?: TestKeyProtector | null }) {
  const temp = makeTempDir('scoic-oskeystore-');
  temps.push(temp);
  const dir = options.dir ?? temp.dir;
  const protector = options.protector === undefined ? new TestKeyProtector() : options.protector;
  const session: VaultSession = createVaultSession({
    dir, sbuFolder: temp.dir, retentionDays: 90,
    onOpened: async (vault) => { await osKeyStore.reconcile(vault); }, // called after both exist
  });
  const osKeyStore: OsKeyStoreUnlock = createOsKeyStoreUnlock({
    vaultDir: dir, protector, allowedByPolicy: options.allowed, platform: 'win32',
    unlock: (secret) => session.unlock(secret), requireVault: () => session.require(),
  });
  return { session, osKeyStore, protector, dir };
}

describe('OS key-store unlock', () => {
  it('enrols, unlocks with the OS store, and the passphrase still works', async () => {
    const { session, osKeyStore } = setup({ allowed: true });
    await session.create(PASSPHRASE);
    expect(await osKeyStore.status()).toEqual({ offered: true, enrolled: false, label: 'Windows sign-in', reason: null });
    expect((await osKeyStore.setEnabled(true)).enrolled).toBe(true);
    await session.lock('user');

    const outcome = await osKeyStore.unlock();
    expect(outcome.status.state).toBe('unlocked');
    // The audit log tells the key-store enrolment and a key-store unlock from a passphrase one.
    expect(session.require().listAudit(6).map((e) => e.event).reverse()).toEqual(['create', 'key-protector-add', 'lock', 'unlock-key-protector']);
    await session.lock('user');
    expect((await session.unlock(PASSPHRASE)).status.state).toBe('unlocked');
  });

  it('removes the wrap when the employee turns it off', async () => {
    const { session, osKeyStore } = setup({ allowed: true });
    await session.create(PASSPHRASE);
    await osKeyStore.setEnabled(true);
    expect((await osKeyStore.setEnabled(false)).enrolled).toBe(false);
    await session.lock('user');
    await expect(osKeyStore.unlock()).rejects.toMatchObject({ code: 'E_KEY_STORE_NOT_ENROLLED' });
  });

  it('removes the wrap at the first passphrase unlock after policy turned it off, and offers nothing', async () => {
    const first = setup({ allowed: true });
    await first.session.create(PASSPHRASE);
    await first.osKeyStore.setEnabled(true);
    await first.session.lock('user');

    const later = setup({ allowed: false, dir: first.dir, protector: first.protector });
    expect(await later.osKeyStore.status()).toMatchObject({ offered: false, enrolled: true, reason: expect.stringMatching(/IT policy/) });
    await expect(later.osKeyStore.unlock()).rejects.toMatchObject({ code: 'E_KEY_STORE_UNAVAILABLE' });
    await later.session.unlock(PASSPHRASE);
    expect((await later.osKeyStore.status()).enrolled).toBe(false);
    await expect(later.osKeyStore.setEnabled(true)).rejects.toMatchObject({ code: 'E_KEY_STORE_UNAVAILABLE' });
  });

  it('refuses a store that gives no protection (Linux basic_text) and a build without one', async () => {
    const protector = new TestKeyProtector();
    protector.backend = 'basic_text';
    const { session, osKeyStore } = setup({ allowed: true, protector });
    await session.create(PASSPHRASE);
    expect(await osKeyStore.status()).toMatchObject({ offered: false, reason: expect.stringMatching(/basic_text/) });
    await expect(osKeyStore.setEnabled(true)).rejects.toMatchObject({ code: 'E_KEY_STORE_UNAVAILABLE' });

    const none = setup({ allowed: true, protector: null });
    expect(await none.osKeyStore.status()).toMatchObject({ offered: false, enrolled: false });
  });
});
