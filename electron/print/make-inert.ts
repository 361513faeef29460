/**
 * Makes a taxpayer's PDF inert before its pages are copied into a print package, so the package an
 * Appeals officer opens can neither run script, launch a program, open a link, submit a form nor carry
 * a file of its own. Applied to the loaded copy of the source (the stored file is untouched):
 *
 * - every visible annotation (form fields included) is flattened: its appearance is drawn into the
 *   page content at its rectangle, and the annotation itself goes, so fields still print as filled and
 *   links, file attachments, sounds, movies and rich media are gone with their actions;
 * - a page keeps only the entries that describe what it shows (boxes, rotation, resources, contents,
 *   transparency group): page actions (/AA), associated files, threads, thumbnails, metadata go;
 * - everything the page content reaches is scrubbed of action, file-specification and embedded-file
 *   dictionaries and of references to external data (a stream's /F, OPI, reference XObjects);
 * - the document catalog loses its open action, additional actions, name trees (JavaScript,
 *   EmbeddedFiles), form (and so XFA) and outlines. Only pages are copied, but the output volume gets
 *   the same treatment before it is written.
 *
 * Because the copier follows references from the pages only, what is removed here never reaches the
 * output at all (no orphaned objects left behind).
 */
import { PDFArray, type PDFContext, PDFDict, type PDFDocument, PDFName, PDFNumber, type PDFObject, type PDFPage, PDFRef, PDFStream } from '@cantoo/pdf-lib';
import { num } from './doc-fonts';

/** What a page keeps: how it looks, nothing that acts. */
const PAGE_KEYS_KEPT = new Set(['Type', 'Parent', 'Resources', 'Contents', 'MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox', 'Rotate', 'UserUnit', 'Group']);
const RESOURCE_KEYS_KEPT = ['ExtGState', 'ColorSpace', 'Pattern', 'Shading', 'XObject', 'Font', 'ProcSet', 'Properties'];
/** Entries that name an action, a script, a file or external data, wherever they appear. */
const ACTIVE_KEYS = new Set(['A', 'AA', 'OpenAction', 'JS', 'JavaScript', 'EmbeddedFiles', 'EF', 'AF', 'FS', 'XFA', 'URI', 'OPI', 'Ref', 'Next']);
/** A stream's external data file (/F and its filters). */
const STREAM_EXTERNAL_KEYS = ['F', 'FFilter', 'FDecodeParms'];
const ACTIVE_TYPES = new Set(['Action', 'Annot', 'Filespec', 'EmbeddedFile', 'Sound', 'Movie', 'Rendition', 'RichMediaContent']);
/** Action subtypes (/S): every kind there is, since none belongs in a printed page. */
const ACTION_KINDS = new Set(['GoTo', 'GoToR', 'GoToE', 'GoToDp', 'Launch', 'Thread', 'URI', 'Sound', 'Movie', 'Hide', 'Named',
  'SubmitForm', 'ResetForm', 'ImportData', 'JavaScript', 'ECMAScript', 'SetOCGState', 'Rendition', 'Trans', 'GoTo3DView', 'RichMediaExecute']);
const CATALOG_KEYS_REMOVED = ['OpenAction', 'AA', 'Names', 'AcroForm', 'URI', 'Outlines', 'Threads', 'Collection', 'AF', 'Perms', 'Dests', 'Requirements'];

/** Annotation flags (PDF 32000 12.5.3): Hidden, NoView. */
const HIDDEN = 2;
const NO_VIEW = 32;

export function makeInert(doc: PDFDocument): void {
  const defaultResources = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)?.lookupMaybe(PDFName.of('DR'), PDFDict);
  for (const page of doc.getPages()) makePageInert(page, defaultResources);
  stripCatalog(doc);
}

/**
 * For a finished output volume: the document-level part, and no page keeps an annotation list or
 * page actions (copied pages lost theirs already; pdf-lib gives every new page an empty /Annots).
 */
