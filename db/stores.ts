import type {
  AdjustmentRow,
  AuditRow,
  BroadcastAudience,
  BroadcastRow,
  ExceptionKind,
  ExceptionResolution,
  ExceptionRow,
  InvoiceRow,
  MerchantRow,
  OutboxRow,
  RecipientRow,
  RecipientStatus,
  TopupRow,
  TopupStatus,
} from "./rows.js";

// The store port: one async interface per aggregate, in the words of the domain. Plain values in and out; every
// SQL statement lives in an implementation (db/sqlite/stores/, next db/postgres/stores/). Each method is one
// atomic step; several steps are atomic together only inside Database.transaction.

export interface MerchantProfile {
  id: number;
  chatId: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  telegramLanguage: string | null;
}

export interface MerchantStore {
  /** Inserts or refreshes the profile; a merchant who writes again is no longer blocked. */
  register(profile: MerchantProfile, now: Date): Promise<MerchantRow>;
  byId(id: number): Promise<MerchantRow | undefined>;
  /**
   * By Telegram username, without "@", in any case. Telegram may have given the name to someone else since a
   * merchant last wrote: then the one who wrote with it most recently.
   */
  byUsername(username: string): Promise<MerchantRow | undefined>;
  update(id: number, fields: Partial<Pick<MerchantRow, "language" | "storeName" | "lastPhone">>, now: Date): Promise<void>;
  markBlocked(by: { chatId: number } | { id: number }, now: Date): Promise<void>;
  /** Keeps the first opt-out time. */
  mute(id: number, now: Date): Promise<void>;
  unmute(id: number): Promise<void>;
}

/** Without a channel code it is an OVO top-up (ID_OVO), as every top-up was before other methods came. */
export type NewTopup = Pick<TopupRow, "referenceId" | "requestKey" | "merchantId" | "amount" | "phone" | "createdAt" | "checkAt"> &
  Partial<Pick<TopupRow, "channelCode" | "expiresAt">>;

/** What the payer is given (QR string, account number, checkout URL) and until when, as the gateway answered a create. */
export interface PaymentDetails {
  payCode: string | null;
  expiresAt: Date | null;
}

export interface TopupStore {
  byId(id: number): Promise<TopupRow | undefined>;
  byReference(referenceId: string): Promise<TopupRow | undefined>;
  /**
   * In a transaction, holds these top-ups until it ends, taken in one order for everyone: a batch of settlements
   * that takes its rows first, and the month's invoice counter after, cannot deadlock with another batch.
   */
  lockForSettlement(referenceIds: string[]): Promise<void>;
  byRequestKey(requestKey: string): Promise<TopupRow | undefined>;
  /** Only the owner's: ids from callback data are user input. */
  owned(merchantId: number, id: number): Promise<TopupRow | undefined>;
  latest(merchantId: number): Promise<TopupRow | undefined>;
  /** The merchant's newest paid top-up: what "Top up lagi" repeats. */
  lastSucceeded(merchantId: number): Promise<TopupRow | undefined>;
  /** Creating or pending, flagged or not. */
  open(merchantId: number): Promise<TopupRow[]>;
  /** The merchant's open top-up that still blocks a new one (a flagged one does not). */
  openUnflagged(merchantId: number): Promise<TopupRow | undefined>;
  /** Of all merchants: created in [from, to), or finalised (paid, failed, expired) in it; oldest first. */
  activeBetween(from: Date, to: Date): Promise<TopupRow[]>;
  /** Requests to this number since `since`, of one merchant or of all. */
  phoneRequests(phone: string, since: Date, merchantId?: number): Promise<number>;
  /** A new top-up in status "creating". */
  create(topup: NewTopup): Promise<TopupRow>;
  /** The create call answered: keeps a charge id or a status a callback set meanwhile. */
  recordCharge(id: number, chargeId: string, now: Date, details?: PaymentDetails): Promise<TopupRow>;
  /** The chat message that shows the top-up's QR or account; the row as it is now (it may be final already). */
  recordPrompt(id: number, messageId: number): Promise<TopupRow | undefined>;
  /** Finalises a top-up still in `from`; undefined when it moved on. */
  finish(id: number, from: TopupStatus, fields: { status: "failed" | "expired"; failureCode: string }, now: Date): Promise<TopupRow | undefined>;
  /** Pays the top-up as read in this transaction; the row as it is now. */
  markPaid(topup: TopupRow, chargeId: string, now: Date): Promise<TopupRow>;
  markFailed(id: number, fields: { failureCode: string; chargeId: string | null }, now: Date): Promise<TopupRow>;
  markPending(id: number, chargeId: string, now: Date): Promise<void>;
  flag(id: number, reason: string, now: Date): Promise<void>;
  /** Expires an open top-up; one with a charge id is asked about again at `recheckAt` (null: never). Undefined when not open. */
  expire(id: number, failureCode: string, recheckAt: Date | null, now: Date): Promise<TopupRow | undefined>;
  /**
   * The open or expired top-up whose check is due earliest and that nobody has claimed, claimed until `until`: no
   * other claim returns it before then, whichever instance asks. Every write that sets the next check (postpone,
   * recheck, expire, a final status) ends the claim; a claim whose holder died runs out at `until`.
   */
  claimCheck(now: Date, until: Date): Promise<TopupRow | undefined>;
  /** Next check of a top-up that is still open. */
  postponeCheck(id: number, checkAttempts: number, checkAt: Date): Promise<void>;
  /** Next late look at a top-up we expired (null: no more). */
  setRecheck(id: number, checkAt: Date | null): Promise<void>;
}

