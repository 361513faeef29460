/** Builds a package in-process from serializable set data (the same openers the worker uses). */
import { attachOpeners } from '../../../electron/print/attachment-openers';
import { buildPrintPackage, type BuildHooks } from '../../../electron/print/build-print-package';
import type { PrintOptionsInput } from '../../../electron/print/print-options';
import type { PrintSetData } from '../../../electron/print/print-set';
import { CASE_HEADER, type MessageData } from './print-set-from-files';

export function setOf(messages: MessageData[]): PrintSetData {
  return { caseHeader: CASE_HEADER, messages };
}

export function build(messages: MessageData[], sbuFolder: string, options: Partial<PrintOptionsInput> = {}, hooks: BuildHooks = {}) {
  return buildPrintPackage(attachOpeners(setOf(messages)), {
    scope: { kind: 'case' }, sbuFolder, generatedBy: 'Pat Examiner', generatedAt: '2025-05-01T15:00:00.000Z', ...options,
  }, hooks);
}

/** `p. 7` / `pp. 7–9` strings as the index prints them, in order. */
export function indexRanges(coverText: string): Array<[number, number]> {
  return [...coverText.matchAll(/\b(?:p\. (\d+)|pp\. (\d+)–(\d+))/g)].map((m) => (m[1] ? [Number(m[1]), Number(m[1])] : [Number(m[2]), Number(m[3])]));
}
