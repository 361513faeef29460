/** A search snippet with its hits (between U+0002 and U+0003) marked. */
const HIT_START = String.fromCharCode(2);
const HIT_END = String.fromCharCode(3);

export function Snippet({ text }: { text: string }) {
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
