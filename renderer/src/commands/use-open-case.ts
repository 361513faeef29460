/** Opening a case (a user action, audited once) and optionally a message in it. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorData } from '../data/bridge-error';
import { openCase } from '../data/queries';
import { useToasts } from '../feedback/Toasts';
import { useWorkspaceState } from '../workspace/workspace-state';

export function useOpenCase() {
  const client = useQueryClient();
  const toasts = useToasts();
  const { dispatch } = useWorkspaceState();
  return useCallback((caseId: number, messageId: number | null = null) => {
    // Marked before the selection changes, so whichever fetch comes first is the audited one.
    openCase(client, caseId).catch((err: unknown) => toasts.error('open-case', errorData(err)));
    dispatch({ type: 'case', caseId, messageId });
  }, [client, toasts, dispatch]);
}
