/**
 * The cached case list updated with the current summaries of the cases a `data.changed` named
 * (cases.summaries): their rows replaced, new cases added, cases not answered (purged) dropped, and
 * the list kept in its order (case-list-order.ts). The input list is already in that order, so the
 * answered rows are merged in: one pass over 10,000 rows, no sort of the whole list.
 */
import type { CaseSummary } from '../../../shared/ipc/workspace-schemas';
import { compareCaseListOrder } from './case-list-order';

export function patchCaseList(list: readonly CaseSummary[], asked: readonly number[], answered: readonly CaseSummary[]): CaseSummary[] {
  const replaced = new Set<number>(asked);
  for (const c of answered) replaced.add(c.id);
  const kept = list.filter((c) => !replaced.has(c.id));
  const fresh = [...answered].sort(compareCaseListOrder);
  const out: CaseSummary[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length && j < fresh.length) out.push(compareCaseListOrder(fresh[j]!, kept[i]!) < 0 ? fresh[j++]! : kept[i++]!);
  while (i < kept.length) out.push(kept[i++]!);
  while (j < fresh.length) out.push(fresh[j++]!);
  return out;
}
