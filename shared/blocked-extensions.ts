/**
 * The 49 file extensions the memo says can never be uploaded, and the one check both the client and
 * the reference server apply to a file name. Attackers hide extensions, so the check looks at the name
 * Windows would actually create, not at the name as typed.
 */
export const BLOCKED_EXTENSIONS: readonly string[] = [
  'exe', 'pif', 'application', 'gadget', 'msi', 'msp', 'com', 'scr', 'hta', 'cpl', 'msc', 'jar',
  'bat', 'cmd', 'vb', 'vbs', 'vbe', 'js', 'jse', 'ws', 'wsf', 'wsc', 'wsh', 'ps1', 'ps1xml', 'ps2',
  'ps2xml', 'psc1', 'psc2', 'msh', 'msh1', 'msh2', 'mshxml', 'msh1xml', 'msh2xml', 'scf', 'lnk', 'inf',
  'reg', 'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm',
];

const BLOCKED = new Set(BLOCKED_EXTENSIONS);

/** Bidirectional controls (e.g. U+202E right-to-left override) and zero-width characters. */
const INVISIBLE_OR_BIDI = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export type FileNameVerdict =
  | { blocked: false }
  | { blocked: true; extension: string; reason: 'blocked-extension' | 'hidden-extension' | 'alternate-data-stream' };

/**
 * Decides whether a file name may be sent or received.
 * - case-insensitive, after Unicode NFKC (full-width letters fold to ASCII);
 * - trailing dots and spaces are dropped, as Windows does when it creates the file;
 * - invisible and bidirectional-override characters are removed before reading the extension;
 * - an NTFS alternate data stream (`name.pdf:evil.exe`) is judged by every part of the name;
 * - every extension of a multi-dot name counts (`report.exe.pdf` still carries an executable).
 */
export function checkFileName(name: string): FileNameVerdict {
  const folded = name.normalize('NFKC').toLowerCase();
  const visible = folded.replace(INVISIBLE_OR_BIDI, '');
  const parts = visible.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = (parts[i] ?? '').replace(/[. ]+$/u, '');
    const segments = part.split('.').map((s) => s.trim());
    // The first segment is the base name, not an extension.
    for (let j = segments.length - 1; j >= 1; j--) {
      const ext = segments[j] ?? '';
      if (!BLOCKED.has(ext)) continue;
      const reason = i > 0
        ? 'alternate-data-stream'
        : visible !== folded || j !== segments.length - 1 || part !== parts[i]
          ? 'hidden-extension'
          : 'blocked-extension';
      return { blocked: true, extension: ext, reason };
    }
  }
  return { blocked: false };
}

/** A message an employee can act on, naming the file type but not echoing the (taxpayer's) file name. */
export function blockedFileMessage(verdict: Extract<FileNameVerdict, { blocked: true }>): string {
  return `Files of type .${verdict.extension.toUpperCase()} cannot be sent through Secure Messaging. ` +
    'Convert the document to PDF or another permitted type and attach it again.';
}
