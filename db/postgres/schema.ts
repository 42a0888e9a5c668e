import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp as pgTimestamp } from "drizzle-orm/pg-core";
import { broadcastAudiences, exceptionKinds, exceptionResolutions, ledgerKinds, topupStatuses } from "../rows.js";

/**
 * The PostgreSQL twin of db/sqlite/schema.ts: the same tables, columns, defaults, keys and indexes under the same names,
 * so a row has the same TypeScript shape on both engines (test/postgres/schema-parity.test.ts holds them together).
 *
 * Types, where PostgreSQL makes us choose:
 * - Telegram user and chat ids have up to 52 significant bits: bigint, read back as a JS number (exact below 2^53).
 *   A merchant's id is their Telegram user id, so every merchant_id is bigint too.
 * - Money: a top-up's amount is bounded at input (at most 10,000,000 rupiah), so integer. A ledger entry is the money
 *   of record and no input rule bounds it (a future adjustment or transfer), so bigint. Balances are sums and
 *   PostgreSQL widens them anyway (sum(integer) is bigint, sum(bigint) numeric); pg returns both as strings.
 * - Our own row ids and counters stay integer: identity columns "by default", so an explicit id can still be written
 *   as with SQLite's AUTOINCREMENT.
 * - Instants: timestamp with time zone at millisecond precision, what a JS Date and SQLite's timestamp_ms hold.
 * - JSON: jsonb (it does not keep key order or duplicate keys; nothing here depends on either).
 */
const timestamp = (name: string) => pgTimestamp(name, { withTimezone: true, precision: 3, mode: "date" });
const telegramId = (name: string) => bigint(name, { mode: "number" });
const rowId = (name: string) => integer(name).primaryKey().generatedByDefaultAsIdentity();

