/**
 * A Word document (.docx) as HTML, through mammoth, for the preview (then sanitised by DOMPurify in the
 * renderer) and for print (read with htmlparser2, which only understands a whitelist of tags).
 *
 * What this adds around mammoth, which sanitises nothing:
 * - the zip budget is checked first (a bomb is refused before mammoth's JSZip inflates anything);
 * - pictures become data: URIs only when their bytes really are PNG, JPEG or GIF (the type in the
 *   package's [Content_Types].xml is the sender's word); SVG, EMF, "PNG" parts that are really HTML and
 *   pictures linked from outside the file are dropped, with a warning;
 * - links to anything outside the document (http:, javascript:, file:) become plain text: only the
 *   document's own `#` anchors (footnotes, bookmarks) stay links;
 * - a style map embedded in the file is ignored (it could map paragraphs to any element, `script`
 *   included), and external file access stays off.
 * mammoth escapes text and attribute values itself, so text that looks like markup stays text.
 */
import mammoth from 'mammoth';
import { DocumentRefusedError } from './document-refused';
import { sniffImage } from './image-magic';
import { checkZipBudget } from './zip-budget';

export interface DocxHtml { html: string; warnings: string[] }

type MammothInput = Parameters<typeof mammoth.convertToHtml>[0];

export async function docxToHtml(bytes: Uint8Array): Promise<DocxHtml> {
  const budget = await checkZipBudget(bytes);
  if (!budget.ok) throw new DocumentRefusedError(budget.reason);
  if (!budget.entries.some((e) => e.name.toLowerCase() === 'word/document.xml')) {
    throw new DocumentRefusedError('the file is a zip package but not a Word document (it has no word/document.xml part), so it was not opened');
  }
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; JSZip takes an ArrayBuffer in both.
  const input = { arrayBuffer, buffer: arrayBuffer } as unknown as MammothInput;
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(input, {
      convertImage: mammoth.images.imgElement(async (image) => {
        const data = new Uint8Array(await image.readAsArrayBuffer());
        const type = sniffImage(data);
        // Throwing drops the picture: mammoth records the message and emits nothing for it.
        if (type === null) throw new Error(`a picture was left out: its content is not a PNG, JPEG or GIF image (the file calls it ${image.contentType || 'nothing'})`);
        return { src: `data:${type};base64,${base64(data)}` };
      }),
      transformDocument: unlinkOutsideReferences,
      includeEmbeddedStyleMap: false,
      externalFileAccess: false,
    });
  } catch {
    throw new DocumentRefusedError('the Word document is damaged and could not be read; ask the sender for a new copy');
  }
  return { html: result.value, warnings: result.messages.map((m) => m.message) };
}

interface MammothElement { type?: string; children?: MammothElement[]; href?: string; anchor?: string }

/** Hyperlinks that leave the document become plain runs of their text. */
function unlinkOutsideReferences(element: MammothElement): MammothElement {
  const children = element.children?.map(unlinkOutsideReferences);
  const el = children ? { ...element, children } : element;
  if (el.type === 'hyperlink' && !el.anchor) {
    return {
      type: 'run', children: el.children ?? [], styleId: null, styleName: null, isBold: false, isUnderline: false, isItalic: false,
      isStrikethrough: false, isAllCaps: false, isSmallCaps: false, verticalAlignment: 'baseline', font: null, fontSize: null, highlight: null,
    } as MammothElement;
  }
  return el;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without Buffer or btoa (neither exists on both sides). */
export function base64(b: Uint8Array): string {
  const out: string[] = [];
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out.push(B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!);
  }
  if (i < b.length) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8);
    out.push(B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < b.length ? B64[(n >> 6) & 63]! : '=') + '=');
  }
  return out.join('');
}
