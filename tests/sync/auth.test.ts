/**
 * Sign-in, refresh and sign-out against the real server with one-second access tokens: an expired
 * token draws a 401, the session refreshes (rotating the refresh token, stored only in the vault) and
 * the request goes through; a replayed old refresh token ends the session; sign-out forgets the tokens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMPLOYEE, filesBelow, startHarness, type Harness } from './helpers/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness({ tokenTtl: { accessSeconds: 1 } }); });
afterAll(async () => { await h.cleanup(); });

it('refreshes on 401 with rotation, ends on a replayed refresh token, forgets everything at sign-out', async () => {
  const seen: Array<{ path: string; status: number }> = [];
  // Real fetch, observed: records which requests the server answered and how.
  const observed: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    seen.push({ path: new URL(String(input)).pathname, status: response.status });
    return response;
  };
  // A negative margin makes the client trust its token 10 s longer than the server does (as after a
  // suspend, or a slow link), so the request goes out with an expired token and draws the 401.
  const s = await h.service({ refreshMarginMs: -10_000, fetch: observed });
  await expect(s.signIn(EMPLOYEE.accessCode, 'wrong-password')).rejects.toMatchObject({ code: 'E_INVALID_CREDENTIALS' });
  const account = await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  expect(account).toMatchObject({ role: 'employee', accessCode: '1004821' });
  const first = h.vault.sync.getSecret('auth.refresh-token')!;
  expect(first).toBeTruthy();

  await new Promise((r) => setTimeout(r, 1_300)); // the access token expires on the server
  seen.length = 0;
  await s.syncNow();
  const refreshAt = seen.findIndex((x) => x.path === '/v1/auth/refresh');
  expect(seen[0]).toEqual({ path: '/v1/changes', status: 401 });
  expect(seen[refreshAt]?.status).toBe(200);
  expect(seen[refreshAt + 1]).toEqual({ path: '/v1/changes', status: 200 });
  const second = h.vault.sync.getSecret('auth.refresh-token')!;
  expect(second).not.toBe(first);
  expect(h.vault.listCases().length).toBeGreaterThan(0);

  // The token lives in the encrypted database only: no file of the vault folder shows it.
  for (const file of filesBelow(h.vaultDir)) {
    const content = fs.readFileSync(file);
    expect(content.includes(Buffer.from(second)), path.basename(file)).toBe(false);
    expect(content.includes(Buffer.from(first)), path.basename(file)).toBe(false);
  }

  // Someone replays the old refresh token: the server revokes the whole session.
  const replay = await fetch(`${h.url}/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: first }) });
  expect(replay.status).toBe(401);
  await new Promise((r) => setTimeout(r, 1_100));
  await expect(s.syncNow()).rejects.toMatchObject({ code: 'E_SIGN_IN_REQUIRED' });
  expect(s.status().state).toBe('signed-out');
  expect(s.signedIn).toBe(false);
  expect(h.vault.sync.getSecret('auth.refresh-token')).toBeUndefined();

  await s.signIn(EMPLOYEE.accessCode, EMPLOYEE.password);
  expect(s.signedIn).toBe(true);
  await s.signOut();
  expect(s.signedIn).toBe(false);
  expect(h.vault.sync.getSecret('auth.refresh-token')).toBeUndefined();
  expect(s.account).toBeUndefined();
});
