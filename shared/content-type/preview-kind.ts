/**
 * Which viewer shows a stored file, from the type the content sniffer (sniff.ts) detected when the
 * vault stored it (never from the name or the declared type, which the sender controls). Every type
 * the sniffer emits is listed, so adding one without deciding its viewer does not compile.
 */
import type { ContentMimeType } from './content-types';

export type PreviewKind = 'pdf' | 'image' | 'tiff' | 'docx' | 'xlsx' | 'csv' | 'text' | 'none';

const KIND_BY_TYPE: Record<ContentMimeType, PreviewKind> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/gif': 'image',
  'image/webp': 'image',
  // sharp cannot decode BMP: shown as file details, with Save to SBU folder.
  'image/bmp': 'none',
  'image/tiff': 'tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/csv': 'csv',
  'text/tab-separated-values': 'csv',
  'text/plain': 'text',
  // Shown as "name, size, type, SHA-256, Save": macro documents, slides, archives, programs, web pages.
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'none',
  'application/vnd.ms-word.document.macroEnabled.12': 'none',
  'application/vnd.ms-excel.sheet.macroEnabled.12': 'none',
  'application/vnd.ms-powerpoint.presentation.macroEnabled.12': 'none',
  'application/x-ole-storage': 'none',
  'application/zip': 'none',
  'application/x-msdownload': 'none',
  'text/html': 'none',
  'application/x-empty': 'none',
  'application/octet-stream': 'none',
};

/** Types stored before the sniffer (or unknown strings) have no viewer. */
export function previewKindOf(detectedType: string): PreviewKind {
  return Object.hasOwn(KIND_BY_TYPE, detectedType) ? KIND_BY_TYPE[detectedType as ContentMimeType] : 'none';
}
