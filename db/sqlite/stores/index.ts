import type { Stores } from "../../stores.js";
import type { Db } from "../client.js";
import { adjustmentStore } from "./adjustments.js";
import { alertStore } from "./alerts.js";
import { auditStore } from "./audit.js";
import { broadcastStore } from "./broadcasts.js";
import { conversationStore } from "./conversations.js";
import { exceptionStore } from "./exceptions.js";
import { exportStore } from "./exports.js";
import { invoiceStore } from "./invoices.js";
import { ledgerStore } from "./ledger.js";
import { merchantStore } from "./merchants.js";
import { metricsStore } from "./metrics.js";
import { outboxStore } from "./outbox.js";
import { recipientStore } from "./recipients.js";
import { scheduleStore } from "./schedule.js";
import { statsStore } from "./stats.js";
import type { Sync } from "./sync.js";
import { topupStore } from "./topups.js";
import { webhookEventStore } from "./webhook-events.js";

export type SyncStores = { [K in keyof Stores]: Sync<Stores[K]> };

export function sqliteStores(db: Db): SyncStores {
  return {
    merchants: merchantStore(db),
    topups: topupStore(db),
    ledger: ledgerStore(db),
    outbox: outboxStore(db),
    invoices: invoiceStore(db),
    webhookEvents: webhookEventStore(db),
    broadcasts: broadcastStore(db),
    recipients: recipientStore(db),
    stats: statsStore(db),
    metrics: metricsStore(db),
    conversations: conversationStore(db),
    adjustments: adjustmentStore(db),
    exceptions: exceptionStore(db),
    audit: auditStore(db),
    alerts: alertStore(db),
    schedule: scheduleStore(db),
    exports: exportStore(db),
  };
}
