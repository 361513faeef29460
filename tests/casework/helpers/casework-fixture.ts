/**
 * A real vault in a temp dir with a synced case (linked to a server case id, as sync would), an
 * injected clock, and the casework service over them. Synthetic data only.
 */
import path from 'node:path';
import { createCaseworkService, type CaseworkService } from '../../../electron/casework/casework-service';
import type { DataChanged } from '../../../electron/data-changed';
import { createVault, type Vault } from '../../../electron/vault';
import { PASSPHRASE, seedCase } from '../../vault/helpers/fixtures';
import { once } from '../../vault/helpers/generated-bytes';
import { makeTempDir } from '../../vault/helpers/temp-dir';

export { PASSPHRASE };
export const ZONE = 'America/New_York';
export const RETENTION_DAYS = 30;

export interface CaseworkFixture {
  dir: string;
  vault: Vault;
  service: CaseworkService;
  changes: DataChanged[];
  /** Moves the injected clock. */
  setNow(iso: string): void;
  now(): Date;
  cleanup(): void;
}

/** Monday 13 April 2026, 10:00 in New York. */
export const START = '2026-04-13T14:00:00Z';

export async function openFixture(start = START): Promise<CaseworkFixture> {
  const tmp = makeTempDir('casework-');
  const dir = path.join(tmp.dir, 'vault');
  let now = new Date(start);
  const vault = await createVault(dir, PASSPHRASE, { actor: '1004821', now: () => now });
  const changes: DataChanged[] = [];
  const service = createCaseworkService({
    vault: () => vault, defaultDays: 14, retentionDays: RETENTION_DAYS, now: () => now, timeZone: ZONE,
    employeeName: () => 'Alex Examiner', onDataChanged: (c) => changes.push(c),
  });
  return {
    dir, vault, service, changes,
    setNow: (iso) => { now = new Date(iso); },
    now: () => now,
    cleanup: () => { vault.lock(); tmp.cleanup(); },
  };
}

/** A case as sync leaves it: linked to its server case, one thread, one inbound message. */
export function syncedCase(vault: Vault, n = 1) {
  const seeded = seedCase(vault, n);
  vault.sync.linkServerCase(`srv-case-${n}`, seeded.caseId);
  return seeded;
}

export async function inboundFile(vault: Vault, messageId: number, fileName: string, text = 'statement page'): Promise<number> {
  return (await vault.addAttachment({ messageId, fileName, declaredType: 'application/pdf' }, once(Buffer.from(text)))).id;
}

export const ITEMS = [
  { kind: 'bank-statements' as const, label: 'Bank statements', wording: 'Statements for January to March 2026 for every account.' },
  { kind: 'pay-stubs' as const, label: 'Pay stubs', wording: 'Your 2 most recent pay stubs.' },
];