export interface LedgerStore {
  /** Fails on a second credit for the same top-up (unique key). */
  credit(entry: { merchantId: number; amount: number; topupId: number; at: Date }): Promise<void>;
  /** The ledger row of an adjustment (amount signed); fails on a second one for the same adjustment. */
  adjust(entry: { merchantId: number; amount: number; adjustmentId: number; at: Date }): Promise<void>;
  /**
   * In a transaction, holds the merchant's balance until it ends: a debit that reads the balance first cannot race
   * another debit into a negative balance.
   */
  lockBalance(merchantId: number): Promise<void>;
  balanceOf(merchantId: number): Promise<number>;
}

export type NewAdjustment = Pick<AdjustmentRow, "merchantId" | "amount" | "reason" | "actorId" | "actorName" | "requestKey" | "createdAt">;

export interface AdjustmentStore {
  /** Undefined when one with this request key exists already (a double tap): nothing is written then. */
  create(adjustment: NewAdjustment): Promise<AdjustmentRow | undefined>;
  byRequestKey(requestKey: string): Promise<AdjustmentRow | undefined>;
  /** Newest first. */
  ofMerchant(merchantId: number, limit: number, offset: number): Promise<AdjustmentRow[]>;
  /** Created in [from, to), oldest first. */
  between(from: Date, to: Date): Promise<AdjustmentRow[]>;
}

/** A top-up as the month's export lists it: with its merchant, their store and its invoice number (if issued). */
export interface TopupExportRow {
  id: number;
  createdAt: Date;
  merchantId: number;
  firstName: string;
  lastName: string | null;
  username: string | null;
  storeName: string | null;
  channelCode: string;
  phone: string | null;
  amount: number;
  status: TopupStatus;
  referenceId: string;
  chargeId: string | null;
  invoiceNumber: string | null;
}

/** Where a page of the export ended: the next page starts after this top-up. */
export interface ExportCursor {
  createdAt: Date;
  id: number;
}

export interface ExportStore {
  /**
   * Top-ups created in [from, to), oldest first (then by id), `limit` at a time: the page after `after`. A keyset,
   * not an offset: a month of any size is read in pages, and a top-up created meanwhile neither shifts nor repeats one.
   */
  topupsBetween(from: Date, to: Date, after: ExportCursor | null, limit: number): Promise<TopupExportRow[]>;
}

/** One line of History Pembayaran: a top-up, or an operator's adjustment of the balance. */
export type HistoryEntry = { kind: "topup"; topup: TopupRow } | { kind: "adjustment"; adjustment: AdjustmentRow };

export interface HistoryStore {
  /** Top-ups and adjustments of the merchant. */
  countOf(merchantId: number): Promise<number>;
  /** Both kinds in one order, newest first, ties broken the same way every time: pages neither skip nor repeat. */
  page(merchantId: number, limit: number, offset: number): Promise<HistoryEntry[]>;
}

export interface NewException {
  /** Names the cause (e.g. `flagged:42`): opening the same key again opens nothing. */
  key: string;
  kind: ExceptionKind;
  topupId?: number | null;
  outboxId?: number | null;
  reason: string;
}

export interface ExceptionStore {
  /** The new row, or undefined when the key exists (open or resolved). */
  open(exception: NewException, now: Date): Promise<ExceptionRow | undefined>;
  byId(id: number): Promise<ExceptionRow | undefined>;
  /** Open exceptions, newest first. */
  openPage(limit: number, offset: number): Promise<ExceptionRow[]>;
  openCount(): Promise<number>;
  /** The open exceptions about a top-up. */
  openOfTopup(topupId: number): Promise<ExceptionRow[]>;
  /** Resolves it if still open; undefined when someone resolved it first. */
  resolve(
    id: number,
    fields: { resolution: ExceptionResolution; resolvedBy: number | null; reason: string | null },
    now: Date,
  ): Promise<ExceptionRow | undefined>;
}