export const merchants = pgTable("merchants", {
  id: telegramId("id").primaryKey(),
  chatId: telegramId("chat_id").notNull(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name"),
  username: text("username"),
  language: text("language", { enum: ["id", "en"] }),
  telegramLanguage: text("telegram_language"),
  storeName: text("store_name"),
  lastPhone: text("last_phone"),
  blockedAt: timestamp("blocked_at"),
  mutedAt: timestamp("muted_at"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

export const topups = pgTable(
  "topups",
  {
    id: rowId("id"),
    referenceId: text("reference_id").notNull().unique(),
    requestKey: text("request_key").notNull().unique(),
    merchantId: telegramId("merchant_id")
      .notNull()
      .references(() => merchants.id),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull().default("IDR"),
    channelCode: text("channel_code").notNull().default("ID_OVO"),
    /** The OVO number pushed to; null for methods without one (QRIS, virtual accounts, redirect e-wallets). */
    phone: text("phone"),
    status: text("status", { enum: topupStatuses }).notNull(),
    chargeId: text("charge_id").unique(),
    failureCode: text("failure_code"),
    flag: text("flag"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    checkAt: timestamp("check_at"),
    checkAttempts: integer("check_attempts").notNull().default(0),
    claimedUntil: timestamp("claimed_until"),
    paidAt: timestamp("paid_at"),
    finalizedAt: timestamp("finalized_at"),
    /** What the payer uses, as the gateway gave it: the QR string, the virtual account number or the checkout URL. */
    payCode: text("pay_code"),
    /** When the gateway stops accepting payment (methods with an expiry). */
    expiresAt: timestamp("expires_at"),
    /** The chat message showing the QR or account, replaced once the top-up is final so an old code is not paid. */
    promptMessageId: integer("prompt_message_id"),
  },
  (t) => [
    index("topups_merchant_created").on(t.merchantId, t.createdAt),
    index("topups_status_check").on(t.status, t.checkAt),
    index("topups_phone_created").on(t.phone, t.createdAt),
    index("topups_created").on(t.createdAt, t.id),
    index("topups_finalized").on(t.finalizedAt),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: rowId("id"),
    merchantId: telegramId("merchant_id")
      .notNull()
      .references(() => merchants.id),
    amount: bigint("amount", { mode: "number" }).notNull(),
    kind: text("kind", { enum: ledgerKinds }).notNull(),
    topupId: integer("topup_id")
      .references(() => topups.id)
      .unique(),
    adjustmentId: integer("adjustment_id")
      .references(() => adjustments.id)
      .unique(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("ledger_entries_merchant").on(t.merchantId)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: rowId("id"),
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: telegramId("chat_id").notNull(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "sent", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at").notNull(),
    sentAt: timestamp("sent_at"),
    claimedUntil: timestamp("claimed_until"),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    // A chat's row is due only once its older ones are done (OutboxStore.claimDue): found here, not in a scan.
    index("outbox_chat_pending").on(t.chatId, t.id).where(sql`status = 'pending'`),
  ],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: rowId("id"),
    receivedAt: timestamp("received_at").notNull(),
    event: text("event"),
    chargeId: text("charge_id"),
    referenceId: text("reference_id"),
    status: text("status"),
    outcome: text("outcome").notNull(),
    /** The body as received, phone numbers masked (text, not jsonb: the audit trail keeps its key order). */
    body: text("body").notNull(),
  },
  (t) => [index("webhook_events_received").on(t.receivedAt)],
);

export const callbackRepeats = pgTable(
  "callback_repeats",
  {
    referenceId: text("reference_id").notNull(),
    chargeId: text("charge_id").notNull(),
    event: text("event").notNull(),
    status: text("status").notNull(),
    outcome: text("outcome").notNull(),
    count: integer("count").notNull(),
    firstAt: timestamp("first_at").notNull(),
    lastAt: timestamp("last_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.referenceId, t.chargeId, t.event, t.status] }), index("callback_repeats_last").on(t.lastAt)],
);

export const conversationStates = pgTable("conversation_states", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

export const invoices = pgTable("invoices", {
  id: rowId("id"),
  topupId: integer("topup_id")
    .notNull()
    .unique()
    .references(() => topups.id),
  merchantId: telegramId("merchant_id")
    .notNull()
    .references(() => merchants.id),
  number: text("number").notNull().unique(),
  issuedAt: timestamp("issued_at").notNull(),
  content: jsonb("content").notNull(),
  telegramFileId: text("telegram_file_id"),
});

export const invoiceCounters = pgTable("invoice_counters", {
  period: text("period").primaryKey(),
  lastValue: integer("last_value").notNull(),
});

export const broadcasts = pgTable("broadcasts", {
  id: rowId("id"),
  adminId: telegramId("admin_id").notNull(),
  adminChatId: telegramId("admin_chat_id").notNull(),
  sourceChatId: telegramId("source_chat_id").notNull(),
  /** Message ids are per chat: the Bot API flags only user and chat ids as wider than 32 bits. */
  sourceMessageId: integer("source_message_id").notNull(),
  audience: text("audience", { enum: broadcastAudiences }).notNull(),
  status: text("status", { enum: ["draft", "running", "cancelled", "done"] }).notNull(),
  total: integer("total").notNull().default(0),
  progressMessageId: integer("progress_message_id"),
  progressAt: timestamp("progress_at"),
  createdAt: timestamp("created_at").notNull(),
  startedAt: timestamp("started_at"),
  finishedAt: timestamp("finished_at"),
});

export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    broadcastId: integer("broadcast_id")
      .notNull()
      .references(() => broadcasts.id),
    merchantId: telegramId("merchant_id")
      .notNull()
      .references(() => merchants.id),
    chatId: telegramId("chat_id").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "blocked", "skipped"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    error: text("error"),
    sentAt: timestamp("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.merchantId] }), index("broadcast_recipients_status").on(t.broadcastId, t.status)],
);

export const processedUpdates = pgTable(
  "processed_updates",
  {
    /** bigint like the Telegram ids: the Bot API documents no bound on update ids. */
    updateId: bigint("update_id", { mode: "number" }).primaryKey(),
    processedAt: timestamp("processed_at").notNull(),
  },
  (t) => [index("processed_updates_processed_at").on(t.processedAt)],
);

export const adjustments = pgTable(
  "adjustments",
  {
    id: rowId("id"),
    merchantId: telegramId("merchant_id")
      .notNull()
      .references(() => merchants.id),
    /** Money of record, like a ledger entry: bigint. */
    amount: bigint("amount", { mode: "number" }).notNull(),
    reason: text("reason").notNull(),
    actorId: telegramId("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    requestKey: text("request_key").notNull().unique(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("adjustments_merchant_created").on(t.merchantId, t.createdAt), index("adjustments_created").on(t.createdAt)],
);

export const exceptions = pgTable(
  "exceptions",
  {
    id: rowId("id"),
    key: text("key").notNull().unique(),
    kind: text("kind", { enum: exceptionKinds }).notNull(),
    topupId: integer("topup_id").references(() => topups.id),
    outboxId: integer("outbox_id").references(() => outbox.id),
    reason: text("reason").notNull(),
    openedAt: timestamp("opened_at").notNull(),
    resolvedAt: timestamp("resolved_at"),
    resolution: text("resolution", { enum: exceptionResolutions }),
    resolvedBy: telegramId("resolved_by"),
    resolutionReason: text("resolution_reason"),
  },
  (t) => [index("exceptions_open").on(t.resolvedAt, t.openedAt), index("exceptions_topup").on(t.topupId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: rowId("id"),
    at: timestamp("at").notNull(),
    actorId: telegramId("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    objectType: text("object_type"),
    objectId: text("object_id"),
    reason: text("reason"),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

export const alerts = pgTable("alerts", {
  key: text("key").primaryKey(),
  raisedAt: timestamp("raised_at"),
  clearedAt: timestamp("cleared_at"),
});

export const scheduledRuns = pgTable(
  "scheduled_runs",
  {
    job: text("job").notNull(),
    period: text("period").notNull(),
    claimedUntil: timestamp("claimed_until").notNull(),
    finishedAt: timestamp("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);
