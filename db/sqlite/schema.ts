import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { broadcastAudiences, exceptionKinds, exceptionResolutions, ledgerKinds, topupStatuses } from "../rows.js";

const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

/** A merchant is a Telegram user who pressed /start; the id is their Telegram user id. */
export const merchants = sqliteTable("merchants", {
  id: integer("id").primaryKey(),
  chatId: integer("chat_id").notNull(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name"),
  username: text("username"),
  /** "id" or "en"; null until chosen with /language, then Telegram's language_code decides. */
  language: text("language", { enum: ["id", "en"] }),
  telegramLanguage: text("telegram_language"),
  storeName: text("store_name"),
  lastPhone: text("last_phone"),
  blockedAt: timestamp("blocked_at"),
  mutedAt: timestamp("muted_at"),
  createdAt: timestamp("created_at").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

/**
 * One attempt to top up. Written before the gateway is called ("creating"), so a lost response can be
 * reconciled instead of charged again.
 */
export const topups = sqliteTable(
  "topups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    referenceId: text("reference_id").notNull().unique(),
    /** Chosen by the caller (the conversation) so a replayed request finds the same top-up. */
    requestKey: text("request_key").notNull().unique(),
    merchantId: integer("merchant_id")
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
    /** Why a callback was refused (amount or currency mismatch): kept for an operator to look at. */
    flag: text("flag"),
    createdAt: timestamp("created_at").notNull(),
    updatedAt: timestamp("updated_at").notNull(),
    /** When the process should ask the gateway itself, if no callback came. */
    checkAt: timestamp("check_at"),
    checkAttempts: integer("check_attempts").notNull().default(0),
    /** While in the future, one instance is checking this top-up and no other may (see TopupStore.claimCheck). */
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
    // The month's export and the day's reconciliation read every merchant's top-ups by time.
    index("topups_created").on(t.createdAt, t.id),
    index("topups_finalized").on(t.finalizedAt),
  ],
);

/** Coin Premium moves only through this table: a balance is the sum of a merchant's rows. */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    merchantId: integer("merchant_id")
      .notNull()
      .references(() => merchants.id),
    amount: integer("amount").notNull(),
    kind: text("kind", { enum: ledgerKinds }).notNull(),
    /** At most one credit per top-up, enforced by the database. */
    topupId: integer("topup_id")
      .references(() => topups.id)
      .unique(),
    /** An operator's correction: its own row, never an edit of another one. */
    adjustmentId: integer("adjustment_id")
      .references(() => adjustments.id)
      .unique(),
    createdAt: timestamp("created_at").notNull(),
  },
  // A balance is a sum over the merchant's rows: without this index every credit scanned the whole ledger.
  (t) => [index("ledger_entries_merchant").on(t.merchantId)],
);

/** Messages owed to merchants, written in the same transaction as the change they announce. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** One row per event: a second attempt to announce the same thing is ignored. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    chatId: integer("chat_id").notNull(),
    kind: text("kind").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["pending", "sent", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at").notNull(),
    sentAt: timestamp("sent_at"),
    /** While in the future, one instance is sending this row and no other may (see OutboxStore.claimDue). */
    claimedUntil: timestamp("claimed_until"),
  },
  (t) => [
    index("outbox_due").on(t.status, t.nextAttemptAt),
    // A chat's row is due only once its older ones are done (OutboxStore.claimDue): found here, not in a scan.
    index("outbox_chat_pending").on(t.chatId, t.id).where(sql`status = 'pending'`),
  ],
);

/**
 * Every authenticated gateway callback, with what we made of it: the audit trail for disputes. Callbacks we do
 * not act on are kept too, with whatever of event, charge, reference and status they carry. The body is stored
 * with phone numbers masked, and rows are pruned after WEBHOOK_RETENTION_DAYS.
 */
export const webhookEvents = sqliteTable(
  "webhook_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    receivedAt: timestamp("received_at").notNull(),
    event: text("event"),
    chargeId: text("charge_id"),
    referenceId: text("reference_id"),
    status: text("status"),
    outcome: text("outcome").notNull(),
    body: text("body").notNull(),
  },
  // Pruning by age must not scan the whole table.
  (t) => [index("webhook_events_received").on(t.receivedAt)],
);

/**
 * Callbacks repeating one that was already applied (a duplicate, or a report the top-up had moved past): counted
 * here, one row per charge, event and status, instead of one webhook_events row each. The first few are also kept
 * in webhook_events with their bodies, so the audit trail shows what came and how often.
 */
export const callbackRepeats = sqliteTable(
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

/** Conversation state (grammY conversations), so a top-up in progress survives a restart. */
export const conversationStates = sqliteTable("conversation_states", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at").notNull(),
});

export const invoices = sqliteTable("invoices", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  topupId: integer("topup_id")
    .notNull()
    .unique()
    .references(() => topups.id),
  merchantId: integer("merchant_id")
    .notNull()
    .references(() => merchants.id),
  number: text("number").notNull().unique(),
  issuedAt: timestamp("issued_at").notNull(),
  /** The frozen InvoiceDocument. */
  content: text("content", { mode: "json" }).notNull(),
  /** Telegram's file_id of the first upload, re-sent instead of the bytes. */
  telegramFileId: text("telegram_file_id"),
});

