/**
 * Find in a PDF's text: reads each page's text content once (cached for the document) and counts the
 * matches per page, page by page, so the first hits show while later pages are still being read.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';

export interface FindState { hits: Array<{ page: number; count: number }>; pagesSearched: number; searching: boolean }

const IDLE: FindState = { hits: [], pagesSearched: 0, searching: false };

export function countMatches(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export function usePdfFind(doc: PDFDocumentProxy | null, query: string): FindState {
  const texts = useRef(new Map<number, string>());
  const needle = query.trim().toLocaleLowerCase();
  // Progress is kept with the search it belongs to; a new search starts from "searching, no hits".
  const [progress, setProgress] = useState<{ doc: PDFDocumentProxy; needle: string; state: FindState } | null>(null);
  useEffect(() => { texts.current = new Map(); }, [doc]);

  useEffect(() => {
    if (!doc || needle.length < 2) return;
    let cancelled = false;
    const setState = (state: FindState) => setProgress({ doc, needle, state });
    (async () => {
      const hits: FindState['hits'] = [];
      for (let n = 1; n <= doc.numPages && !cancelled; n++) {
        let text = texts.current.get(n);
        if (text === undefined) {
          const page = await doc.getPage(n);
          const content = await page.getTextContent();
          text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ').toLocaleLowerCase();
          texts.current.set(n, text);
          page.cleanup();
        }
        const count = countMatches(text, needle);
        if (count > 0) hits.push({ page: n, count });
        if (!cancelled && (count > 0 || n % 10 === 0 || n === doc.numPages)) {
          setState({ hits: [...hits], pagesSearched: n, searching: n < doc.numPages });
        }
      }
    })().catch(() => { if (!cancelled) setProgress((p) => (p ? { ...p, state: { ...p.state, searching: false } } : p)); });
    return () => { cancelled = true; };
  }, [doc, needle]);
  if (!doc || needle.length < 2) return IDLE;
  return progress?.doc === doc && progress.needle === needle ? progress.state : { hits: [], pagesSearched: 0, searching: true };
}
