/** An item's history, oldest first, behind a disclosure (it is kept forever and can grow long). */
import type { RequestItemView } from '../../../shared/ipc/casework-schemas';
import { historyText } from './casework-words';

export function ItemHistory({ item }: { item: RequestItemView }) {
  const names = new Map(item.linkedAttachments.map((a) => [a.attachmentId, a.fileName]));
  return (
    <details className="item-history">
      <summary>History ({item.history.length})</summary>
      <ol>
        {item.history.map((h, i) => <li key={i}>{historyText(h, (id) => names.get(id) ?? null)}</li>)}
      </ol>
    </details>
  );
}
