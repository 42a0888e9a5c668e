import { gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";
import { ledgerEntries, merchants, topups } from "../../db/sqlite/schema.js";
import type { Clock } from "../clock.js";
import { startOfWibDay } from "../format.js";
import { OPEN_STATUSES } from "../payments/topup-service.js";

export interface TopupPeriod {
  /** Top-ups started in the period, whatever became of them. */
  started: number;
  succeeded: number;
  /** Succeeded, failed or expired: the ones whose outcome is known. */
  finalised: number;
  /** Rupiah of the succeeded ones. */
  amount: number;
}

export interface Stats {
  merchants: { total: number; active: number; blocked: number; muted: number };
  topups: { today: TopupPeriod; week: TopupPeriod; month: TopupPeriod };
  pending: { count: number; amount: number };
  /** Coin Premium held by all merchants: the sum of the ledger. */
  outstanding: number;
}

const count = sql<number>`count(*)`;

/** Figures for /stats, read straight from the tables. Days are Jakarta days. */
export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  collect(): Stats {
    const now = this.clock.now();
    return {
      merchants: this.merchants(),
      topups: {
        today: this.period(startOfWibDay(now)),
        week: this.period(startOfWibDay(now, 6)),
        month: this.period(startOfWibDay(now, 29)),
      },
      pending: this.pending(),
      outstanding: this.db.select({ total: sql<number>`coalesce(sum(${ledgerEntries.amount}), 0)` }).from(ledgerEntries).get()?.total ?? 0,
    };
  }

  private merchants(): Stats["merchants"] {
    const row = this.db
      .select({
        total: count,
        blocked: sql<number>`count(${merchants.blockedAt})`,
        muted: sql<number>`count(${merchants.mutedAt})`,
      })
      .from(merchants)
      .get();
    const total = row?.total ?? 0;
    const blocked = row?.blocked ?? 0;
    return { total, active: total - blocked, blocked, muted: row?.muted ?? 0 };
  }

  private period(since: Date): TopupPeriod {
    const row = this.db
      .select({
        started: count,
        succeeded: sql<number>`count(*) filter (where ${topups.status} = 'succeeded')`,
        finalised: sql<number>`count(*) filter (where ${topups.status} in ('succeeded', 'failed', 'expired'))`,
        amount: sql<number>`coalesce(sum(${topups.amount}) filter (where ${topups.status} = 'succeeded'), 0)`,
      })
      .from(topups)
      .where(gte(topups.createdAt, since))
      .get();
    return { started: row?.started ?? 0, succeeded: row?.succeeded ?? 0, finalised: row?.finalised ?? 0, amount: row?.amount ?? 0 };
  }

  private pending(): Stats["pending"] {
    const row = this.db
      .select({ count, amount: sql<number>`coalesce(sum(${topups.amount}), 0)` })
      .from(topups)
      .where(inArray(topups.status, OPEN_STATUSES))
      .get();
    return { count: row?.count ?? 0, amount: row?.amount ?? 0 };
  }
}
