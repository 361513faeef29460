/**
 * The picture types an Office document may show inline, recognised by their first bytes (never by
 * the type the package declares for the part).
 */
export type InlineImageType = 'image/png' | 'image/jpeg' | 'image/gif';

const starts = (b: Uint8Array, sig: readonly number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

export function sniffImage(b: Uint8Array): InlineImageType | null {
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(b, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || starts(b, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'image/gif';
  return null;
}
