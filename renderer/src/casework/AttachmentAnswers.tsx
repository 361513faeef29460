/** The requested items an attachment was marked as answering, for the preview's header (nothing when none). */
import { useCaseRequests } from '../data/queries';
import { useWorkspaceState } from '../workspace/workspace-state';

export function AttachmentAnswers({ attachmentId }: { attachmentId: number }) {
  const { state } = useWorkspaceState();
  const requests = useCaseRequests(state.caseId).data;
  const labels = (requests?.requests ?? []).flatMap((r) => r.items)
    .filter((i) => i.linkedAttachments.some((a) => a.attachmentId === attachmentId)).map((i) => i.label);
  if (labels.length === 0) return null;
  return <span className="case-meta preview-answers" data-testid="preview-answers">Answers: {labels.join(', ')}</span>;
}
