import { and, eq, isNull, lte, sql } from "drizzle-orm";
import type { ScheduleStore } from "../../stores.js";
import type { Db } from "../client.js";
import { scheduledRuns } from "../schema.js";
import type { Sync } from "./sync.js";

export function scheduleStore(db: Db): Sync<ScheduleStore> {
  return {
    claimRun: (job, period, now, until) =>
      db
        .insert(scheduledRuns)
        .values({ job, period, claimedUntil: until })
        .onConflictDoUpdate({
          target: [scheduledRuns.job, scheduledRuns.period],
          set: { claimedUntil: sql`excluded.claimed_until` },
          setWhere: and(isNull(scheduledRuns.finishedAt), lte(scheduledRuns.claimedUntil, now)),
        })
        .returning({ job: scheduledRuns.job })
        .get() !== undefined,
    finishRun(job, period, now) {
      db.update(scheduledRuns).set({ finishedAt: now }).where(and(eq(scheduledRuns.job, job), eq(scheduledRuns.period, period))).run();
    },
  };
}
