import type { Database } from "../../db/database.js";
import type { Clock } from "../clock.js";
import { startOfWibDay } from "../format.js";

export interface TopupPeriod {
  /** Top-ups started in the period, whatever became of them. */
  started: number;
  succeeded: number;
  /** Succeeded, failed or expired: the ones whose outcome is known. */
  finalised: number;
  /** Rupiah of the succeeded ones. */
  amount: number;
}

/** Admins' corrections in a period: how many, and their signed sum. */
export interface AdjustmentPeriod {
  count: number;
  net: number;
}

export interface Stats {
  merchants: { total: number; active: number; blocked: number; muted: number };
  topups: { today: TopupPeriod; week: TopupPeriod; month: TopupPeriod };
  adjustments: { today: AdjustmentPeriod; week: AdjustmentPeriod; month: AdjustmentPeriod };
  pending: { count: number; amount: number };
  /** Coin Premium held by all merchants: the sum of the ledger. */
  outstanding: number;
}

/** Figures for /stats, read straight from the tables. Days are Jakarta days. */
export class StatsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async collect(): Promise<Stats> {
    const now = this.clock.now();
    const { stats } = this.database.stores;
    const [today, week, month] = [startOfWibDay(now), startOfWibDay(now, 6), startOfWibDay(now, 29)];
    const [merchants, topupsToday, topupsWeek, topupsMonth, adjustmentsToday, adjustmentsWeek, adjustmentsMonth, pending, outstanding] = await Promise.all([
      stats.merchants(),
      stats.topupsSince(today),
      stats.topupsSince(week),
      stats.topupsSince(month),
      stats.adjustmentsSince(today),
      stats.adjustmentsSince(week),
      stats.adjustmentsSince(month),
      stats.open(),
      stats.outstanding(),
    ]);
    return {
      merchants: { ...merchants, active: merchants.total - merchants.blocked },
      topups: { today: topupsToday, week: topupsWeek, month: topupsMonth },
      adjustments: { today: adjustmentsToday, week: adjustmentsWeek, month: adjustmentsMonth },
      pending,
      outstanding,
    };
  }
}
