/** The vault session over a real vault on disk: create, lock, unlock, attempt throttling. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createVaultSession } from '../../electron/session/vault-session';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scoic-session-'));
  dirs.push(dir);
  let clock = 1_000_000;
  const session = createVaultSession({ dir: path.join(dir, 'vault'), sbuFolder: path.join(dir, 'SBU'), retentionDays: 30, now: () => clock });
  return { session, advance: (ms: number) => { clock += ms; } };
}
const PASS = 'correct horse battery staple';

describe('vault session', () => {
  it('goes absent -> unlocked -> locked -> unlocked, and refuses work while locked', async () => {
    const { session } = setup();
    expect(session.status().state).toBe('absent');
    expect(() => session.require()).toThrow(expect.objectContaining({ code: 'E_LOCKED' }));
    expect((await session.create(PASS)).state).toBe('unlocked');
    const vault = session.require();
    expect((await session.lock('idle')).state).toBe('locked');
    expect(vault.isLocked).toBe(true);
    expect(() => session.require()).toThrow(expect.objectContaining({ code: 'E_LOCKED' }));
    await expect(session.unlock(PASS)).resolves.toMatchObject({ status: { state: 'unlocked' }, auditIntact: true, purgedCases: 0 });
  });

  it('refuses a second vault and a weak passphrase', async () => {
    const { session } = setup();
    await expect(session.create('short')).rejects.toMatchObject({ code: 'E_WEAK_PASSPHRASE' });
    await session.create(PASS);
    await expect(session.create(PASS)).rejects.toMatchObject({ code: 'E_VAULT_EXISTS' });
  });

  it('slows down repeated wrong passphrases, then lets the right one in after the wait', async () => {
    const { session, advance } = setup();
    await session.create(PASS);
    await session.lock('user');
    for (let i = 0; i < 5; i++) await expect(session.unlock(`wrong passphrase ${i}`)).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE' });
    await expect(session.unlock(PASS)).rejects.toMatchObject({ code: 'E_TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 30 } });
    advance(30_001);
    await expect(session.unlock(PASS)).resolves.toMatchObject({ status: { state: 'unlocked' } });
  });

  it('a lock that arrives while the vault is opening wins: the unlock is undone, nothing stays open', async () => {
    const { session } = setup();
    await session.create(PASS);
    const vault = session.require();
    await session.lock('user');
    expect(vault.isLocked).toBe(true);
    const unlocking = session.unlock(PASS); // scrypt takes a while: the lock lands in the middle
    const locked = await session.lock('os-lock');
    expect(locked.state).toBe('locked');
    await expect(unlocking).rejects.toMatchObject({ code: 'E_LOCKED' });
    expect(session.status().state).toBe('locked');
    expect(() => session.require()).toThrow(expect.objectContaining({ code: 'E_LOCKED' }));
    // And the next unlock works normally.
    await expect(session.unlock(PASS)).resolves.toMatchObject({ status: { state: 'unlocked' } });
  });

  it('concurrent locks both return only after the keys are gone', async () => {
    const { session } = setup();
    await session.create(PASS);
    const vault = session.require();
    const [a, b] = await Promise.all([session.lock('idle'), session.lock('os-lock')]);
    expect([a.state, b.state]).toEqual(['locked', 'locked']);
    expect(vault.isLocked).toBe(true);
  });

  it('caps the wait after many wrong passphrases at 15 minutes', async () => {
    const { session, advance } = setup();
    await session.create(PASS);
    await session.lock('user');
    let last = 0;
    let wrong = 0;
    while (wrong < 11) {
      const error = await session.unlock(`wrong passphrase ${wrong}`).catch((e: { code: string; details?: { retryAfterSeconds?: number } }) => e);
      if ((error as { code: string }).code === 'E_WRONG_PASSPHRASE') { wrong += 1; continue; }
      expect(error).toMatchObject({ code: 'E_TOO_MANY_ATTEMPTS' });
      last = (error as { details?: { retryAfterSeconds?: number } }).details?.retryAfterSeconds ?? 0;
      advance(last * 1000 + 1);
    }
    expect(last).toBe(15 * 60);
  });

  it('erases a locked vault (forgotten passphrase) so a new one can be set up, and refuses while open', async () => {
    const { session } = setup();
    await session.create(PASS);
    await expect(session.erase()).rejects.toMatchObject({ code: 'E_VAULT_OPEN' });
    const dir = session.require().dir;
    await session.lock('user');
    expect((await session.erase()).state).toBe('absent');
    expect(fs.existsSync(dir)).toBe(false);
    await expect(session.unlock(PASS)).rejects.toMatchObject({ code: 'E_NOT_A_VAULT' });
    expect((await session.create('a brand new passphrase')).state).toBe('unlocked');
  });
});
