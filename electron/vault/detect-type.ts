/**
 * Content type from the first bytes ("magic numbers"), recorded next to the type the sender declared so
 * that a mismatch (an executable named .pdf) is visible. Covers the formats taxpayers actually send.
 */
const signatures: Array<{ type: string; at: number; bytes: number[] }> = [
  { type: 'application/pdf', at: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', at: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/tiff', at: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'image/webp', at: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  { type: 'application/x-msdownload', at: 0, bytes: [0x4d, 0x5a] },
  { type: 'application/x-ole-storage', at: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: 'application/zip', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
];

/**
 * Office Open XML files are zip archives; the part names near the start tell which application made
 * them, and a `vbaProject.bin` part means macros (a .docx that is really a .docm).
 */
function officeType(head: Uint8Array): string | null {
  const names = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1');
  if (!names.includes('[Content_Types].xml')) return null;
  const macros = names.includes('vbaProject.bin');
  if (names.includes('word/')) return macros ? 'application/vnd.ms-word.document.macroEnabled.12' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (names.includes('xl/')) return macros ? 'application/vnd.ms-excel.sheet.macroEnabled.12' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (names.includes('ppt/')) return macros ? 'application/vnd.ms-powerpoint.presentation.macroEnabled.12' : 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  return null;
}

export function detectContentType(head: Uint8Array): string {
  for (const s of signatures) {
    if (head.length >= s.at + s.bytes.length && s.bytes.every((b, i) => head[s.at + i] === b)) {
      return s.type === 'application/zip' ? officeType(head) ?? s.type : s.type;
    }
  }
  if (head.length === 0) return 'application/x-empty';
  // Printable UTF-8 without NUL bytes reads as text.
  const text = !head.includes(0) && Buffer.from(head).toString('utf8').indexOf('\uFFFD') === -1;
  return text ? 'text/plain' : 'application/octet-stream';
}
