/** The domain's facts of a stored item (shared/requests/item-state.ts), and back to what the vault stores. */
import type { ItemFacts } from '../../shared/requests/item-state';
import type { RequestItemRecord } from '../vault/casework-store';

export function itemFactsOf(item: Pick<RequestItemRecord, 'dueDate' | 'waivedReason' | 'receivedComplete' | 'links'>): ItemFacts {
  return {
    dueDate: item.dueDate,
    waived: item.waivedReason === null ? null : { reason: item.waivedReason },
    linkedAttachments: item.links.length,
    receivedComplete: item.receivedComplete,
  };
}

export function storedFactsOf(facts: ItemFacts): { dueDate: string; receivedComplete: boolean; waivedReason: string | null } {
  return { dueDate: facts.dueDate, receivedComplete: facts.receivedComplete, waivedReason: facts.waived?.reason ?? null };
}
