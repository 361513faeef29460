/**
 * pdf.js, loaded only when a PDF is first shown, with its worker served from the app's own origin
 * (CSP `worker-src 'self'`; no blob: worker, no eval). One worker serves every document.
 */
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

import type * as PdfJsModule from 'pdfjs-dist';

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort = new Worker(workerUrl, { type: 'module', name: 'pdf.js' });
    return pdfjs;
  });
  return loading;
}
