/**
 * What an attachment really is, from its first bytes — never from its name or declared type, which
 * the sender controls (an HTML page named `.pdf` is still HTML).
 */
export type SniffedKind = 'pdf' | 'jpeg' | 'png' | 'gif' | 'tiff' | 'webp' | 'text' | 'html' | 'empty' | 'unknown';

export function sniff(bytes: Uint8Array, name: string): SniffedKind {
  if (bytes.length === 0) return 'empty';
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF-') || ascii.indexOf('%PDF-') >= 0) return 'pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii.startsWith('\x89PNG\r\n\x1a\n')) return 'png';
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'gif';
  if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
  if (/^\s*(<!doctype html|<html|<head|<body)/i.test(ascii.replace(/^\ufeff|^\xef\xbb\xbf/, ''))) return 'html';
  if (/\.(txt|csv|tsv|log|md|json|xml)$/i.test(name.trim()) && looksLikeText(head)) return 'text';
  return 'unknown';
}

function looksLikeText(head: Buffer): boolean {
  let bad = 0;
  for (const b of head) if (b === 0 || (b < 0x09) || (b > 0x0d && b < 0x20 && b !== 0x1b)) bad++;
  return bad === 0;
}

/** A human description of a sniffed kind, for placeholder reasons. */
export function describeKind(kind: SniffedKind): string {
  switch (kind) {
    case 'html': return 'an HTML web page';
    case 'empty': return 'an empty file';
    case 'unknown': return 'a file type that cannot be printed here';
    default: return `a ${kind.toUpperCase()} file`;
  }
}
