/**
 * Decides whether an Office file (a zip of XML parts) is safe to open, before a zip library inflates
 * it: the central directory's entry count, declared sizes and compression ratios are checked against
 * the limits, each entry's local header must be where the directory says, and then every part is
 * actually inflated (a streaming DecompressionStream('deflate-raw'), in Chromium and Node alike) and
 * counted, aborting the moment a part inflates past the size its directory entry declared — a bomb
 * that lies about its sizes is stopped after a few kilobytes too. Nothing inflated is kept.
 *
 * No Node and no DOM types: the stream classes are described by the few members used here.
 */
import { CENTRAL_ENTRY, END_OF_CENTRAL, LOCAL_HEADER, u16, u32 } from '../zip-format';
import {
  formatBytes, OFFICE_ZIP_MAX_ENTRIES, OFFICE_ZIP_MAX_ENTRY_RATIO, OFFICE_ZIP_MAX_MARKUP_BYTES, OFFICE_ZIP_MAX_MARKUP_PART_BYTES,
  OFFICE_ZIP_MAX_UNCOMPRESSED_BYTES, OFFICE_ZIP_RATIO_MIN_BYTES,
} from '../limits';

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxEntryRatio: number;
  ratioMinBytes: number;
  /** One markup part (XML and anything not named as a picture), inflated: what exceljs/mammoth parse into objects. */
  maxMarkupPartBytes: number;
  /** All markup parts together, inflated. */
  maxMarkupBytes: number;
}

export const OFFICE_ZIP_LIMITS: ZipLimits = {
  maxEntries: OFFICE_ZIP_MAX_ENTRIES,
  maxUncompressedBytes: OFFICE_ZIP_MAX_UNCOMPRESSED_BYTES,
  maxEntryRatio: OFFICE_ZIP_MAX_ENTRY_RATIO,
  ratioMinBytes: OFFICE_ZIP_RATIO_MIN_BYTES,
  maxMarkupPartBytes: OFFICE_ZIP_MAX_MARKUP_PART_BYTES,
  maxMarkupBytes: OFFICE_ZIP_MAX_MARKUP_BYTES,
};

/**
 * Parts held as bytes (pictures, embedded binaries): everything else is parsed, and parsing costs many
 * times the text's size, so it has its own, lower caps. A part named as a picture still counts as text
 * when its bytes begin like XML (mammoth follows relationships, so the body may carry any name).
 */
const BINARY_PART = /\.(?:png|jpe?g|jfif|gif|bmp|tiff?|emf|wmf|wdp|jxr|webp|bin|ole|odttf|fntdata|ttf|otf)$/i;
export const isMarkupPart = (name: string, head?: Uint8Array): boolean => !BINARY_PART.test(name) || (head !== undefined && startsLikeXml(head));

/** After an optional UTF-8 byte-order mark and white space, `<`. */
function startsLikeXml(head: Uint8Array): boolean {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x3c;
}

export interface ZipEntryInfo { name: string; compressedBytes: number; uncompressedBytes: number }

export type ZipBudget =
  | { ok: true; entries: ZipEntryInfo[]; uncompressedBytes: number }
  | { ok: false; reason: string };

const STORED = 0;
const DEFLATE = 8;
/** Deflate expands at most ~1032× (RFC 1951 length/distance limits): what one input slice can become. */
const MAX_DEFLATE_RATIO = 1032;
/** How far past its cap a lying part may inflate before it is caught (Chromium inflates ~40 MB/s here). */
const OVERSHOOT_BYTES = 1024 * 1024;
const MIN_SLICE = 1024;
const MAX_SLICE = 64 * 1024;
/** How much of a part's start tells text from a picture. */
const HEAD_BYTES = 64;

// TextDecoder exists in Node and Chromium alike; shared/ sees neither's types.
const utf8 = new (globalThis as unknown as { TextDecoder: new (label: string) => { decode(b: Uint8Array): string } }).TextDecoder('utf-8');

const DAMAGED = 'the file is damaged (its zip structure is broken), so it was not opened; ask the sender for a new copy';
const bomb = (what: string) => `the file was not opened: ${what}. This is how a "zip bomb" is built to exhaust the computer; ask the sender for the document in another form (for example a PDF)`;

const tooBigMarkupPart = (name: string, bytes: number, limits: ZipLimits) =>
  bomb(`its part ${name} holds ${formatBytes(bytes)} of text once inflated, more than the ${formatBytes(limits.maxMarkupPartBytes)} one part may hold`);
