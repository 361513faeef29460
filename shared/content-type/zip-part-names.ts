/**
 * The entry names of a zip archive, from what a sniffer can see without reading the whole file: the
 * local headers at the start of the file (walked in order; a streamed entry whose size is only in the
 * data descriptor is skipped by looking for the next header) and the central directory at the end
 * (walked as a chain that must end at the end-of-central-directory record, so a stray signature inside
 * compressed data is not taken for an entry). Names are read as Latin-1: callers compare ASCII parts.
 */
import { CENTRAL_ENTRY, END_OF_CENTRAL, LOCAL_HEADER, u16, u32 } from '../zip-format';
const ZIP64_END_OF_CENTRAL = 0x06064b50;
const LOCAL_HEADER_SIZE = 30;
const CENTRAL_ENTRY_SIZE = 46;
const MAX_NAMES = 10_000;

const sigAt = (b: Uint8Array, at: number, sig: number) => at >= 0 && at + 4 <= b.length && u32(b, at) === sig;
const latin1 = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function isZipStart(head: Uint8Array): boolean {
  return sigAt(head, 0, LOCAL_HEADER) || sigAt(head, 0, END_OF_CENTRAL); // an empty zip is only the end record
}

export function zipPartNames(head: Uint8Array, tail?: Uint8Array): string[] {
  const names = localHeaderNames(head);
  if (tail !== undefined && names.length < MAX_NAMES) names.push(...centralDirectoryNames(tail));
  return names;
}

function indexOfSig(b: Uint8Array, sig: number, from: number): number {
  const first = sig & 0xff;
  for (let i = Math.max(0, from); i + 4 <= b.length; i++) if (b[i] === first && u32(b, i) === sig) return i;
  return -1;
}

function localHeaderNames(head: Uint8Array): string[] {
  const names: string[] = [];
  let at = 0;
  while (sigAt(head, at, LOCAL_HEADER) && at + LOCAL_HEADER_SIZE <= head.length && names.length < MAX_NAMES) {
    const flags = u16(head, at + 6);
    const compressedSize = u32(head, at + 18);
    const nameLength = u16(head, at + 26);
    const extraLength = u16(head, at + 28);
    const nameStart = at + LOCAL_HEADER_SIZE;
    if (nameStart + nameLength > head.length) break; // the head ends inside this name
    names.push(latin1(head, nameStart, nameStart + nameLength));
    const dataStart = nameStart + nameLength + extraLength;
    const sizeKnown = !((flags & 0x08) !== 0 && compressedSize === 0) && compressedSize !== 0xffffffff;
    at = sizeKnown ? dataStart + compressedSize : indexOfSig(head, LOCAL_HEADER, dataStart);
    if (at < 0) break;
  }
  if (sigAt(head, at, CENTRAL_ENTRY)) names.push(...centralDirectoryNames(head)); // the whole zip is in the head
  return names;
}

function centralDirectoryNames(tail: Uint8Array): string[] {
  for (let start = indexOfSig(tail, CENTRAL_ENTRY, 0); start >= 0; start = indexOfSig(tail, CENTRAL_ENTRY, start + 1)) {
    const names = walkCentralDirectory(tail, start);
    if (names !== null) return names;
  }
  return [];
}

/** The names of the entries from `start` on, or null when the chain does not end at an end record. */
function walkCentralDirectory(b: Uint8Array, start: number): string[] | null {
  const names: string[] = [];
  let at = start;
  while (sigAt(b, at, CENTRAL_ENTRY) && names.length < MAX_NAMES) {
    if (at + CENTRAL_ENTRY_SIZE > b.length) return null;
    const nameLength = u16(b, at + 28);
    const next = at + CENTRAL_ENTRY_SIZE + nameLength + u16(b, at + 30) + u16(b, at + 32);
    if (next > b.length) return null;
    names.push(latin1(b, at + CENTRAL_ENTRY_SIZE, at + CENTRAL_ENTRY_SIZE + nameLength));
    at = next;
  }
  return sigAt(b, at, END_OF_CENTRAL) || sigAt(b, at, ZIP64_END_OF_CENTRAL) ? names : null;
}
