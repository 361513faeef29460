/**
 * The IPC contract: every channel the renderer may call and every event the main process may send,
 * declared once with zod schemas. Types on both sides are derived from here and nowhere else.
 *
 * Channels are grouped by service: `contract.app.info` is the channel `app.info`, exposed to the
 * renderer as `window.scoic.app.info()`.
 */
import { z } from 'zod';
import { CommandIdSchema } from '../commands';
import {
  AttachmentSliceRequestSchema, AttachmentSliceSchema, CaseDetailSchema, CaseListPageSchema, CaseListRequestSchema, CaseSummariesRequestSchema, CaseSummarySchema, ExportResultViewSchema,
  SearchRequestSchema, SearchResultsViewSchema,
} from './workspace-schemas';
import {
  DroppedFilesRequestSchema, OutboxItemViewSchema, PickedFileSchema, QueueNewMessageRequestSchema, QueueReplyRequestSchema,
  SignInRequestSchema, SyncStatusViewSchema,
} from './sync-schemas';
import { PrintOutcomeViewSchema, PrintProgressViewSchema, PrintRequestSchema } from './print-schemas';
import { PolicyDiagnosticsSchema } from './policy-schemas';
import { OsKeyStoreStatusSchema } from './key-store-schemas';
import { PackageFileRequestSchema, PackageSliceRequestSchema, RenderedPageSchema, RenderPageRequestSchema } from './preview-schemas';
import {
  AppealsReadinessViewSchema, CaseRequestsViewSchema, CaseworkOverviewSchema, CreateRequestInputSchema, MarkTransferredInputSchema,
  RequestDefaultsViewSchema, UpdateRequestItemInputSchema,
} from './casework-schemas';

