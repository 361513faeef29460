/** Search over subjects, bodies and attachment names in the vault (unlocked only). */
import { useState, type FormEvent } from 'react';
import type { AppErrorData } from '../../../shared/errors';
import type { SearchHitView } from '../../../shared/ipc/workspace-schemas';
import { getBridge } from '../bridge/scoic';
import { ErrorNotice } from './ErrorNotice';

/** Splits a snippet on the U+0002/U+0003 hit markers into plain and highlighted parts. */
const HIT_START = String.fromCharCode(2);
const HIT_END = String.fromCharCode(3);

function Snippet({ text }: { text: string }) {
  const parts: Array<{ text: string; hit: boolean }> = [];
  let rest = text;
  for (let start = rest.indexOf(HIT_START); start >= 0; start = rest.indexOf(HIT_START)) {
    const end = rest.indexOf(HIT_END, start);
    if (end < 0) break;
    parts.push({ text: rest.slice(0, start), hit: false }, { text: rest.slice(start + 1, end), hit: true });
    rest = rest.slice(end + 1);
  }
  parts.push({ text: rest, hit: false });
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}

export function SearchBox({ onOpen }: { onOpen: (hit: SearchHitView) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHitView[] | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!query.trim()) return;
    const r = await getBridge().search.query({ query });
    if (r.ok) { setHits(r.value); setError(null); } else setError(r.error);
  }

  return (
    <div className="search">
      <form role="search" onSubmit={(e) => void submit(e)}>
        <input type="search" aria-label="Search messages" placeholder="Search messages and attachment names" value={query} onChange={(e) => setQuery(e.target.value)} />
      </form>
      {error && <ErrorNotice error={error} />}
      {hits && (
        <div className="search-results" role="region" aria-label="Search results">
          <div className="search-results-head">
            <span>{hits.length === 0 ? 'No matches.' : `${hits.length} match${hits.length === 1 ? '' : 'es'}`}</span>
            <button type="button" className="link-button" onClick={() => setHits(null)}>Close</button>
          </div>
          <ul>
            {hits.map((h) => (
              <li key={h.messageId}>
                <button type="button" className="link-button" onClick={() => { setHits(null); onOpen(h); }}><Snippet text={h.snippet} /></button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