/** Gap-free invoice numbering: one row per month, incremented inside the crediting transaction. */
export const invoiceCounters = sqliteTable("invoice_counters", {
  period: text("period").primaryKey(),
  lastValue: integer("last_value").notNull(),
});

/** An announcement from an admin: the message to copy, who gets it, and how far delivery has come. */
export const broadcasts = sqliteTable("broadcasts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  adminId: integer("admin_id").notNull(),
  adminChatId: integer("admin_chat_id").notNull(),
  /** The admin's own message, copied with copyMessage so formatting and media survive. */
  sourceChatId: integer("source_chat_id").notNull(),
  sourceMessageId: integer("source_message_id").notNull(),
  audience: text("audience", { enum: broadcastAudiences }).notNull(),
  status: text("status", { enum: ["draft", "running", "cancelled", "done"] }).notNull(),
  total: integer("total").notNull().default(0),
  /** The admin's progress message, edited as delivery goes on. */
  progressMessageId: integer("progress_message_id"),
  progressAt: timestamp("progress_at"),
  createdAt: timestamp("created_at").notNull(),
  startedAt: timestamp("started_at"),
  finishedAt: timestamp("finished_at"),
});

/** One row per recipient, so a restart resumes exactly where delivery stopped. */
export const broadcastRecipients = sqliteTable(
  "broadcast_recipients",
  {
    broadcastId: integer("broadcast_id")
      .notNull()
      .references(() => broadcasts.id),
    merchantId: integer("merchant_id")
      .notNull()
      .references(() => merchants.id),
    chatId: integer("chat_id").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "blocked", "skipped"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    error: text("error"),
    sentAt: timestamp("sent_at"),
  },
  (t) => [primaryKey({ columns: [t.broadcastId, t.merchantId] }), index("broadcast_recipients_status").on(t.broadcastId, t.status)],
);

/**
 * Telegram updates already handled (db/coordination.ts, ProcessedUpdates), so a redelivered update_id is not
 * handled twice. Pruned once Telegram would no longer send it again.
 */
export const processedUpdates = sqliteTable(
  "processed_updates",
  {
    updateId: integer("update_id").primaryKey(),
    processedAt: timestamp("processed_at").notNull(),
  },
  (t) => [index("processed_updates_processed_at").on(t.processedAt)],
);

/** A manual credit (amount > 0) or debit (< 0) of a merchant's Coin Premium by an admin, with the reason given. */
export const adjustments = sqliteTable(
  "adjustments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    merchantId: integer("merchant_id")
      .notNull()
      .references(() => merchants.id),
    amount: integer("amount").notNull(),
    reason: text("reason").notNull(),
    actorId: integer("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    /** Chosen by the caller (the conversation): a replayed or double-tapped confirmation finds the same row. */
    requestKey: text("request_key").notNull().unique(),
    createdAt: timestamp("created_at").notNull(),
  },
  (t) => [index("adjustments_merchant_created").on(t.merchantId, t.createdAt), index("adjustments_created").on(t.createdAt)],
);

/**
 * What an operator must look at: a flagged payment, a payment stuck past its checks, a notification that could not
 * be delivered, a difference reconciliation found. The key names the cause, so finding it again opens nothing new.
 * Resolved rows stay: the resolution, who chose it and why.
 */
export const exceptions = sqliteTable(
  "exceptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull().unique(),
    kind: text("kind", { enum: exceptionKinds }).notNull(),
    topupId: integer("topup_id").references(() => topups.id),
    outboxId: integer("outbox_id").references(() => outbox.id),
    reason: text("reason").notNull(),
    openedAt: timestamp("opened_at").notNull(),
    resolvedAt: timestamp("resolved_at"),
    resolution: text("resolution", { enum: exceptionResolutions }),
    /** Telegram id of the admin; null when the system closed it (a late callback settled the payment). */
    resolvedBy: integer("resolved_by"),
    resolutionReason: text("resolution_reason"),
  },
  (t) => [index("exceptions_open").on(t.resolvedAt, t.openedAt), index("exceptions_topup").on(t.topupId)],
);

/** Every operator action: who, what, on which object, why, and the state before and after where it applies. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: timestamp("at").notNull(),
    /** Telegram id of the admin; null for the system's own scheduled runs. */
    actorId: integer("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    objectType: text("object_type"),
    objectId: text("object_id"),
    reason: text("reason"),
    before: text("before", { mode: "json" }).$type<Record<string, unknown>>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

/** An alert told to the admins once per incident: raised while the condition lasts, cleared when it ends. */
export const alerts = sqliteTable("alerts", {
  key: text("key").primaryKey(),
  /** Null while no incident is going on. */
  raisedAt: timestamp("raised_at"),
  clearedAt: timestamp("cleared_at"),
});

/** A scheduled job's run for one period (the daily reconciliation of a WIB day): claimed by one instance, once. */
export const scheduledRuns = sqliteTable(
  "scheduled_runs",
  {
    job: text("job").notNull(),
    period: text("period").notNull(),
    claimedUntil: timestamp("claimed_until").notNull(),
    finishedAt: timestamp("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);