export function makeOutputInert(doc: PDFDocument): void {
  stripCatalog(doc);
  for (const page of doc.getPages()) for (const key of ['Annots', 'AA', 'AF']) page.node.delete(PDFName.of(key));
}

function stripCatalog(doc: PDFDocument): void {
  for (const key of CATALOG_KEYS_REMOVED) doc.catalog.delete(PDFName.of(key));
}

function makePageInert(page: PDFPage, defaultResources: PDFDict | undefined): void {
  const node = page.node;
  const ctx = node.context;
  const resources = ownResources(node.Resources(), ctx);
  const flattened = flattenAnnotations(node.Annots(), ctx, resources, defaultResources);
  if (flattened) {
    const list: PDFObject[] = [ctx.register(ctx.stream('q\n'))];
    const contents = node.get(PDFName.of('Contents'));
    const resolved = ctx.lookup(contents);
    if (resolved instanceof PDFArray) list.push(...resolved.asArray());
    else if (contents instanceof PDFRef) list.push(contents);
    // The original content may leave its graphics state changed; appearances are drawn in page space.
    list.push(ctx.register(ctx.stream(`\nQ\n${flattened}`)));
    node.set(PDFName.of('Contents'), ctx.obj(list));
  }
  node.set(PDFName.of('Resources'), resources);
  for (const key of node.keys()) if (!PAGE_KEYS_KEPT.has(key.decodeText())) node.delete(key);
  scrub(resources, ctx);
  scrub(node.get(PDFName.of('Contents')), ctx);
}

/** A fresh resource dictionary for this page (possibly inherited or shared), holding only the graphics kinds. */
function ownResources(inherited: PDFDict | undefined, ctx: PDFContext): PDFDict {
  const own = ctx.obj({});
  for (const key of RESOURCE_KEYS_KEPT) {
    const value = inherited?.get(PDFName.of(key));
    if (value !== undefined) own.set(PDFName.of(key), value);
  }
  return own;
}

/**
 * Draws each visible annotation's normal appearance where the annotation sits (the mapping of PDF
 * 32000 12.5.5: the appearance's BBox, transformed by its Matrix, is fitted to the annotation's Rect).
 * Returns the content operators, or '' when nothing was drawn.
 */
function flattenAnnotations(annots: PDFArray | undefined, ctx: PDFContext, resources: PDFDict, defaultResources: PDFDict | undefined): string {
  if (!annots) return '';
  let ops = '';
  let xobjects: PDFDict | undefined;
  for (let i = 0; i < annots.size(); i++) {
    const annot = ctx.lookup(annots.get(i));
    if (!(annot instanceof PDFDict)) continue;
    if (nameOf(annot.get(PDFName.of('Subtype'))) === 'Popup') continue;
    const flags = numberOf(annot.lookup(PDFName.of('F'))) ?? 0;
    if (flags & (HIDDEN | NO_VIEW)) continue;
    const appearance = normalAppearance(annot, ctx);
    const rect = numbers(annot.lookup(PDFName.of('Rect')), 4);
    if (!appearance || !rect) continue;
    const bbox = numbers(appearance.stream.dict.lookup(PDFName.of('BBox')), 4);
    if (!bbox) continue;
    const matrix = numbers(appearance.stream.dict.lookup(PDFName.of('Matrix')), 6) ?? [1, 0, 0, 1, 0, 0];
    const box = transformedBox(bbox, matrix);
    const [rx1, ry1, rx2, ry2] = [Math.min(rect[0]!, rect[2]!), Math.min(rect[1]!, rect[3]!), Math.max(rect[0]!, rect[2]!), Math.max(rect[1]!, rect[3]!)];
    if (!(box.w > 1e-6 && box.h > 1e-6) || rx2 - rx1 <= 0 || ry2 - ry1 <= 0) continue;
    const sx = (rx2 - rx1) / box.w;
    const sy = (ry2 - ry1) / box.h;
    const dict = appearance.stream.dict;
    dict.set(PDFName.of('Type'), PDFName.of('XObject'));
    dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
    // Field appearances may rely on the form's default resources for their fonts.
    if (!dict.has(PDFName.of('Resources')) && defaultResources) dict.set(PDFName.of('Resources'), defaultResources);
    if (!xobjects) {
      xobjects = ctx.obj({});
      const existing = ctx.lookup(resources.get(PDFName.of('XObject')));
      if (existing instanceof PDFDict) for (const [k, v] of existing.entries()) xobjects.set(k, v);
      resources.set(PDFName.of('XObject'), xobjects);
    }
    const name = `SMFlat${i}`;
    xobjects.set(PDFName.of(name), appearance.ref);
    ops += `q ${[sx, 0, 0, sy, rx1 - box.x * sx, ry1 - box.y * sy].map(num).join(' ')} cm /${name} Do Q\n`;
  }
  return ops;
}

