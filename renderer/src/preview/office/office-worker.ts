/**
 * Converts one Office file off the renderer's main thread: mammoth (DOCX) or exceljs (XLSX), behind the
 * shared zip budget. The page terminates this worker when it answers or takes too long, so a file that
 * makes a converter spin never freezes the window, and nothing it allocated outlives the conversion.
 */
/// <reference lib="webworker" />
import { DocumentRefusedError } from '../../../../shared/documents/document-refused';
import { docxToHtml } from '../../../../shared/documents/docx-to-html';
import { workbookToGrids } from '../../../../shared/documents/sheet-grid';
import type { OfficeResult, OfficeTask } from './office-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<OfficeTask>) => {
  const task = event.data;
  let result: OfficeResult;
  try {
    result = task.kind === 'docx'
      ? { ok: true, kind: 'docx', docx: await docxToHtml(task.bytes) }
      : { ok: true, kind: 'xlsx', sheets: await workbookToGrids(task.bytes) };
  } catch (error) {
    const refused = error instanceof DocumentRefusedError;
    result = { ok: false, refused, message: refused ? (error as Error).message : 'the file is damaged or is not really what its name says' };
  }
  scope.postMessage(result);
};
