/** Sign-in for the three kinds of account, rate limiting, token expiry, refresh rotation and reuse. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signIn } from './helpers/api-client';
import { startTestServer, type TestServer } from './helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ signInRateLimit: { max: 5, timeWindowMs: 60_000 }, tokenTtl: { accessSeconds: 1 } });
});
afterAll(async () => { await server?.stop(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('accounts and tokens', () => {
  it('signs in employees by e-Gain ID, taxpayers and representatives by user name', async () => {
    const c = server.demoCredentials!;
    expect((await signIn(server.url, c.employees[0]!)).tokens.account.role).toBe('employee');
    expect((await signIn(server.url, c.taxpayers[0]!)).tokens.account.role).toBe('taxpayer');
    expect((await signIn(server.url, c.representatives[0]!)).tokens.account.role).toBe('representative');
  });

  it('refuses a wrong password, an unknown login, and an employee signing in as external', async () => {
    const anonymous = new ApiClient(server.url);
    const c = server.demoCredentials!;
    await anonymous.problem('E_INVALID_CREDENTIALS', 'signIn', { body: { accessCode: c.employees[1]!.accessCode, password: 'wrong' } });
    await anonymous.problem('E_INVALID_CREDENTIALS', 'signIn', { body: { username: 'nobody.here', password: 'x' } });
    await anonymous.problem('E_INVALID_CREDENTIALS', 'signIn', { body: { accessCode: c.taxpayers[1]!.username, password: c.taxpayers[1]!.password } });
  });

  it('rate-limits repeated sign-in attempts for one login', async () => {
    const anonymous = new ApiClient(server.url);
    const target = server.demoCredentials!.employees[2]!;
    for (let i = 0; i < 5; i++) await anonymous.problem('E_INVALID_CREDENTIALS', 'signIn', { body: { accessCode: target.accessCode, password: `guess-${i}` } });
    const limited = await anonymous.call('signIn', { body: { accessCode: target.accessCode, password: target.password } });
    expect(limited.status).toBe(429);
    expect(limited.problem?.code).toBe('E_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another login from the same address is not affected.
    await signIn(server.url, server.demoCredentials!.employees[1]!);
  });

  it('expires access tokens, refreshes with rotation, and revokes the session when a refresh token is reused', async () => {
    const taxpayer = await signIn(server.url, server.demoCredentials!.taxpayers[2]!);
    await taxpayer.expect(200, 'me');
    await sleep(1100); // access tokens live 1 s on this server
    const expired = await taxpayer.call('me');
    expect(expired.problem?.code).toBe('E_TOKEN_EXPIRED');
    expect(expired.headers.get('www-authenticate')).toContain('Bearer');

    const anonymous = new ApiClient(server.url);
    const first = await anonymous.expect(200, 'refresh', { body: { refreshToken: taxpayer.tokens.refreshToken } });
    await new ApiClient(server.url, first.accessToken).expect(200, 'me');
    // Reusing the old refresh token is treated as theft: it fails and the session's new tokens die too.
    await anonymous.problem('E_UNAUTHENTICATED', 'refresh', { body: { refreshToken: taxpayer.tokens.refreshToken } });
    await new ApiClient(server.url, first.accessToken).problem('E_UNAUTHENTICATED', 'me');
    await anonymous.problem('E_UNAUTHENTICATED', 'refresh', { body: { refreshToken: first.refreshToken } });
  });

  it('stores only scrypt hashes of passwords and only hashes of tokens', async () => {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(`${server.dataDir}/server.sqlite`, { readonly: true });
    try {
      const hashes = db.prepare('SELECT password_hash FROM accounts').all() as { password_hash: string }[];
      expect(hashes.every((h) => h.password_hash.startsWith('scrypt$'))).toBe(true);
      const dump = JSON.stringify(db.prepare('SELECT * FROM tokens').all());
      const t = await signIn(server.url, server.demoCredentials!.taxpayers[3]!);
      expect(JSON.stringify(db.prepare('SELECT * FROM tokens').all())).not.toContain(t.tokens.accessToken);
      expect(dump).not.toContain(server.demoCredentials!.taxpayers[3]!.password);
    } finally { db.close(); }
  });
});
