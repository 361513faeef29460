/**
 * The page that stands in for an attachment that cannot be printed, so the set stays complete and
 * says exactly what is missing and why; or, after the pages of an attachment printed only in part
 * (a damaged PDF), the notice saying so.
 */
import { fmtSize } from './read-attachment';
import type { AttachmentMeta } from './print-set';
import { TextFlow } from './text-flow';
import { printable } from './text-layout';
import type { VolumeDoc } from './volume-doc';

const WORDS = {
  'not-printed': {
    title: 'ATTACHMENT NOT PRINTED',
    text: 'This page stands in for an attachment of this message that could not be printed. The file itself is unchanged in the case record.',
  },
  incomplete: {
    title: 'ATTACHMENT INCOMPLETE',
    text: 'The pages before this one are all that could be printed of this attachment: the file is damaged. The file itself is unchanged in the case record.',
  },
};

export async function renderPlaceholder(vol: VolumeDoc, label: string, att: AttachmentMeta, reason: string, kind: keyof typeof WORDS = 'not-printed'): Promise<number> {
  const name = printable(att.name);
  await vol.fonts.prepare(name + att.declaredType + reason);
  const flow = new TextFlow(vol, label);
  flow.gap(40);
  flow.line(WORDS[kind].title, 16);
  flow.gap(6);
  flow.paragraph(WORDS[kind].text, 10);
  flow.gap(10);
  flow.rule();
  flow.field('File name', name);
  flow.field('Size', fmtSize(att.size));
  flow.field('Declared type', att.declaredType || 'not stated');
  flow.field('SHA-256', att.sha256, 9);
  flow.field('Reason', reason);
  flow.rule();
  return flow.finish();
}
