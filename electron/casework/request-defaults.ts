/** What the "Request documents" dialog starts from: today and the default due date in the deadline zone. */
import type { RequestDefaultsView } from '../../shared/ipc/casework-schemas';
import { defaultDueDate, todayIn } from '../../shared/requests/due-date';
import { maskNumbers } from '../../shared/mask-numbers';
import type { Vault } from '../vault';

export function requestDefaults(vault: Vault, caseId: number, now: Date, timeZone: string, defaultDays: number): RequestDefaultsView {
  vault.getCase(caseId);
  const today = todayIn(timeZone, now);
  const threads = [...vault.listThreads(caseId)]
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id))
    .map((t) => ({ id: t.id, subject: maskNumbers(t.subject) }));
  return { today, dueDate: defaultDueDate(today, defaultDays), defaultDays, timeZone, threads };
}
