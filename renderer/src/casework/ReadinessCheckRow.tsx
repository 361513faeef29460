/** One line of the "Prepare for Appeals" checklist: done or not (in words), what is missing, each a link to it. */
import type { ReadinessCheck, ReadinessTarget } from '../../../shared/ipc/casework-schemas';

export function ReadinessCheckRow({ check, onGo }: { check: ReadinessCheck; onGo: (target: ReadinessTarget) => void }) {
  return (
    <li className={`readiness-check ${check.ok ? 'ok' : 'open'}`} data-testid="readiness-check" data-check={check.id}>
      <div className="readiness-head">
        <span className="readiness-mark" aria-hidden="true">{check.ok ? '✓' : '!'}</span>
        <span className="readiness-title">{check.title}</span>
        <span className="visually-hidden">{check.ok ? ': done' : ': needs attention'}</span>
        <span className="case-meta readiness-detail">{check.detail}</span>
      </div>
      {check.lines.length > 0 && (
        <ul className="readiness-lines">
          {check.lines.map((line, i) => (
            <li key={i}><button type="button" className="link-button" onClick={() => onGo(line.target)}>{line.text}</button></li>
          ))}
          {check.moreLines > 0 && <li className="case-meta">and {check.moreLines} more</li>}
        </ul>
      )}
      {check.notes.length > 0 && (
        <ul className="readiness-notes" aria-label={`Notes: ${check.title}`}>
          {check.notes.map((note, i) => (
            <li key={i}><span className="case-meta">Note: </span><button type="button" className="link-button" onClick={() => onGo(note.target)}>{note.text}</button></li>
          ))}
        </ul>
      )}
    </li>
  );
}
