/**
 * Decodes a text file piece by piece, in the encoding the preview would show it in
 * (shared/text/decode-text.ts decides from the whole file: UTF-8 or UTF-16 when the whole file is
 * valid in it, else Windows-1252). The encoding the head suggests is assumed, and the rest of the
 * file is checked as it streams by; when it turns out the preview would fall back to Windows-1252,
 * `EncodingFallback` is thrown so the caller starts again in Windows-1252. Characters cut between
 * two reads (a UTF-8 sequence, a UTF-16 surrogate pair) are joined by the decoder's own stream state.
 */
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { decodeWindows1252, type TextEncoding } from '../../shared/content-type/text-encoding';

/** The whole file would not decode in the assumed encoding: start again in Windows-1252. */
export class EncodingFallback extends Error {
  constructor() { super('the file is not valid in the encoding its start suggests'); }
}

/** Control characters decode-text's detector does not accept in text (tab, LF, VT, FF, CR and ESC are fine). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BAD_CONTROL = /[\u0000-\u0008\u000e-\u0019\u001c-\u001f\u007f]/;
/** Ctrl+Z ends some DOS files: accepted only as the very last character. */
const SUB = '\u001a';

export class TextStreamDecoder {
  private readonly decoder: TextDecoder | null;
  private sawBadControl = false;
  private subLast = false;
  private started = false;

  constructor(readonly encoding: TextEncoding) {
    this.decoder = encoding === 'windows-1252' ? null : new TextDecoder(encoding, { fatal: true });
  }

  /** Whether decoding can still find the file invalid in its encoding (Windows-1252 decodes any byte). */
  get validates(): boolean { return this.decoder !== null; }

  /** The text of the next bytes (possibly empty: a character may wait for its next bytes). */
  decode(bytes: Uint8Array): string {
    if (!this.decoder) return decodeWindows1252(bytes);
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: true });
    } catch {
      throw new EncodingFallback();
    }
    this.checkControls(text);
    return text;
  }

  /** The end of the file: what the decoder still held. */
  end(): string {
    if (!this.decoder) return '';
    try {
      const tail = this.decoder.decode();
      this.checkControls(tail);
      return tail;
    } catch (err) {
      if (err instanceof EncodingFallback) throw err;
      // A character cut off at the very end: decode-text keeps the encoding and shows U+FFFD,
      // except for UTF-8 with a stray control character (then its detector gives up on UTF-8).
      if (this.encoding === 'utf-8' && (this.sawBadControl || this.subLast)) throw new EncodingFallback();
      return '\ufffd';
    }
  }

  /** Bytes `text` took in the file (for "X of Y bytes printed"); the BOM counts with the first text. */
  byteLength(text: string): number {
    let bom = 0;
    if (!this.started) { this.started = true; bom = this.bomLength; }
    if (this.encoding === 'utf-8') return bom + Buffer.byteLength(text, 'utf8');
    if (this.encoding === 'windows-1252') return text.length;
    return bom + 2 * text.length;
  }

  /** Set by the caller when the file began with a byte order mark (the decoder drops it). */
  bomLength = 0;

  private checkControls(text: string): void {
    if (text === '') return;
    if (this.subLast) this.badControl(); // a Ctrl+Z with more text after it
    const sub = text.indexOf(SUB);
    if (sub >= 0 && sub < text.length - 1) this.badControl();
    this.subLast = text.endsWith(SUB);
    if (!this.sawBadControl && BAD_CONTROL.test(text)) this.badControl();
  }

  private badControl(): void {
    this.sawBadControl = true;
    // UTF-16: decode-text's detector refuses the file, and falls back to Windows-1252.
    if (this.encoding === 'utf-16le' || this.encoding === 'utf-16be') throw new EncodingFallback();
  }
}
