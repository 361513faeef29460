/**
 * A working vault at scale for the responsiveness and start-up benchmark: 10,000 cases and 100,000
 * messages (two threads a case, ten messages, OIC-flavoured text), written through the vault's own API
 * in transactions of 500 cases, as sync stores pages.
 */
import type { Vault } from '../../../electron/vault';
import { makeText, prng } from './vault-corpus';

const FIRST = ['Rosa', 'Nguyễn Văn', 'James', 'Aisha', 'Mateo', 'Olga', 'Wei', 'Fatima', 'Liam', 'Priya', 'Kwame', 'Sofía', 'Dmitri', 'Hana'];
const LAST = ['Delgado', 'An', 'Okafor', 'García', 'Petrova', 'Zhang', 'Haddad', 'Murphy', 'Raman', 'Mensah', 'Álvarez', 'Ivanov', 'Sato', 'Brooks'];
const STATUSES = ['open', 'pending-documents', 'under-review', 'appeals'] as const;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export interface BigVaultShape { cases: number; messagesPerCase: number }

/** Answers the taxpayer names used (search queries come from them and from the corpus). */
export function seedBigVault(vault: Vault, shape: BigVaultShape): string[] {
  const rand = prng(20_260_101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const names: string[] = [];
  const oldest = Date.UTC(2024, 0, 2);
  for (let from = 0; from < shape.cases; from += 500) {
    vault.batch(() => {
      for (let i = from; i < Math.min(shape.cases, from + 500); i++) {
        const name = `${pick(FIRST)} ${pick(LAST)}`;
        names.push(name);
        const serverStatus = pick(STATUSES);
        const createdAt = iso(oldest + Math.floor(rand() * 400) * DAY);
        const caseId = vault.createCase({ offerNumber: `DEMO-1${String(i).padStart(9, '0')}`, taxpayerName: name, tinMasked: `***-**-${4320 + (i % 10)}`,
          status: serverStatus === 'pending-documents' ? 'pending' : 'open', serverStatus, assignedRole: 'OE', createdAt });
        const threads = [0, 1].map((t) => vault.upsertThread({ caseId, serverThreadId: `bench-thr-${i}-${t}`, subject: makeText(rand, 5), createdAt }));
        for (let m = 0; m < shape.messagesPerCase; m++) {
          const inbound = m % 3 !== 0;
          vault.insertMessage({ threadId: threads[m % 2]!, serverId: `bench-msg-${i}-${m}`, direction: inbound ? 'inbound' : 'outbound',
            serverReceivedAt: iso(Date.parse(createdAt) + m * DAY + Math.floor(rand() * DAY)), from: inbound ? name : 'Dana Whitfield (OE)',
            subject: makeText(rand, 6), body: makeText(rand, 30 + Math.floor(rand() * 60)), read: !inbound || rand() > 0.2 });
        }
      }
    });
  }
  return names;
}