const tooMuchMarkup = (limits: ZipLimits) => bomb(`its text parts (sheets, document body, styles) hold more than ${formatBytes(limits.maxMarkupBytes)} once inflated, the most a document opened here may hold`);

interface Entry extends ZipEntryInfo { method: number; localOffset: number }

/** Checks `bytes` against `limits`; `reason` is a sentence for the employee when the answer is no. */
export async function checkZipBudget(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): Promise<ZipBudget> {
  const dir = readDirectory(bytes, limits);
  if (!dir.ok) return dir;
  let markup = 0;
  for (const e of dir.entries) {
    const data = entryData(bytes, e);
    if (data === null) return { ok: false, reason: DAMAGED };
    let size: number;
    let head: Uint8Array;
    if (e.method === STORED || (data.length === 0 && e.uncompressedBytes === 0)) {
      if (data.length !== e.uncompressedBytes) return { ok: false, reason: DAMAGED };
      size = data.length;
      head = data.subarray(0, HEAD_BYTES);
    } else {
      const inflated = await inflatedSize(data, e.uncompressedBytes);
      if (inflated === 'over') return { ok: false, reason: bomb(`a part inside it inflates to more than the ${formatBytes(e.uncompressedBytes)} its directory declares`) };
      if (inflated === 'damaged') return { ok: false, reason: DAMAGED };
      ({ size, head } = inflated);
    }
    // Counted from what actually came out, and by what it is, not only by what the directory says.
    if (isMarkupPart(e.name, head)) {
      if (size > limits.maxMarkupPartBytes) return { ok: false, reason: tooBigMarkupPart(e.name, size, limits) };
      markup += size;
      if (markup > limits.maxMarkupBytes) return { ok: false, reason: tooMuchMarkup(limits) };
    }
  }
  return { ok: true, entries: dir.entries.map(({ name, compressedBytes, uncompressedBytes }) => ({ name, compressedBytes, uncompressedBytes })), uncompressedBytes: dir.total };
}

/** The central directory, checked against the limits from declared sizes alone (no inflating). */
function readDirectory(b: Uint8Array, limits: ZipLimits): { ok: true; entries: Entry[]; total: number } | { ok: false; reason: string } {
  const end = findEndRecord(b);
  if (end === -2) return { ok: false, reason: DAMAGED };
  if (end < 0) return { ok: false, reason: 'the file is not a Word or Excel document (it is not a zip package), so it was not opened' };
  const count = u16(b, end + 10);
  const dirSize = u32(b, end + 12);
  const dirOffset = u32(b, end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) {
    return { ok: false, reason: bomb('it uses the ZIP64 format, which Office documents of a size that can be opened here never need') };
  }
  if (count > limits.maxEntries) return { ok: false, reason: bomb(`it holds ${count} parts, more than the ${limits.maxEntries} a document may have`) };
  // JSZip (under mammoth and exceljs) shifts every offset when the directory does not end where the
  // end record starts (data prepended to the zip): refuse that instead of reading another layout.
  if (dirOffset + dirSize !== end) return { ok: false, reason: DAMAGED };
  const entries: Entry[] = [];
  let total = 0;
  let markup = 0;
  let at = dirOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(b, at) !== CENTRAL_ENTRY) return { ok: false, reason: DAMAGED };
    const method = u16(b, at + 10);
    const compressedBytes = u32(b, at + 20);
    const uncompressedBytes = u32(b, at + 24);
    const nameLength = u16(b, at + 28);
    const next = at + 46 + nameLength + u16(b, at + 30) + u16(b, at + 32);
    if (next > end) return { ok: false, reason: DAMAGED };
    const name = utf8.decode(b.subarray(at + 46, at + 46 + nameLength));
    if (method !== STORED && method !== DEFLATE) {
      return { ok: false, reason: 'the file uses a zip compression method Office never writes, so it was not opened; ask the sender for a new copy' };
    }
    if (compressedBytes === 0xffffffff || uncompressedBytes === 0xffffffff) return { ok: false, reason: bomb('a part uses ZIP64 sizes') };
    total += uncompressedBytes;
    if (total > limits.maxUncompressedBytes) {
      return { ok: false, reason: bomb(`its parts declare more than ${formatBytes(limits.maxUncompressedBytes)} once inflated, the most a document opened here may hold`) };
    }
    if (uncompressedBytes > limits.ratioMinBytes && uncompressedBytes / Math.max(1, compressedBytes) > limits.maxEntryRatio) {
      return { ok: false, reason: bomb(`a part of ${formatBytes(compressedBytes)} declares ${formatBytes(uncompressedBytes)} once inflated, over ${limits.maxEntryRatio} times its size`) };
    }
    if (isMarkupPart(name)) {
      if (uncompressedBytes > limits.maxMarkupPartBytes) return { ok: false, reason: tooBigMarkupPart(name, uncompressedBytes, limits) };
      markup += uncompressedBytes;
      if (markup > limits.maxMarkupBytes) return { ok: false, reason: tooMuchMarkup(limits) };
    }
    entries.push({ name, method, compressedBytes, uncompressedBytes, localOffset: u32(b, at + 42) });
    at = next;
  }
  // JSZip reads entries for as long as the signatures go on, not `count` of them: a directory holding
  // more entries than it counts would hide parts from this check.
  if (at !== end) return { ok: false, reason: DAMAGED };
  return { ok: true, entries, total };
}