export interface AuditEntry {
  /** Null for the system's own scheduled runs. */
  actorId: number | null;
  actorName: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditStore {
  append(entry: AuditEntry, now: Date): Promise<AuditRow>;
  /** Newest first. */
  latest(limit: number, offset: number): Promise<AuditRow[]>;
}

export interface AlertStore {
  /** True when this starts an incident (it was not raised): the caller tells the admins, once cluster-wide. */
  raise(key: string, now: Date): Promise<boolean>;
  /** Ends the incident, if one was raised: true for the one call that ended it (the caller tells the admins). */
  clear(key: string, now: Date): Promise<boolean>;
  /** Whether an incident is going on: a read, so that a periodic check writes only when this is to change. */
  isRaised(key: string): Promise<boolean>;
}

export interface ScheduleStore {
  /**
   * True when this caller may run `job` for `period` now: nobody finished it, and nobody else holds an unexpired
   * claim. The claim lasts until `until` (a holder that died lets another run it after that).
   */
  claimRun(job: string, period: string, now: Date, until: Date): Promise<boolean>;
  finishRun(job: string, period: string, now: Date): Promise<void>;
}

export interface OutboxMessage {
  /** Identifies the event; enqueueing the same key twice keeps the first row only. */
  dedupeKey: string;
  chatId: number;
  kind: string;
  payload: Record<string, unknown>;
}

export interface OutboxStore {
  enqueue(message: OutboxMessage, now: Date): Promise<void>;
  byId(id: number): Promise<OutboxRow | undefined>;
  /**
   * Up to `limit` pending rows whose time has come and that nobody has claimed, earliest due first (then oldest),
   * claimed until `until`: no other claim returns them before then, whichever instance asks. A chat's row is due only
   * when no older row of that chat is pending (being sent, or waiting for its retry): a chat gets its messages one
   * at a time and in order, and a claim holds at most one row per chat. markSent, markRetry and markDead end the
   * claim; a claim whose holder died runs out at `until`.
   */
  claimDue(now: Date, until: Date, limit: number): Promise<OutboxRow[]>;
  /** Whether claimDue would return a row now (one being sent by someone is not waiting). */
  hasDue(now: Date): Promise<boolean>;
  /** Rows Telegram accepted, marked sent at `now` in one write. */
  markSent(ids: readonly number[], now: Date): Promise<void>;
  markRetry(row: OutboxRow, retryAt: Date, error: string): Promise<void>;
  markDead(row: OutboxRow, error: string): Promise<void>;
}

export interface InvoiceStore {
  /**
   * Adds `count` to the period's counter and returns its new value: the numbers up to it from value − count + 1 are
   * the transaction's, gap-free. The counter row stays locked until the transaction ends (PostgreSQL): take them
   * just before the commit.
   */
  reserveNumbers(period: string, count: number): Promise<number>;
  insert(invoice: Pick<InvoiceRow, "topupId" | "merchantId" | "number" | "issuedAt" | "content">): Promise<void>;
  ofTopup(merchantId: number, topupId: number): Promise<InvoiceRow | undefined>;
  rememberFileId(id: number, fileId: string): Promise<void>;
}

export interface CallbackRecord {
  event: string | null;
  chargeId: string | null;
  referenceId: string | null;
  status: string | null;
  outcome: string;
  body: string;
}

/** Which callback repeated one already applied, and what it came to: one callback_repeats row each. */
export interface CallbackRepeat {
  referenceId: string;
  chargeId: string;
  event: string;
  status: string;
  outcome: string;
}

export interface WebhookEventStore {
  record(record: CallbackRecord, receivedAt: Date): Promise<void>;
  /** Deletes up to `limit` of the oldest rows received before `cutoff`; returns how many went. */
  prune(cutoff: Date, limit: number): Promise<number>;
  /** Counts `count` more repeats of a callback, the last at `at`; returns its count after them. */
  countRepeats(repeat: CallbackRepeat, count: number, at: Date): Promise<number>;
  /** Deletes the counts of callbacks last repeated before `cutoff`. */
  pruneRepeats(cutoff: Date): Promise<void>;
}

export type NewBroadcast = Pick<BroadcastRow, "adminId" | "adminChatId" | "sourceChatId" | "sourceMessageId" | "audience">;

export interface BroadcastStore {
  /** Merchants the audience reaches now (not blocked, not muted), leaving one (the admin) out. */
  audienceCount(audience: BroadcastAudience, exceptId: number): Promise<number>;
  bySource(sourceChatId: number, sourceMessageId: number): Promise<BroadcastRow | undefined>;
  /** A running broadcast with one pending recipient per merchant of the audience (the admin left out). */
  create(input: NewBroadcast, now: Date): Promise<BroadcastRow>;
  byId(id: number): Promise<BroadcastRow | undefined>;
  running(): Promise<BroadcastRow[]>;
  recent(limit: number): Promise<BroadcastRow[]>;
  setProgressMessage(id: number, messageId: number, now: Date): Promise<void>;
  markProgress(id: number, now: Date): Promise<void>;
  /** Running becomes cancelled; false when it was not running. */
  cancel(id: number): Promise<boolean>;
  runningWithProgressMessage(): Promise<BroadcastRow[]>;
  /** Running or cancelled, nothing pending or sending, final report not yet sent. */
  finishedUnreported(): Promise<BroadcastRow[]>;
  /** Running becomes done, cancelled stays; finishedAt set once. */
  markReported(broadcast: BroadcastRow, now: Date): Promise<void>;
}

export interface RecipientKey {
  broadcastId: number;
  merchantId: number;
}

/** A recipient with what deciding to send needs: its broadcast and its merchant. */
export interface RecipientCandidate {
  status: RecipientStatus;
  attempts: number;
  chatId: number;
  broadcastStatus: BroadcastRow["status"];
  sourceChatId: number;
  sourceMessageId: number;
  blockedAt: Date | null;
  mutedAt: Date | null;
  language: MerchantRow["language"];
  telegramLanguage: string | null;
}

export interface RecipientStore {
  counts(broadcastId: number): Promise<Partial<Record<RecipientStatus, number>>>;
  /** Pending recipients of running broadcasts that may be tried now, oldest broadcast first. */
  due(now: Date, limit: number): Promise<RecipientKey[]>;
  /**
   * Inside a transaction the recipient's row stays locked until it commits: of two transactions deciding to send
   * the same copy, the second waits and then sees what the first wrote.
   */
  candidate(key: RecipientKey): Promise<RecipientCandidate | undefined>;
  update(key: RecipientKey, fields: Partial<Pick<RecipientRow, "status" | "attempts" | "nextAttemptAt" | "error" | "sentAt">>): Promise<void>;
  /** Pending recipients of a cancelled broadcast are skipped. */
  skipPending(broadcastId: number): Promise<void>;
  /** Rows left `sending` by a process that died are closed as failed; returns how many. */
  failInterrupted(): Promise<number>;
}

export interface TopupPeriodCounts {
  started: number;
  succeeded: number;
  finalised: number;
  amount: number;
}

export interface StatsStore {
  merchants(): Promise<{ total: number; blocked: number; muted: number }>;
  topupsSince(since: Date): Promise<TopupPeriodCounts>;
  open(): Promise<{ count: number; amount: number }>;
  /** Adjustments created since `since`: how many, and their signed sum. */
  adjustmentsSince(since: Date): Promise<{ count: number; net: number }>;
  /** The sum of the whole ledger. */
  outstanding(): Promise<number>;
}

export interface TopupCount {
  /** The payment method: the gateway's channel code (ID_OVO). */
  method: string;
  status: TopupStatus;
  count: number;
}

export interface OutboxBacklog {
  /** Rows not yet sent (due now or waiting for a retry), dead ones not counted. */
  pending: number;
  /** When the oldest of them was written; null when there is none. */
  oldestPendingAt: Date | null;
}

/** What monitoring reads at scrape time (GET /metrics) and the admin alerts check: counts only, no rows. */
export interface MetricsStore {
  /** Every top-up, counted per method and status. */
  topupCounts(): Promise<TopupCount[]>;
  outboxBacklog(): Promise<OutboxBacklog>;
  /** Top-ups the payment checks have to ask about now (open, or expired with a re-check due), claimed or not. */
  checksDue(now: Date): Promise<number>;
}

/** grammY conversation state as JSON text. */
export interface ConversationStore {
  read(key: string): Promise<{ value: string; updatedAt: Date } | undefined>;
  /** An unchanged value is not written again: its age stays the age of the conversation's last step. */
  write(key: string, value: string, now: Date): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes the states last written before `cutoff`. */
  pruneOlderThan(cutoff: Date): Promise<void>;
}

export interface Stores {
  merchants: MerchantStore;
  topups: TopupStore;
  ledger: LedgerStore;
  outbox: OutboxStore;
  invoices: InvoiceStore;
  webhookEvents: WebhookEventStore;
  broadcasts: BroadcastStore;
  recipients: RecipientStore;
  stats: StatsStore;
  metrics: MetricsStore;
  conversations: ConversationStore;
  adjustments: AdjustmentStore;
  history: HistoryStore;
  exceptions: ExceptionStore;
  audit: AuditStore;
  alerts: AlertStore;
  schedule: ScheduleStore;
  exports: ExportStore;
}
