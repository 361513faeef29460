/**
 * DEMO mode: the app starts the reference server in process and signs in as a demo employee when no
 * session is stored in the vault. The credentials are the reference server's published demo ones
 * (printed by `npm run server`); pass `server.demoCredentials.employees[0]` to follow the seed instead.
 */
import type { Account } from '../../shared/protocol/auth';
import type { SyncService } from './sync-service';

export const DEMO_EMPLOYEE = { accessCode: '1004821', password: 'demo-employee-pass' } as const;

export async function ensureDemoSignIn(service: SyncService, credentials: { accessCode: string; password: string } = DEMO_EMPLOYEE): Promise<Account> {
  const account = service.account;
  if (service.signedIn && account) return account;
  return service.signIn(credentials.accessCode, credentials.password);
}
