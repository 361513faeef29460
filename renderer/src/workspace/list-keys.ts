/**
 * Keyboard movement inside a list (listbox with aria-activedescendant): arrows and j/k move, Home/End
 * jump, PageUp/PageDown move a page, Enter opens. Returns true when the key was handled.
 */
export function handleListKey(key: string, index: number, count: number, pageSize: number): number | 'open' | null {
  if (count === 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown': case 'j': return clamp(index + 1);
    case 'ArrowUp': case 'k': return clamp(index - 1);
    case 'Home': return 0;
    case 'End': return count - 1;
    case 'PageDown': return clamp(index + pageSize);
    case 'PageUp': return clamp(index - pageSize);
    case 'Enter': case ' ': return 'open';
    default: return null;
  }
}
