/**
 * The employee's session with the server. The access token lives only in memory; the refresh token
 * (single use, rotated on every refresh) lives only in the vault's encrypted database — never in a
 * plain file, a log or an error. A refresh that the server refuses ends the session (sign in again);
 * a refresh that cannot reach the server keeps the stored token for the next try.
 */
import { AppError } from '../../shared/errors';
import { AccountSchema, type Account, type TokenResponse } from '../../shared/protocol/auth';
import type { Vault } from '../vault';
import type { ServerClient, TokenSource } from './server-client';

const REFRESH_TOKEN = 'auth.refresh-token';
const ACCOUNT = 'auth.account';
const EARLY_REFRESH_MS = 30_000;

export class AuthSession implements TokenSource {
  #access: { token: string; expiresAt: number } | undefined;
  #refreshing: Promise<boolean> | undefined;

  /**
   * @param refreshMarginMs refresh this long before the access token expires (default 30 s), so a
   *   request rarely leaves with a dying token; a 401 still triggers a refresh and one retry.
   */
  constructor(private readonly vault: Vault, private readonly client: ServerClient, private readonly onChange: () => void = () => undefined,
    private readonly refreshMarginMs = EARLY_REFRESH_MS) {
    client.tokens = this;
  }

  /** The signed-in account as last confirmed by the server (kept in the vault for offline start-up). */
  get account(): Account | undefined {
    const stored = this.vault.sync.getSecret(ACCOUNT);
    if (stored === undefined) return undefined;
    const parsed = AccountSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : undefined;
  }

  /** True while a session exists (an access token in memory or a refresh token in the vault). */
  get signedIn(): boolean {
    return this.#access !== undefined || this.vault.sync.getSecret(REFRESH_TOKEN) !== undefined;
  }

  async signIn(accessCode: string, password: string): Promise<Account> {
    const tokens = await this.client.call('signIn', { body: { accessCode, password } });
    if (tokens.account.role !== 'employee') {
      // Unreachable with an e-Gain ID; guards against a misconfigured server.
      throw new AppError('E_FORBIDDEN', 'This app is for IRS employees. Sign in with your e-Gain ID and password.');
    }
    this.#adopt(tokens);
    this.onChange();
    return tokens.account;
  }

  /** Revokes the session on the server when reachable, and forgets the tokens either way. */
  async signOut(): Promise<void> {
    try {
      if (this.#access) await this.client.call('signOut', { timeoutMs: 5_000 });
    } catch { /* offline or already revoked: the local tokens go regardless */ }
    this.#forget();
  }

  async accessToken(): Promise<string | undefined> {
    if (this.#access && this.#access.expiresAt - this.refreshMarginMs > Date.now()) return this.#access.token;
    if (this.vault.sync.getSecret(REFRESH_TOKEN) === undefined) return undefined;
    return (await this.#refresh()) ? this.#access?.token : undefined;
  }

  async refreshAfterRejection(rejected: string): Promise<boolean> {
    if (this.#access && this.#access.token !== rejected) return true; // another request already rotated
    this.#access = undefined;
    return this.#refresh();
  }

  /** One refresh at a time: two concurrent ones would present the same single-use token and end the session. */
  #refresh(): Promise<boolean> {
    return this.#refreshing ??= (async () => {
      try {
        const refreshToken = this.vault.sync.getSecret(REFRESH_TOKEN);
        if (refreshToken === undefined) return false;
        let tokens: TokenResponse;
        try {
          tokens = await this.client.call('refresh', { body: { refreshToken } });
        } catch (err) {
          if ((err as { code?: string }).code === 'E_UNAUTHENTICATED') {
            this.#forget();
            return false;
          }
          throw err; // offline: keep the stored token for the next attempt
        }
        this.#adopt(tokens);
        return true;
      } finally {
        this.#refreshing = undefined;
      }
    })();
  }

  #adopt(tokens: TokenResponse): void {
    // Stored before anything else: losing a rotated refresh token would end the session.
    this.vault.batch((v) => {
      v.sync.setSecret(REFRESH_TOKEN, tokens.refreshToken);
      v.sync.setSecret(ACCOUNT, JSON.stringify(tokens.account));
    });
    // The laptop clock may be off: count the lifetime from now rather than trusting the absolute time.
    this.#access = { token: tokens.accessToken, expiresAt: Date.now() + tokens.expiresIn * 1000 };
  }

  /** Ends the session locally; `onChange` tells the engine (a refresh alone does not: nothing changed for it). */
  #forget(): void {
    this.#access = undefined;
    try {
      this.vault.batch((v) => {
        v.sync.setSecret(REFRESH_TOKEN, null);
        v.sync.setSecret(ACCOUNT, null);
      });
    } catch { /* vault locked: nothing to forget in it now */ }
    this.onChange();
  }
}
