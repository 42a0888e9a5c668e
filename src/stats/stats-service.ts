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

export interface Stats {
  merchants: { total: number; active: number; blocked: number; muted: number };
  topups: { today: TopupPeriod; week: TopupPeriod; month: TopupPeriod };
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
    const [merchants, today, week, month, pending, outstanding] = await Promise.all([
      stats.merchants(),
      stats.topupsSince(startOfWibDay(now)),
      stats.topupsSince(startOfWibDay(now, 6)),
      stats.topupsSince(startOfWibDay(now, 29)),
      stats.open(),
      stats.outstanding(),
    ]);
    return {
      merchants: { ...merchants, active: merchants.total - merchants.blocked },
      topups: { today, week, month },
      pending,
      outstanding,
    };
  }
}
