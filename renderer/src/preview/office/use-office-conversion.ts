/** The conversion of the shown file, cancelled (its worker ended) when the preview closes. */
import { useEffect, useState } from 'react';
import { convertOffice } from './convert-office';
import type { OfficeResult, OfficeTask } from './office-protocol';

export function useOfficeConversion(task: OfficeTask): OfficeResult | null {
  // The answer is kept with the task it answers: a new file shows nothing until its own answer comes.
  const [answer, setAnswer] = useState<{ task: OfficeTask; result: OfficeResult } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    void convertOffice(task, abort.signal).then((result) => { if (!abort.signal.aborted) setAnswer({ task, result }); });
    return () => abort.abort();
  }, [task]);
  return answer?.task === task ? answer.result : null;
}

export function officeProblem(kind: string, message: string): string {
  const what = kind === 'docx' ? 'Word document' : 'Excel workbook';
  return `This ${what} cannot be shown: ${message}. Save it to the SBU folder to open it in another program, or ask the taxpayer to send a PDF.`;
}
