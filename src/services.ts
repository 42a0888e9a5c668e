import type { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Database } from "../db/database.js";
import { createI18n } from "./bot/i18n.js";
import { BroadcastService } from "./broadcast/broadcast-service.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import { InvoiceService } from "./invoices/invoice-service.js";
import type { Logger } from "./logger.js";
import { reconcileReport } from "./bot/reconcile-text.js";
import { languageOf, MerchantService } from "./merchants/merchant-service.js";
import { Alerts } from "./operations/alerts.js";
import { AdjustmentService } from "./operations/adjustments.js";
import { AuditLog } from "./operations/audit.js";
import { ExceptionService } from "./operations/exceptions.js";
import { MonthExport } from "./operations/export.js";
import { DailyReconciliation } from "./operations/daily-reconciliation.js";
import { Reconciliation } from "./operations/reconciliation.js";
import type { PaymentGateway } from "./payments/gateway.js";
import { PaymentMethods } from "./payments/methods.js";
import { PaymentChecks } from "./payments/payment-checks.js";
import { CallbackRepeats } from "./payments/callback-repeats.js";
import { Settlement } from "./payments/settlement.js";
import { TopupService } from "./payments/topup-service.js";
import { WebhookEvents } from "./payments/webhook-events.js";
import { StatsService } from "./stats/stats-service.js";

/** The domain services the bot and the HTTP routes translate to. */
export interface Services {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  merchants: MerchantService;
  /** The payment methods on offer and their rules. */
  methods: PaymentMethods;
  topups: TopupService;
  settlement: Settlement;
  checks: PaymentChecks;
  broadcasts: BroadcastService;
  stats: StatsService;
  invoices: InvoiceService;
  webhookEvents: WebhookEvents;
  exports: MonthExport;
  alerts: Alerts;
  adjustments: AdjustmentService;
  auditLog: AuditLog;
  exceptions: ExceptionService;
  reconciliation: Reconciliation;
  dailyReconciliation: DailyReconciliation;
}

export interface ServiceDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  gateway: PaymentGateway;
  /** A notification was committed to the outbox: send it now. */
  onNotify?: () => void;
  /** A broadcast was created or cancelled. */
  onBroadcastChange?: () => void;
}

/** Builds the services once, wired to each other; the i18n instance is shared with the bot. */
export function createServices(deps: ServiceDeps): { services: Services; i18n: I18n<Context> } {
  const { config, database, clock, logger, gateway } = deps;
  const merchants = new MerchantService(database, clock);
  const i18n = createI18n(merchants);
  const invoices = new InvoiceService(database, config.invoiceSeller, (locale) => (key, vars) => i18n.t(locale, key, vars));
  const methods = new PaymentMethods(config.payments.methods);
  const settlement = new Settlement({
    database,
    clock,
    logger,
    repeats: new CallbackRepeats({ database, clock }),
    gateway,
    onNotify: deps.onNotify,
    invoices,
  });
  const topups = new TopupService({
    database,
    gateway,
    settlement,
    methods,
    displayName: config.invoiceSeller.name,
    clock,
    logger,
    checkAfterSeconds: config.payments.checkAfterSeconds,
    maxChargesPerPhonePerHour: config.payments.maxChargesPerPhonePerHour,
    maxChargesPerPhonePerHourTotal: config.payments.maxChargesPerPhonePerHourTotal,
  });
  const checks = new PaymentChecks({
    database,
    gateway,
    clock,
    logger,
    settlement,
    topups,
    checkAfterSeconds: config.payments.checkAfterSeconds,
    gatewayTimeoutMs: config.xendit.timeoutMs,
  });
  const broadcasts = new BroadcastService(database, clock, { onChange: deps.onBroadcastChange });
  const stats = new StatsService(database, clock);
  const webhookEvents = new WebhookEvents({ database, clock, logger, retentionDays: config.webhookRetentionDays });
  const exports = new MonthExport(database);
  const alerts = new Alerts({ database, clock, logger, adminIds: config.adminIds, onNotify: deps.onNotify });
  const adjustments = new AdjustmentService(database, clock, { onNotify: deps.onNotify });
  const auditLog = new AuditLog(database);
  const exceptions = new ExceptionService({ database, gateway, settlement, clock, onNotify: deps.onNotify });
  const reconciliation = new Reconciliation({ database, gateway, clock, logger, ratePerSecond: config.reconciliation.ratePerSecond });
  const dailyReconciliation = new DailyReconciliation({
    database,
    clock,
    logger,
    reconciliation,
    hourWib: config.reconciliation.hourWib,
    adminIds: config.adminIds,
    // Rendered when enqueued, in the admin's language then: a notice's lines are data, not keys.
    reportFor: async (stores, chatId, report) => {
      const locale = languageOf(await stores.merchants.byId(chatId));
      return reconcileReport((key, vars) => i18n.t(locale, key, vars), report);
    },
    onNotify: deps.onNotify,
  });
  const services: Services = {
    config,
    database,
    clock,
    logger,
    merchants,
    methods,
    topups,
    settlement,
    checks,
    broadcasts,
    stats,
    invoices,
    webhookEvents,
    adjustments,
    auditLog,
    exceptions,
    exports,
    alerts,
    reconciliation,
    dailyReconciliation,
  };
  return { services, i18n };
}
