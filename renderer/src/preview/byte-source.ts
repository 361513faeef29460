/**
 * Where a viewer's bytes come from: an attachment decrypted by the vault, or a print package this session
 * built. Both are read in slices through the bridge, so the renderer never names a path and a viewer can
 * read only the part it needs (a PDF's first page without the whole file).
 */
import { MAX_ATTACHMENT_SLICE } from '../../../shared/ipc/workspace-schemas';
import type { ScoicApi } from '../../../shared/ipc/bridge';
import { unwrap } from '../data/bridge-error';

export interface ByteSource {
  /** What the viewer calls the file in messages (never a path). */
  readonly label: string;
  /** Reads up to `length` bytes at `offset`; `size` is the whole file's. */
  read(offset: number, length: number): Promise<{ bytes: Uint8Array; size: number }>;
}

export function attachmentSource(bridge: ScoicApi, attachmentId: number, label: string): ByteSource {
  return {
    label,
    read: async (offset, length) => {
      const slice = await unwrap(bridge.attachments.read({ attachmentId, offset, length: Math.min(length, MAX_ATTACHMENT_SLICE) }));
      return { bytes: slice.bytes, size: slice.size };
    },
  };
}

export function packageSource(bridge: ScoicApi, fileName: string): ByteSource {
  return {
    label: fileName,
    read: async (offset, length) => {
      const slice = await unwrap(bridge.print.readPackage({ fileName, offset, length: Math.min(length, MAX_ATTACHMENT_SLICE) }));
      return { bytes: slice.bytes, size: slice.size };
    },
  };
}

/** Reads `[offset, end)` as one buffer, in as many slices as the bridge allows. */
export async function readRange(source: ByteSource, offset: number, end: number): Promise<Uint8Array> {
  const out = new Uint8Array(Math.max(0, end - offset));
  let at = 0;
  while (at < out.length) {
    const { bytes } = await source.read(offset + at, Math.min(MAX_ATTACHMENT_SLICE, out.length - at));
    if (bytes.length === 0) break;
    out.set(bytes.subarray(0, out.length - at), at);
    at += bytes.length;
  }
  return at === out.length ? out : out.slice(0, at);
}

/** The first `limit` bytes of the file (all of it when smaller), and its size. */
export async function readPrefix(source: ByteSource, limit: number): Promise<{ bytes: Uint8Array; size: number }> {
  const first = await source.read(0, Math.min(limit, MAX_ATTACHMENT_SLICE));
  const want = Math.min(limit, first.size);
  if (first.bytes.length >= want) return { bytes: first.bytes.subarray(0, want), size: first.size };
  const rest = await readRange(source, first.bytes.length, want);
  const bytes = new Uint8Array(first.bytes.length + rest.length);
  bytes.set(first.bytes, 0);
  bytes.set(rest, first.bytes.length);
  return { bytes, size: first.size };
}
