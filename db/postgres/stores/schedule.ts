import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { ScheduleStore } from "../../stores.js";
import { scheduledRuns } from "../schema.js";
import { firstOf, type Bound } from "./executor.js";

export function scheduleStore({ db }: Bound): ScheduleStore {
  return {
    claimRun: async (job, period, now, until) =>
      (await firstOf(
        db
          .insert(scheduledRuns)
          .values({ job, period, claimedUntil: until })
          .onConflictDoUpdate({
            target: [scheduledRuns.job, scheduledRuns.period],
            set: { claimedUntil: sql`excluded.claimed_until` },
            setWhere: and(isNull(scheduledRuns.finishedAt), lte(scheduledRuns.claimedUntil, now)),
          })
          .returning({ job: scheduledRuns.job }),
      )) !== undefined,
    async finishRun(job, period, now) {
      await db.update(scheduledRuns).set({ finishedAt: now }).where(and(eq(scheduledRuns.job, job), eq(scheduledRuns.period, period)));
    },
  };
}
