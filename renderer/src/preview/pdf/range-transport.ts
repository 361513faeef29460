/**
 * Feeds pdf.js from a ByteSource by range: pdf.js asks for the pieces it needs (the trailer and xref at
 * the end, then the objects of the page it shows), so a 300-page PDF shows page 1 after reading a small
 * part of the file.
 */
import type { PDFDataRangeTransport } from 'pdfjs-dist';
import { readRange, type ByteSource } from '../byte-source';
import type { loadPdfJs } from './pdfjs';

/** What pdf.js is handed up front: the file's start, which holds the header and often page 1. */
export const INITIAL_BYTES = 64 * 1024;
/** pdf.js asks for ranges in chunks of this size. */
export const RANGE_CHUNK = 64 * 1024;

export interface RangeTransport {
  transport: PDFDataRangeTransport;
  size: number;
  /** Bytes read through the bridge so far (the initial block included). */
  bytesRead(): number;
}

/** `onFailure`: a range could not be read (vault locked, file gone); pdf.js would wait for it forever. */
export async function openRangeTransport(pdfjs: Awaited<ReturnType<typeof loadPdfJs>>, source: ByteSource, onFailure: (error: unknown) => void): Promise<RangeTransport> {
  const first = await source.read(0, INITIAL_BYTES);
  let read = first.bytes.length;
  const size = first.size;
  const transport = new pdfjs.PDFDataRangeTransport(size, first.bytes, first.bytes.length >= size);
  transport.requestDataRange = (begin: number, end: number) => {
    readRange(source, begin, Math.min(end, size))
      .then((chunk) => { read += chunk.length; transport.onDataRange(begin, chunk); })
      .catch(onFailure);
  };
  return { transport, size, bytesRead: () => read };
}
