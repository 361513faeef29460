/**
 * The picture types an Office document may show inline, recognised by their first bytes (never by
 * the type the package declares for the part) — by the one content sniffer, so a picture is what the
 * rest of the app would call it.
 */
import { sniffContent } from '../content-type/sniff';

export type InlineImageType = 'image/png' | 'image/jpeg' | 'image/gif';

const INLINE: Partial<Record<ReturnType<typeof sniffContent>['kind'], InlineImageType>> = {
  png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif',
};

/** Signatures sit in the first bytes: the sniffer needs no more (and need not judge a picture as text). */
const HEAD_BYTES = 64;

export function sniffImage(b: Uint8Array): InlineImageType | null {
  return INLINE[sniffContent(b.subarray(0, HEAD_BYTES), '').kind] ?? null;
}
