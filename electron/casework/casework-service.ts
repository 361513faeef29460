/**
 * Case work for the IPC layer: document requests, the Due overview, Appeals readiness and the transfer.
 * Every call needs an unlocked vault (E_LOCKED otherwise), reads "now" from the injected clock, and
 * every change is announced as data.changed with kind 'requests' (and 'outbox' when a message was
 * queued). Reads change nothing: the retention purge runs from the vault session's timer and at
 * unlock (electron/session/vault-session.ts), not inside the overview.
 */
import type {
  AppealsReadinessView, CaseRequestsView, CaseworkOverview, CreateRequestInput, MarkTransferredInput, RequestDefaultsView, UpdateRequestItemInput,
} from '../../shared/ipc/casework-schemas';
import { dataChange, type OnDataChanged } from '../data-changed';
import type { Vault } from '../vault';
import { appealsReadiness } from './appeals-readiness';
import { listCaseRequests } from './case-requests';
import { caseworkOverview } from './casework-overview';
import { createRequest } from './create-request';
import { machineTimeZone } from './deadline-zone';
import { markTransferred } from './mark-transferred';
import { requestDefaults } from './request-defaults';
import { updateRequestItem } from './update-item';

export interface CaseworkServiceOptions {
  /** The open vault, or E_LOCKED. */
  vault: () => Vault;
  /** Policy: `documentRequestDefaultDays` and `retentionDays`. */
  defaultDays: number;
  retentionDays: number;
  /** The clock (tests inject one); defaults to now. */
  now?: () => Date;
  /** The deadline time zone; defaults to the machine's (Eastern Time when it names none). */
  timeZone?: string;
  /** The signed-in employee's name, to sign the request with. */
  employeeName?: () => string | null;
  onDataChanged?: OnDataChanged;
  /** A request was queued: ask sync to send it now (when online). */
  onQueued?: () => void;
}

export interface CaseworkService {
  defaults(caseId: number): RequestDefaultsView;
  list(caseId: number): CaseRequestsView;
  create(input: CreateRequestInput): CaseRequestsView;
  updateItem(input: UpdateRequestItemInput): CaseRequestsView;
  readiness(caseId: number): AppealsReadinessView;
  markTransferred(input: MarkTransferredInput): AppealsReadinessView;
  overview(): CaseworkOverview;
}

/** Signs a request when no employee is signed in yet (offline since unlock). */
const UNSIGNED = 'Your Offer in Compromise examiner';

export function createCaseworkService(options: CaseworkServiceOptions): CaseworkService {
  const now = options.now ?? (() => new Date());
  const timeZone = options.timeZone ?? machineTimeZone();
  const context = () => ({ now: now(), timeZone, retentionDays: options.retentionDays });
  const changed = (caseIds: number[], kinds: Parameters<typeof dataChange>[1]) => options.onDataChanged?.(dataChange(caseIds, kinds));

  return {
    defaults: (caseId) => requestDefaults(options.vault(), caseId, now(), timeZone, options.defaultDays),
    list: (caseId) => listCaseRequests(options.vault(), caseId, now(), timeZone),
    create(input) {
      const vault = options.vault();
      const created = createRequest(vault, input, { now: now(), timeZone, employeeName: options.employeeName?.() || UNSIGNED });
      changed([created.caseId], ['outbox', 'requests']);
      options.onQueued?.();
      return listCaseRequests(vault, created.caseId, now(), timeZone);
    },
    updateItem(input) {
      const vault = options.vault();
      const caseId = updateRequestItem(vault, input, { now: now() });
      changed([caseId], ['requests']);
      return listCaseRequests(vault, caseId, now(), timeZone);
    },
    readiness: (caseId) => appealsReadiness(options.vault(), caseId, context()),
    markTransferred(input) {
      const view = markTransferred(options.vault(), input, context());
      changed([view.caseId], ['cases', 'requests']);
      return view;
    },
    overview: () => caseworkOverview(options.vault(), context()),
  };
}
