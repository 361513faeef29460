/**
 * Whether the first bytes of a file are text, and in which encoding: UTF-8 (with or without BOM),
 * UTF-16 with a BOM, or 8-bit Windows-1252 (what Notepad and Excel on US Windows write). Binary data
 * (NUL bytes, control characters, bytes 1252 leaves undefined) is not text. The head may be cut
 * anywhere, so an incomplete character at its very end is accepted.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes 0x80-0x9F as Windows-1252 code points; 0 marks the five bytes 1252 leaves undefined. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Tab, line feed, vertical tab, form feed, carriage return and escape appear in real text files. */
const isTextControl = (c: number) => (c >= 0x09 && c <= 0x0d) || c === 0x1b;
const isBadControl = (c: number) => (c < 0x20 && !isTextControl(c)) || c === 0x7f;

export function detectTextEncoding(head: Uint8Array): TextEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return utf8Text(head.subarray(3)) ? 'utf-8' : null;
  if (head[0] === 0xff && head[1] === 0xfe) return utf16Text(head.subarray(2), true) ? 'utf-16le' : null;
  if (head[0] === 0xfe && head[1] === 0xff) return utf16Text(head.subarray(2), false) ? 'utf-16be' : null;
  if (utf8Text(head)) return 'utf-8';
  if (cp1252Text(head)) return 'windows-1252';
  return null;
}

/** The code point a control check sees; DOS text may end with Ctrl+Z (0x1A), so that is allowed last. */
function badAt(c: number, i: number, length: number): boolean {
  return isBadControl(c) && !(c === 0x1a && i === length - 1);
}

function utf8Text(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      if (badAt(c, i, b.length)) return false;
      i += 1;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return false;
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= need; k++) {
      if (i + k >= b.length) return true; // cut off at the end of the head
      const d = b[i + k]!;
      if (k === 1 ? d < lo || d > hi : (d & 0xc0) !== 0x80) return false;
    }
    i += need + 1;
  }
  return true;
}

function utf16Text(b: Uint8Array, littleEndian: boolean): boolean {
  const units = b.length >> 1;
  for (let u = 0; u < units; u++) {
    const c = littleEndian ? b[2 * u]! | (b[2 * u + 1]! << 8) : (b[2 * u]! << 8) | b[2 * u + 1]!;
    if (badAt(c, u, units)) return false;
    if (c >= 0xdc00 && c <= 0xdfff) return false; // a low surrogate with no high one before it
    if (c >= 0xd800 && c <= 0xdbff) {
      if (u + 1 >= units) return true;
      const next = littleEndian ? b[2 * u + 2]! | (b[2 * u + 3]! << 8) : (b[2 * u + 2]! << 8) | b[2 * u + 3]!;
      if (next < 0xdc00 || next > 0xdfff) return false;
      u += 1;
    }
  }
  return true;
}

function cp1252Text(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (badAt(c, i, b.length)) return false;
    if (c >= 0x80 && c <= 0x9f && CP1252_HIGH[c - 0x80] === 0) return false;
  }
  return true;
}

/**
 * The first `maxChars` characters of text in a known encoding, for looking at markup. Enough for
 * deciding what the text is; viewers decode the whole file themselves.
 */
export function decodeTextStart(head: Uint8Array, encoding: TextEncoding, maxChars: number): string {
  const codes: number[] = [];
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const le = encoding === 'utf-16le';
    for (let i = 2; i + 1 < head.length && codes.length < maxChars; i += 2) codes.push(le ? head[i]! | (head[i + 1]! << 8) : (head[i]! << 8) | head[i + 1]!);
    return String.fromCharCode(...codes);
  }
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  // Multi-byte UTF-8 sequences become one placeholder each: markup is ASCII, so nothing is lost.
  for (let i = start; i < head.length && codes.length < maxChars; i++) {
    const c = head[i]!;
    if (encoding === 'utf-8' && c >= 0x80) {
      if (c >= 0xc0) codes.push(0xfffd);
      continue;
    }
    codes.push(c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80]! : c);
  }
  return String.fromCharCode(...codes);
}

/**
 * Windows-1252 bytes as text. Node 20's TextDecoder('windows-1252') decodes as Latin-1 (0x80 becomes
 * U+0080, not €), so code that runs in Node uses this; the five undefined bytes become U+FFFD.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (c) => (c >= 0x80 && c <= 0x9f ? CP1252_HIGH[c - 0x80] || 0xfffd : c));
    out += String.fromCharCode(...codes);
  }
  return out;
}
