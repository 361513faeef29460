/**
 * File names the app writes into the SBU folder. Taxpayers name their own files, and a name such as
 * "Form 433-A 987-65-4321.pdf" would put a TIN into a file name (forbidden: file names show up in
 * recent-file lists, backups and logs). Any long run of digits is masked, and the result is made safe
 * for Windows, macOS and Linux file systems.
 */
import { maskNumbers } from '../../shared/mask-numbers';

/** Characters Windows refuses in names, and control characters (matching them is the point). */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

export { maskNumbers };

/** A safe file name for writing inside the SBU folder, at most 120 characters, extension kept. */
export function safeFileName(original: string, fallback = 'attachment'): string {
  let name = maskNumbers(original.normalize('NFC')).replace(UNSAFE, '_').replace(/[. ]+$/u, '').trim();
  if (name === '' || name === '.' || name === '..') name = fallback;
  const dot = name.lastIndexOf('.');
  let base = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  if (RESERVED.test(base)) base = `_${base}`;
  const room = 120 - ext.length;
  return `${base.slice(0, Math.max(1, room))}${ext.length <= 20 ? ext : ''}`;
}
