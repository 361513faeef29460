/** One catalog entry in the "Request documents" dialog: a checkbox, and once chosen, its editable wording. */
import { useId } from 'react';
import type { CatalogEntry } from '../../../shared/requests/catalog';

export interface ItemDraft { checked: boolean; label: string; wording: string }

export function CatalogItemField({ entry, draft, onChange }: { entry: CatalogEntry; draft: ItemDraft; onChange: (next: ItemDraft) => void }) {
  const id = useId();
  const other = entry.kind === 'other';
  return (
    <li className={`catalog-item${draft.checked ? ' chosen' : ''}`} data-testid="catalog-item">
      <label className="catalog-check">
        <input type="checkbox" checked={draft.checked} onChange={(e) => onChange({ ...draft, checked: e.target.checked })} aria-describedby={entry.hint ? `${id}-hint` : undefined} />
        {' '}{entry.label}
      </label>
      {entry.hint && <span id={`${id}-hint`} className="case-meta catalog-hint">{entry.hint}</span>}
      {draft.checked && (
        <div className="catalog-edit">
          {other && (
            <label>What to ask for
              <input type="text" value={draft.label} maxLength={120} onChange={(e) => onChange({ ...draft, label: e.target.value })} placeholder="e.g. Divorce decree" />
            </label>
          )}
          <label>Wording ({other ? 'what the taxpayer reads' : entry.label})
            <textarea rows={2} value={draft.wording} maxLength={2000} onChange={(e) => onChange({ ...draft, wording: e.target.value })} />
          </label>
        </div>
      )}
    </li>
  );
}
