/**
 * Which Office Open XML document a zip is, from its part names: the main part (word/document.xml,
 * xl/workbook.xml, ppt/presentation.xml) decides, else the first part under word/, xl/ or ppt/. A
 * `vbaProject.bin` part means macros, whatever the file is named (a .docx that is really a .docm).
 * Part names in OOXML are case-insensitive. Null when no part says Office.
 */
import type { ContentKind } from './content-types';

type OfficeApp = 'word' | 'xl' | 'ppt';

const MAIN_PART: Record<string, OfficeApp> = {
  'word/document.xml': 'word',
  'xl/workbook.xml': 'xl',
  'ppt/presentation.xml': 'ppt',
};
const KIND: Record<OfficeApp, { plain: ContentKind; macros: ContentKind }> = {
  word: { plain: 'docx', macros: 'docm' },
  xl: { plain: 'xlsx', macros: 'xlsm' },
  ppt: { plain: 'pptx', macros: 'pptm' },
};

export function officeKind(partNames: readonly string[]): ContentKind | null {
  const names = partNames.map((n) => n.replace(/^\/+/, '').toLowerCase());
  const app = names.map((n) => MAIN_PART[n]).find((a) => a !== undefined)
    ?? names.map((n) => /^(word|xl|ppt)\//.exec(n)?.[1] as OfficeApp | undefined).find((a) => a !== undefined);
  if (app === undefined) return null;
  const macros = names.some((n) => n === 'vbaproject.bin' || n.endsWith('/vbaproject.bin'));
  return macros ? KIND[app].macros : KIND[app].plain;
}
