import type * as schema from "./sqlite/schema.js";

// Row types, shared by both dialects: the PostgreSQL schema's rows are checked identical (schema-parity test).

export const topupStatuses = ["creating", "pending", "succeeded", "failed", "expired"] as const;
export type TopupStatus = (typeof topupStatuses)[number];

export const ledgerKinds = ["topup", "adjustment"] as const;

/** flagged: a report we refused; stuck: open past its checks; undeliverable: a dead notification; reconciliation: books differ. */
export const exceptionKinds = ["flagged", "stuck", "undeliverable", "reconciliation"] as const;
export type ExceptionKind = (typeof exceptionKinds)[number];
/** credited: an operator credited it; dismissed: marked done with a reason; settled: the gateway settled it meanwhile. */
export const exceptionResolutions = ["credited", "dismissed", "settled"] as const;
export type ExceptionResolution = (typeof exceptionResolutions)[number];

export const broadcastAudiences = ["all", "paid", "never_paid"] as const;
export type BroadcastAudience = (typeof broadcastAudiences)[number];

export type MerchantRow = typeof schema.merchants.$inferSelect;
export type TopupRow = typeof schema.topups.$inferSelect;
export type LedgerRow = typeof schema.ledgerEntries.$inferSelect;
export type OutboxRow = typeof schema.outbox.$inferSelect;
export type WebhookEventRow = typeof schema.webhookEvents.$inferSelect;
export type InvoiceRow = typeof schema.invoices.$inferSelect;
export type BroadcastRow = typeof schema.broadcasts.$inferSelect;
export type RecipientRow = typeof schema.broadcastRecipients.$inferSelect;
export type RecipientStatus = RecipientRow["status"];
export type AdjustmentRow = typeof schema.adjustments.$inferSelect;
export type ExceptionRow = typeof schema.exceptions.$inferSelect;
export type AuditRow = typeof schema.auditLog.$inferSelect;
