/**
 * Every content type the sniffer can report: a short kind for code to switch on, and the MIME string
 * the vault stores as `detected_type` (and the renderer maps with preview-kind.ts). Declared once here.
 */
export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docm: 'application/vnd.ms-word.document.macroEnabled.12',
  xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.12',
  pptm: 'application/vnd.ms-powerpoint.presentation.macroEnabled.12',
  ole: 'application/x-ole-storage',
  zip: 'application/zip',
  exe: 'application/x-msdownload',
  html: 'text/html',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  text: 'text/plain',
  empty: 'application/x-empty',
  unknown: 'application/octet-stream',
} as const;

export type ContentKind = keyof typeof CONTENT_TYPES;
export type ContentMimeType = (typeof CONTENT_TYPES)[ContentKind];

export interface SniffedContent {
  kind: ContentKind;
  mimeType: ContentMimeType;
}

export const contentOf = (kind: ContentKind): SniffedContent => ({ kind, mimeType: CONTENT_TYPES[kind] });
