/**
 * Writes a pdf-lib document straight to a file, hashing as it goes. pdf-lib's own `save()` first
 * builds the whole file in one buffer (another copy of the package in memory) and copies every stream
 * into it byte by byte in JavaScript — measured as the largest single cost of a package build. Here
 * each object is serialised by pdf-lib itself, and stream contents (the bulk: copied pages, images)
 * go to the file as they are. The layout is a classic cross-reference table, as pdf-lib's PDFWriter
 * writes with `useObjectStreams: false`.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import {
  PDFCrossRefSection, type PDFDocument, PDFName, PDFRawStream, PDFStream, PDFTrailer, PDFTrailerDict,
  type PDFObject,
} from '@cantoo/pdf-lib';

const BUFFER_SIZE = 1 << 20;

interface Serializable { sizeInBytes(): number; copyBytesInto(b: Uint8Array, off: number): number }

/** Small objects are serialised straight into one reusable 1 MiB buffer; big stream contents bypass it. */
class HashingFileSink {
  private readonly hash = createHash('sha256');
  private readonly buf = Buffer.allocUnsafe(BUFFER_SIZE);
  private pos = 0;
  offset = 0;

  constructor(private readonly fd: number) {}

  object(o: Serializable): void {
    const size = o.sizeInBytes();
    if (size > BUFFER_SIZE - this.pos) {
      this.flush();
      if (size > BUFFER_SIZE) {
        const big = new Uint8Array(size);
        o.copyBytesInto(big, 0);
        this.out(big);
        this.offset += size;
        return;
      }
    }
    o.copyBytesInto(this.buf, this.pos);
    this.pos += size;
    this.offset += size;
  }

  bytes(b: Uint8Array): void {
    if (b.length > BUFFER_SIZE - this.pos) {
      this.flush();
      if (b.length > BUFFER_SIZE / 4) { this.out(b); this.offset += b.length; return; }
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
    this.offset += b.length;
  }

  text(s: string): void {
    // Only ASCII is written as text here (keywords, numbers).
    if (s.length > BUFFER_SIZE - this.pos) this.flush();
    this.pos += this.buf.write(s, this.pos, 'latin1');
    this.offset += s.length;
  }

  flush(): void {
    if (this.pos === 0) return;
    this.out(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  private out(bytes: Uint8Array): void {
    this.hash.update(bytes);
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
  }

  digest(): string { this.flush(); return this.hash.digest('hex'); }
}

/** Object streams copied from a source are never written: their objects were copied one by one. */
const isObjectStream = (o: PDFObject) => o instanceof PDFRawStream && o.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm');

/** Writes `doc` to `fd` (a file opened for writing); returns the file's SHA-256 and size. */
export async function writePdfToFile(doc: PDFDocument, fd: number): Promise<{ sha256: string; bytes: number }> {
  await doc.flush(); // font subsets, images and embedded pages become objects now
  const ctx = doc.context;
  const sink = new HashingFileSink(fd);
  sink.object(ctx.header);
  sink.text('\n\n');
  const xref = PDFCrossRefSection.create();
  for (const [ref, object] of ctx.enumerateIndirectObjects()) {
    if (isObjectStream(object)) continue;
    xref.addEntry(ref, sink.offset);
    sink.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    if (object instanceof PDFStream) {
      object.updateDict();
      sink.object(object.dict);
      sink.text('\nstream\n');
      sink.bytes(object.getContents());
      sink.text('\nendstream');
    } else {
      sink.object(object);
    }
    sink.text('\nendobj\n\n');
  }
  const xrefOffset = sink.offset;
  sink.object(xref);
  sink.text('\n');
  const { Root, Info, ID } = ctx.trailerInfo;
  sink.object(PDFTrailerDict.of(ctx.obj({ Size: ctx.largestObjectNumber + 1, Root, Info, ID })));
  sink.text('\n\n');
  sink.object(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
  const bytes = sink.offset;
  return { sha256: sink.digest(), bytes };
}
