import type { Stores } from "../../stores.js";
import { adjustmentStore } from "./adjustments.js";
import { alertStore } from "./alerts.js";
import { auditStore } from "./audit.js";
import { broadcastStore } from "./broadcasts.js";
import { conversationStore } from "./conversations.js";
import type { Bound } from "./executor.js";
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
import { topupStore } from "./topups.js";
import { webhookEventStore } from "./webhook-events.js";

/** Every store bound to the pool or to one transaction (then they must never touch the pool: see Bound). */
export function postgresStores(bound: Bound): Stores {
  return {
    merchants: merchantStore(bound),
    topups: topupStore(bound),
    ledger: ledgerStore(bound),
    outbox: outboxStore(bound),
    invoices: invoiceStore(bound),
    webhookEvents: webhookEventStore(bound),
    broadcasts: broadcastStore(bound),
    recipients: recipientStore(bound),
    stats: statsStore(bound),
    metrics: metricsStore(bound),
    conversations: conversationStore(bound),
    adjustments: adjustmentStore(bound),
    exceptions: exceptionStore(bound),
    audit: auditStore(bound),
    alerts: alertStore(bound),
    schedule: scheduleStore(bound),
    exports: exportStore(bound),
  };
}
