import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../../db/database.js";
import type { Clock } from "../clock.js";
import { within } from "../within.js";
import type { GatewayObserver } from "./instrumented-gateway.js";

const PREFIX = "coinpremium_";

export interface MetricsOptions {
  database: Database;
  clock: Clock;
  /** How long a scrape waits for the database's counts before it answers without them (ms). */
  databaseTimeoutMs: number;
}

/**
 * This instance's Prometheus metrics. Events are counted in memory as they happen (callbacks, gateway calls,
 * broadcast sends); what the database holds (top-ups, backlogs, exceptions) is counted at scrape time, so every
 * instance of a cluster reports the same totals for those. Each app has registries of its own, never prom-client's
 * global one, so that several apps in one process (tests) do not collide.
 */
export class Metrics {
  /** Counted in this process; always answered. */
  private readonly events = new Registry();
  /** Read from the database at each scrape; left out when the database does not answer. */
  private readonly stored = new Registry();
  private readonly callbacks = new Counter({
    name: `${PREFIX}callbacks_total`,
    help: "Xendit callbacks by outcome; error: could not be recorded (answered 5xx, Xendit sends it again)",
    labelNames: ["outcome"],
    registers: [this.events],
  });
  private readonly gatewayDuration = new Histogram({
    name: `${PREFIX}gateway_request_duration_seconds`,
    help: "Payment gateway calls by operation, failed ones included",
    labelNames: ["operation"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
    registers: [this.events],
  });
  private readonly gatewayErrors = new Counter({
    name: `${PREFIX}gateway_errors_total`,
    help: "Payment gateway calls that failed, by operation and failure (uncertain, declined, misconfigured, unexpected)",
    labelNames: ["operation", "failure"],
    registers: [this.events],
  });
  private readonly broadcastSends = new Counter({
    name: `${PREFIX}broadcast_sends_total`,
    help: "Broadcast copies by result of their send (sent, blocked, rejected, rate_limited, transient)",
    labelNames: ["result"],
    registers: [this.events],
  });
  private readonly databaseUp = new Gauge({
    name: `${PREFIX}metrics_database_up`,
    help: "1 when this scrape read the database's counts, 0 when the database did not answer (they are missing then)",
    registers: [this.events],
  });
  private readonly topups = new Gauge({ name: `${PREFIX}topups`, help: "Top-ups by method and status", labelNames: ["method", "status"], registers: [this.stored] });
  private readonly outboxPending = new Gauge({ name: `${PREFIX}outbox_pending`, help: "Notifications not yet sent", registers: [this.stored] });
  private readonly outboxOldestAge = new Gauge({
    name: `${PREFIX}outbox_oldest_pending_age_seconds`,
    help: "Age of the oldest notification not yet sent; 0 when none is pending",
    registers: [this.stored],
  });
  private readonly checksDue = new Gauge({
    name: `${PREFIX}payment_checks_due`,
    help: "Top-ups whose payment check is due now (open, or expired with a re-check due)",
    registers: [this.stored],
  });
  private readonly exceptionsOpen = new Gauge({ name: `${PREFIX}exceptions_open`, help: "Open exceptions waiting for an operator (/masalah)", registers: [this.stored] });

  constructor(private readonly options: MetricsOptions) {
    collectDefaultMetrics({ register: this.events });
  }

  /** For the webhook route: what became of each callback. */
  callbackRecorded(outcome: string): void {
    this.callbacks.inc({ outcome });
  }

  callbackFailed(): void {
    this.callbacks.inc({ outcome: "error" });
  }

  /** For the instrumented gateway. */
  readonly gateway: GatewayObserver = {
    observe: (operation, seconds, failure) => {
      this.gatewayDuration.observe({ operation }, seconds);
      if (failure !== undefined) this.gatewayErrors.inc({ operation, failure });
    },
  };

  /** For the broadcast worker: one copy's send answered. */
  broadcastSent(result: string): void {
    this.broadcastSends.inc({ result });
  }

  /** The broadcast worker's current pace, read at each scrape. */
  broadcastRate(read: () => number): void {
    new Gauge({
      name: `${PREFIX}broadcast_rate_per_second`,
      help: "Broadcast copies finished per second lately, by this instance",
      registers: [this.events],
      collect() {
        this.set(read());
      },
    });
  }

  readonly contentType = this.events.contentType;

  /** The text exposition: the database's counts when it answers in time, this process's own metrics always. */
  async render(): Promise<string> {
    const counted = await within(this.readStored(), this.options.databaseTimeoutMs, "the database").then(
      () => true,
      () => false,
    );
    this.databaseUp.set(counted ? 1 : 0);
    const own = await this.events.metrics();
    return counted ? `${own}\n${await this.stored.metrics()}` : own;
  }

  private async readStored(): Promise<void> {
    const { database, clock } = this.options;
    const now = clock.now();
    const stores = database.stores;
    const [topups, backlog, due, open] = await Promise.all([
      stores.metrics.topupCounts(),
      stores.metrics.outboxBacklog(),
      stores.metrics.checksDue(now),
      stores.exceptions.openCount(),
    ]);
    // A status whose last top-up moved on must read 0, not keep its last value: reset, then set what exists.
    this.topups.reset();
    for (const { method, status, count } of topups) this.topups.set({ method, status }, count);
    this.outboxPending.set(backlog.pending);
    this.outboxOldestAge.set(backlog.oldestPendingAt ? Math.max(0, (now.getTime() - backlog.oldestPendingAt.getTime()) / 1000) : 0);
    this.checksDue.set(due);
    this.exceptionsOpen.set(open);
  }
}