/**
 * The end-of-central-directory record, found as JSZip finds it: the last signature anywhere in the
 * file (a comment may hide another end record; JSZip reads the last one, so this does too). A record
 * that is cut, or whose comment does not end the file, is damaged (-2).
 */
function findEndRecord(b: Uint8Array): number {
  for (let i = b.length - 4; i >= 0; i--) {
    if (b[i] !== 0x50 || u32(b, i) !== END_OF_CENTRAL) continue;
    return i + 22 <= b.length && i + 22 + u16(b, i + 20) === b.length ? i : -2;
  }
  return -1;
}

/** The compressed bytes of one entry, found through its local header (null when it is not there). */
function entryData(b: Uint8Array, e: Entry): Uint8Array | null {
  const at = e.localOffset;
  if (at + 30 > b.length || u32(b, at) !== LOCAL_HEADER) return null;
  const start = at + 30 + u16(b, at + 26) + u16(b, at + 28);
  if (start + e.compressedBytes > b.length) return null;
  return b.subarray(start, start + e.compressedBytes);
}

interface ByteReader { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> }
interface ByteWriter { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> }
interface InflateStream { readable: { getReader(): ByteReader }; writable: { getWriter(): ByteWriter } }
type InflateStreamClass = new (format: 'deflate-raw') => InflateStream;

/**
 * Inflates `data` and counts the output, stopping as soon as it passes `cap` ('over'). Input goes in
 * slices and output is read as it comes. Chromium inflates a whole written slice before the reader
 * sees any of it, so a slice is sized to what may still legitimately come out, plus at most 1 MiB:
 * a part lying "4 KiB" is fed 1 KiB at a time (≤ 1 MiB of zeros before it is caught), an honest
 * large part up to 64 KiB at a time (few writes: each costs Chromium a task round trip).
 */
async function inflatedSize(data: Uint8Array, cap: number): Promise<{ size: number; head: Uint8Array } | 'over' | 'damaged'> {
  const Inflate = (globalThis as unknown as { DecompressionStream?: InflateStreamClass }).DecompressionStream;
  if (Inflate === undefined) throw new Error('internal: DecompressionStream is not available in this environment');
  const stream = new Inflate('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let stopped = false;
  let size = 0;
  let head: Uint8Array = new Uint8Array(0);
  const feed = (async () => {
    for (let i = 0; i < data.length && !stopped;) {
      const slice = Math.min(MAX_SLICE, Math.max(MIN_SLICE, Math.floor(Math.max(cap - size, OVERSHOOT_BYTES) / MAX_DEFLATE_RATIO)));
      await writer.write(data.subarray(i, i + slice));
      i += slice;
    }
    if (!stopped) await writer.close();
  })().catch(() => undefined); // a cancelled or failed stream rejects the pending write: the reader reports it
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value !== undefined && head.length < HEAD_BYTES) head = concatHead(head, value);
      size += value?.length ?? 0;
      if (size > cap) {
        stopped = true;
        await reader.cancel().catch(() => undefined);
        return 'over';
      }
    }
  } catch {
    stopped = true;
    return 'damaged';
  } finally {
    await feed;
  }
  return { size, head };
}

/** The first HEAD_BYTES of a part's output, gathered across chunks. */
function concatHead(head: Uint8Array, chunk: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.min(HEAD_BYTES, head.length + chunk.length));
  out.set(head);
  out.set(chunk.subarray(0, out.length - head.length), head.length);
  return out;
}
