/**
 * Marks the places in a rendered text layer where the find text occurs. Each text-layer span is one run
 * of text from the page; a match inside a span is wrapped in <mark>, which the stylesheet tints.
 */
export function highlightMatches(container: HTMLElement, query: string): number {
  for (const mark of Array.from(container.querySelectorAll('mark.find-hit'))) {
    mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
  }
  container.normalize();
  const needle = query.trim().toLocaleLowerCase();
  if (!needle) return 0;
  let count = 0;
  for (const span of Array.from(container.querySelectorAll('span'))) {
    if (span.children.length > 0) continue;
    const text = span.textContent ?? '';
    const lower = text.toLocaleLowerCase();
    if (!lower.includes(needle)) continue;
    const parts: Node[] = [];
    let at = 0;
    for (let hit = lower.indexOf(needle); hit >= 0; hit = lower.indexOf(needle, hit + needle.length)) {
      if (hit > at) parts.push(document.createTextNode(text.slice(at, hit)));
      const mark = document.createElement('mark');
      mark.className = 'find-hit';
      mark.textContent = text.slice(hit, hit + needle.length);
      parts.push(mark);
      at = hit + needle.length;
      count++;
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    span.replaceChildren(...parts);
  }
  return count;
}