/** One request/response channel: what the renderer may send and what the main process answers. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelSpec<I, O> => ({ input, output });

/** No argument. Strict `undefined`, so a renderer cannot smuggle a payload to a no-argument channel. */
const NoInput = z.undefined();

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  build: z.string(),
  platform: z.enum(['win32', 'darwin', 'linux', 'other']),
  arch: z.string(),
  electron: z.string().nullable(),
  chrome: z.string().nullable(),
  node: z.string(),
  /** DEMO: no machine policy, synthetic cases from the bundled reference server. */
  mode: z.enum(['DEMO', 'MANAGED']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** The part of the machine policy the renderer needs to behave (never secrets, never paths). */
export const PolicySummarySchema = z.object({
  source: z.enum(['machine-policy', 'development-defaults']),
  serverOrigin: z.string(),
  idleLockMinutes: z.number().int(),
  retentionDays: z.number().int(),
  osKeyStoreUnlockAllowed: z.boolean(),
  sbuMarking: z.string(),
  /** Desktop notifications for new inbound messages (policy key `desktopNotifications`). */
  desktopNotifications: z.boolean(),
  /** Policy key `allowPhysicalPrinting`: false means print packages are only saved as PDF files. */
  physicalPrintingAllowed: z.boolean(),
  /** Policy key `documentRequestDefaultDays`: the default due date of a document request, in days. */
  documentRequestDefaultDays: z.number().int(),
});
export type PolicySummary = z.infer<typeof PolicySummarySchema>;

export const ThemeSchema = z.enum(['system', 'light', 'dark']);
/** Widths in CSS pixels of the case list and the conversation pane; the reading pane takes the rest. */
export const PaneWidthsSchema = z.object({
  cases: z.number().int().min(200).max(900),
  conversation: z.number().int().min(260).max(1200),
}).strict();
export type PaneWidths = z.infer<typeof PaneWidthsSchema>;

export const PreferencesSchema = z.object({
  theme: ThemeSchema,
  window: z.object({ width: z.number().int().min(640).max(10000), height: z.number().int().min(480).max(10000) }),
  panes: PaneWidthsSchema,
  /** Seconds a message stays in the reading pane before it is marked read (0: at once). */
  markReadDelaySeconds: z.number().int().min(0).max(30),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
/** What a new installation (or a hand-edited, invalid preferences file) starts from. */
export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'system', window: { width: 1280, height: 820 }, panes: { cases: 300, conversation: 420 }, markReadDelaySeconds: 1,
};
export const PreferencesPatchSchema = z.object({
  theme: ThemeSchema, panes: PaneWidthsSchema, markReadDelaySeconds: PreferencesSchema.shape.markReadDelaySeconds,
}).partial().strict();

export const LockReasonSchema = z.enum(['idle', 'os-lock', 'suspend', 'user']);
export type LockReason = z.infer<typeof LockReasonSchema>;

export const VaultStatusSchema = z.object({
  state: z.enum(['absent', 'locked', 'unlocked']),
  minPassphraseLength: z.number().int(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const UnlockOutcomeSchema = z.object({
  status: VaultStatusSchema,
  /** Closed cases removed by the retention rule at this unlock. */
  purgedCases: z.number().int().min(0),
  /** False when the audit log's hash chain was found broken (the vault records it; tell IT). */
  auditIntact: z.boolean(),
});
export type UnlockOutcome = z.infer<typeof UnlockOutcomeSchema>;

const CaseIdInput = z.object({ caseId: z.number().int().positive() }).strict();

/** A passphrase in transit: bounded, never logged, never echoed in errors. */
const PassphraseInput = z.object({ passphrase: z.string().min(1).max(1024) }).strict();

/** 'requests': document requests and transfers (also derived from messages and attachments: refetch on those too). */
export const DataKindSchema = z.enum(['cases', 'messages', 'attachments', 'outbox', 'print', 'requests']);
export type DataKind = z.infer<typeof DataKindSchema>;
export const DataChangedSchema = z.object({
  /** The cases concerned; empty means "any case" (e.g. a full resync). */
  caseIds: z.array(z.number().int().positive()).max(10_000),
  kinds: z.array(DataKindSchema).min(1),
}).strict();
export type DataChanged = z.infer<typeof DataChangedSchema>;

export const contract = {
  app: {
    info: channel(NoInput, AppInfoSchema),
  },
  policy: {
    summary: channel(NoInput, PolicySummarySchema),
    /** Every policy value and where it came from (registry, file, default), for the About panel. */
    diagnostics: channel(NoInput, PolicyDiagnosticsSchema),
  },
  vault: {
    status: channel(NoInput, VaultStatusSchema),
    create: channel(PassphraseInput, VaultStatusSchema),
    unlock: channel(PassphraseInput, UnlockOutcomeSchema),
    lock: channel(NoInput, VaultStatusSchema),
    /** Forgotten passphrase or damaged vault: erase this laptop's copy. The word must be typed. */
    erase: channel(z.object({ confirm: z.literal('ERASE') }).strict(), VaultStatusSchema),
    /** OS key-store unlock ("Unlock with Windows sign-in"): offered by policy and the OS? set up? */
    osKeyStore: channel(NoInput, OsKeyStoreStatusSchema),
    /** Unlocks with the OS key store instead of the passphrase (which always works too). */
    unlockWithOsKeyStore: channel(NoInput, UnlockOutcomeSchema),
    /** Turns OS key-store unlock on or off for this vault (unlocked only). */
    setOsKeyStoreUnlock: channel(z.object({ enabled: z.boolean() }).strict(), OsKeyStoreStatusSchema),
  },
  cases: {
    /**
     * Every case, in the list's order (last activity, newest first, cases without messages last; then
     * id, highest first), a page at a time: the renderer asks until `nextPageToken` is null. A token
     * no longer known (the list was read too slowly, or the vault locked) fails E_CASE_LIST_EXPIRED:
     * start again without one.
     */
    list: channel(CaseListRequestSchema, CaseListPageSchema),
    /**
     * The current summaries of the named cases, in the same order: how the renderer updates its cached
     * list after `data.changed` names cases, instead of reading every case again. Only cases that exist
     * are answered: an id not in the answer is a case no longer in the vault (purged).
     */
    summaries: channel(CaseSummariesRequestSchema, z.array(CaseSummarySchema)),
    /** The employee opened the case: audited as a view, once per opening. */
    open: channel(CaseIdInput, CaseDetailSchema),
    /** The same detail for a refresh after `data.changed`: not audited (no user action). */
    get: channel(CaseIdInput, CaseDetailSchema),
  },
  messages: {
    markRead: channel(z.object({ messageId: z.number().int().positive(), read: z.boolean() }).strict(), z.object({ messageId: z.number().int(), read: z.boolean() })),
    /** Marks every inbound message of the case read; answers how many changed. */
    markAllRead: channel(CaseIdInput, z.object({ caseId: z.number().int(), marked: z.number().int().min(0) })),
  },
  attachments: {
    read: channel(AttachmentSliceRequestSchema, AttachmentSliceSchema),
    export: channel(z.object({ attachmentId: z.number().int().positive() }).strict(), ExportResultViewSchema),
    /** An image or TIFF page decoded in the main process to a bounded preview (pixel-capped input). */
    renderPage: channel(RenderPageRequestSchema, RenderedPageSchema),
  },
  search: {
    query: channel(SearchRequestSchema, SearchResultsViewSchema),
  },
  sync: {
    status: channel(NoInput, SyncStatusViewSchema),
    now: channel(NoInput, SyncStatusViewSchema),
    signIn: channel(SignInRequestSchema, SyncStatusViewSchema),
    signOut: channel(NoInput, SyncStatusViewSchema),
  },
  replies: {
    /** Opens the system file dialog in the main process; the renderer never names a path. */
    pickFiles: channel(NoInput, z.array(PickedFileSchema)),
    /**
     * Files dropped on a composer. The renderer passes File objects to the bridge; the preload turns
     * them into paths (webUtils.getPathForFile), and the main side checks each and answers tokens.
     */
    dropFiles: channel(DroppedFilesRequestSchema, z.array(PickedFileSchema)),
    queue: channel(QueueReplyRequestSchema, z.object({ outboxId: z.number().int() })),
    /** A new thread with its first message, queued in the outbox (works offline). */
    queueNew: channel(QueueNewMessageRequestSchema, z.object({ outboxId: z.number().int() })),
    outbox: channel(z.object({ caseId: z.number().int().positive() }).strict(), z.array(OutboxItemViewSchema)),
    retry: channel(z.object({ outboxId: z.number().int().positive() }).strict(), z.array(OutboxItemViewSchema)),
    discard: channel(z.object({ outboxId: z.number().int().positive() }).strict(), z.array(OutboxItemViewSchema)),
  },
  drafts: {
    /**
     * The unsent text of a reply (threadId) or of the case's new message (threadId null), kept
     * encrypted in the vault (survives a lock).
     */
    get: channel(z.object({ caseId: z.number().int().positive(), threadId: z.number().int().positive().nullable() }).strict(), z.object({ subject: z.string(), body: z.string() })),
    save: channel(z.object({
      caseId: z.number().int().positive(), threadId: z.number().int().positive().nullable(),
      subject: z.string().max(200).default(''), body: z.string().max(100_000),
    }).strict(), z.object({ saved: z.boolean() })),
  },
  print: {
    package: channel(PrintRequestSchema, PrintOutcomeViewSchema),
    cancel: channel(NoInput, z.object({ cancelled: z.boolean() })),
    /** Slices of a package this session built, for the in-app PDF viewer ("Open"). */
    readPackage: channel(PackageSliceRequestSchema, AttachmentSliceSchema),
    /** Reveals a package this session built in the system file manager ("Show in folder"). */
    showInFolder: channel(PackageFileRequestSchema, z.object({ shown: z.boolean() })),
  },
  requests: {
    /** What the "Request documents" dialog starts from: default due date, time zone, threads. */
    defaults: channel(CaseIdInput, RequestDefaultsViewSchema),
    /** The case's requests, items, history and summary, derived for today. */
    list: channel(CaseIdInput, CaseRequestsViewSchema),
    /** Queues the request's secure message in the outbox (works offline) and stores the request, in one transaction. */
    create: channel(CreateRequestInputSchema, CaseRequestsViewSchema),
    /** Links an attachment to an item, marks it received, moves its due date, waives or reopens it. */
    updateItem: channel(UpdateRequestItemInputSchema, CaseRequestsViewSchema),
  },
  appeals: {
    /** The "Prepare for Appeals" checklist, computed from the vault. */
    readiness: channel(CaseIdInput, AppealsReadinessViewSchema),
    /** Records the transfer with the package's SHA-256 (audited) and starts the retention clock. */
    markTransferred: channel(MarkTransferredInputSchema, AppealsReadinessViewSchema),
  },
  casework: {
    /** Per-case request summaries and transfers (case list) and every open item across cases (Due view). */
    overview: channel(NoInput, CaseworkOverviewSchema),
  },
  prefs: {
    get: channel(NoInput, PreferencesSchema),
    update: channel(PreferencesPatchSchema, PreferencesSchema),
  },
} as const satisfies Record<string, Record<string, ChannelSpec>>;


/** Main -> renderer events. Only these names can be subscribed to. */
export const events = {
  'session.locked': z.object({ reason: LockReasonSchema }).strict(),
  /** The idle lock will engage in `secondsLeft` seconds unless there is input. */
  'session.idleWarning': z.object({ secondsLeft: z.number().int().min(0).max(900) }).strict(),
  /** Input resumed after an idle warning: the warning can go away. */
  'session.active': z.object({}).strict(),
  /** Sync state changed (new data pulled, reply sent, offline, ...). */
  'sync.status': SyncStatusViewSchema,
  /** A print package is being built. */
  'print.progress': PrintProgressViewSchema,
  /**
   * Vault data changed (change feed applied, a download stored, the outbox moved, a print, read marks).
   * The renderer refetches what depends on these kinds; an idle long-poll sends nothing.
   */
  'data.changed': DataChangedSchema,
  /** The employee chose a command in the application menu (the renderer's registry runs it). */
  'command.invoke': z.object({ id: CommandIdSchema }).strict(),
  /** Open this case in the workspace (the employee clicked a desktop notification). */
  'workspace.openCase': z.object({ caseId: z.number().int().positive() }).strict(),
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type ChannelName = { [N in Namespace]: `${N}.${keyof Contract[N] & string}` }[Namespace];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

type SpecOf<C extends ChannelName> = C extends `${infer N}.${infer M}`
  ? N extends Namespace ? M extends keyof Contract[N] ? Contract[N][M] : never : never
  : never;
/** What the renderer passes. */
export type ChannelInput<C extends ChannelName> = SpecOf<C> extends ChannelSpec<infer I, z.ZodType> ? z.input<I> : never;
/** What the handler receives, after validation. */
export type ChannelParsedInput<C extends ChannelName> = SpecOf<C> extends ChannelSpec<infer I, z.ZodType> ? z.output<I> : never;
/** What the handler returns, before validation. */
export type ChannelResult<C extends ChannelName> = SpecOf<C> extends ChannelSpec<z.ZodType, infer O> ? z.input<O> : never;
/** What the renderer receives. */
export type ChannelOutput<C extends ChannelName> = SpecOf<C> extends ChannelSpec<z.ZodType, infer O> ? z.output<O> : never;

/** All channels as a flat list of `[name, spec]`, in declaration order. */
export function listChannels(): Array<[ChannelName, ChannelSpec]> {
  const out: Array<[ChannelName, ChannelSpec]> = [];
  for (const [ns, methods] of Object.entries(contract)) {
    for (const [method, spec] of Object.entries(methods)) out.push([`${ns}.${method}` as ChannelName, spec]);
  }
  return out;
}

export function findChannel(name: string): ChannelSpec | undefined {
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  const ns = name.slice(0, dot);
  const method = name.slice(dot + 1);
  if (!Object.hasOwn(contract, ns)) return undefined;
  const methods = contract[ns as Namespace] as Record<string, ChannelSpec>;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** The Electron IPC channel that carries a main -> renderer event. */
export const eventWireName = (event: EventName): string => `scoic:event:${event}`;