/** The annotation's /AP /N stream (the state named by /AS when /N holds several). */
function normalAppearance(annot: PDFDict, ctx: PDFContext): { stream: PDFStream; ref: PDFRef } | undefined {
  const ap = annot.lookup(PDFName.of('AP'));
  if (!(ap instanceof PDFDict)) return undefined;
  let raw: PDFObject | undefined = ap.get(PDFName.of('N'));
  let value = ctx.lookup(raw);
  if (value instanceof PDFDict && !(value instanceof PDFStream)) {
    const state = annot.get(PDFName.of('AS'));
    raw = state instanceof PDFName ? value.get(state) : undefined;
    value = ctx.lookup(raw);
  }
  if (!(value instanceof PDFStream)) return undefined;
  return { stream: value, ref: raw instanceof PDFRef ? raw : ctx.register(value) };
}

function transformedBox(bbox: number[], m: number[]): { x: number; y: number; w: number; h: number } {
  const [a, b, c, d, e, f] = m as [number, number, number, number, number, number];
  const pts = [[bbox[0]!, bbox[1]!], [bbox[2]!, bbox[1]!], [bbox[0]!, bbox[3]!], [bbox[2]!, bbox[3]!]].map(([x, y]) => [a * x! + c * y! + e, b * x! + d * y! + f] as const);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
}

/** Removes every active entry from what `root` reaches (resources, content streams, form XObjects). */
function scrub(root: PDFObject | undefined, ctx: PDFContext): void {
  const seen = new Set<PDFObject>();
  const stack: Array<PDFObject | undefined> = [root];
  while (stack.length) {
    const value = ctx.lookup(stack.pop());
    if (!value || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof PDFArray) {
      for (let i = value.size() - 1; i >= 0; i--) {
        if (isActive(ctx.lookup(value.get(i)))) value.remove(i); else stack.push(value.get(i));
      }
      continue;
    }
    const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : undefined;
    if (!dict) continue;
    if (value instanceof PDFStream) for (const key of STREAM_EXTERNAL_KEYS) dict.delete(PDFName.of(key));
    for (const [key, child] of dict.entries()) {
      if (ACTIVE_KEYS.has(key.decodeText()) || isActive(ctx.lookup(child))) dict.delete(key); else stack.push(child);
    }
  }
}

function isActive(value: PDFObject | undefined): boolean {
  const dict = value instanceof PDFStream ? value.dict : value instanceof PDFDict ? value : undefined;
  if (!dict) return false;
  const type = nameOf(dict.get(PDFName.of('Type')));
  if (type && ACTIVE_TYPES.has(type)) return true;
  const kind = nameOf(dict.get(PDFName.of('S')));
  return (kind !== undefined && ACTION_KINDS.has(kind)) || dict.has(PDFName.of('JS'));
}

const nameOf = (o: PDFObject | undefined): string | undefined => (o instanceof PDFName ? o.decodeText() : undefined);
const numberOf = (o: PDFObject | undefined): number | undefined => (o instanceof PDFNumber ? o.asNumber() : undefined);

function numbers(o: PDFObject | undefined, n: number): number[] | undefined {
  if (!(o instanceof PDFArray) || o.size() !== n) return undefined;
  const v = o.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : NaN));
  return v.every(Number.isFinite) ? v : undefined;
}
