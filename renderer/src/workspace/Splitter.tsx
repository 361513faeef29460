/**
 * A resizable boundary between two panes: drag it, or focus it and use ←/→ (Shift for larger steps).
 * The width is reported while it changes and committed (saved in preferences) when the drag ends.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export function Splitter({ label, value, min, max, onChange, onCommit }: {
  label: string; value: number; min: number; max: number;
  onChange: (value: number) => void; onCommit: (value: number) => void;
}) {
  const drag = useRef<{ x: number; start: number; last: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.max(min, Math.min(max, v)));

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, start: value, last: value };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    if (!drag.current) return;
    drag.current.last = clamp(drag.current.start + e.clientX - drag.current.x);
    onChange(drag.current.last);
  }
  function onPointerUp() {
    if (drag.current) onCommit(drag.current.last);
    drag.current = null;
  }
  function onKeyDown(e: KeyboardEvent) {
    const step = e.shiftKey ? 64 : 16;
    const next = e.key === 'ArrowLeft' ? value - step : e.key === 'ArrowRight' ? value + step : e.key === 'Home' ? min : e.key === 'End' ? max : null;
    if (next === null) return;
    e.preventDefault();
    onChange(clamp(next));
    onCommit(clamp(next));
  }
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
