/**
 * Runs one conversion in a fresh worker and ends it: with the answer, after a time limit, or when the
 * preview closes. A DOCX or XLSX written to hang or exhaust a converter costs one worker, not the window.
 */
import type { OfficeResult, OfficeTask } from './office-protocol';

/** Longer than any honest document takes here (a 5,000-row workbook ~0.6 s). */
export const OFFICE_CONVERSION_TIMEOUT_MS = 30_000;

export function convertOffice(task: OfficeTask, signal: AbortSignal): Promise<OfficeResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./office-worker.ts', import.meta.url), { type: 'module', name: `office-${task.kind}` });
    const finish = (result: OfficeResult) => { clearTimeout(timer); worker.terminate(); signal.removeEventListener('abort', onAbort); resolve(result); };
    const timer = setTimeout(() => finish({ ok: false, refused: true, message: 'opening it took longer than previews allow, so it was stopped' }), OFFICE_CONVERSION_TIMEOUT_MS);
    const onAbort = () => finish({ ok: false, refused: true, message: 'the preview was closed' });
    signal.addEventListener('abort', onAbort);
    worker.onmessage = (event: MessageEvent<OfficeResult>) => finish(event.data);
    worker.onerror = (event) => { event.preventDefault(); finish({ ok: false, refused: false, message: 'the converter stopped on this file (it may be damaged)' }); };
    // A copy goes to the worker: the preview's bytes stay where they are until it closes.
    worker.postMessage(task);
  });
}
