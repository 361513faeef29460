/** Messages between the preview and its Office conversion worker. */
import type { DocxHtml } from '../../../../shared/documents/docx-to-html';
import type { SheetGrid } from '../../../../shared/documents/sheet-grid';

export type OfficeTask = { kind: 'docx'; bytes: Uint8Array } | { kind: 'xlsx'; bytes: Uint8Array };
export type OfficeResult =
  | { ok: true; kind: 'docx'; docx: DocxHtml }
  | { ok: true; kind: 'xlsx'; sheets: SheetGrid[] }
  /** `refused`: the converter's own sentence (a zip bomb, not a Word file); otherwise the file is damaged. */
  | { ok: false; refused: boolean; message: string };
