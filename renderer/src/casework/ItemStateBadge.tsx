/** An item's state as a badge: words first (never colour alone), so it reads the same in both themes. */
import type { RequestItemState } from '../../../shared/requests/request-schemas';
import { ITEM_STATE_LABEL } from './casework-words';

export function ItemStateBadge({ state }: { state: RequestItemState }) {
  return <span className={`item-badge item-${state}`} data-testid="item-state">{ITEM_STATE_LABEL[state]}</span>;
}
