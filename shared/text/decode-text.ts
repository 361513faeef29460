/**
 * A text file's contents for a viewer, in the encoding the content sniffer recognises (UTF-8, UTF-16
 * with a BOM, else Windows-1252, which US Windows writes). Decoding never fails: bytes that fit no
 * encoding become U+FFFD, and the encoding used is reported so the viewer can say so.
 */
import { decodeWindows1252, detectTextEncoding, type TextEncoding } from '../content-type/text-encoding';

// TextDecoder exists in Node and Chromium alike; shared/ sees neither's types.
type Decoder = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => { decode(bytes: Uint8Array): string };
const Decoder = (globalThis as unknown as { TextDecoder: Decoder }).TextDecoder;

export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', 'windows-1252': 'Windows-1252',
};

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  // A file the sniffer would not call text (a stray control byte) is still UTF-8 if it decodes as UTF-8.
  const encoding = detectTextEncoding(bytes) ?? (isStrictUtf8(bytes) ? 'utf-8' : 'windows-1252');
  // The decoder drops a BOM itself.
  const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new Decoder(encoding).decode(bytes);
  return { text, encoding: ENCODING_NAMES[encoding] };
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new Decoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
