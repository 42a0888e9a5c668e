import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LeaderLease } from "../../db/coordination.js";
import { leaseKey, startLeaderLease } from "../../db/postgres/leader.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";

// Short intervals keep the suite quick; the defaults (1 s, 1 s, 2 s) only scale them.
const timing = { retryMs: 50, heartbeatMs: 50, timeoutMs: 500 };

describe.skipIf(!postgresUrl)("the PostgreSQL leader lease", () => {
  let database: FreshDatabase;
  let admin: pg.Client;
  const leases: LeaderLease[] = [];
  const errors: Error[] = [];
  /** Every moment two leases of one name said held at once. */
  let violations: string[];
  let watching: ReturnType<typeof setInterval> | undefined;

  const start = (name = "broadcast"): LeaderLease => {
    const lease = startLeaderLease(name, { url: database.url, ...timing, onError: (error) => errors.push(error) });
    leases.push(lease);
    return lease;
  };

  beforeEach(async () => {
    database = await freshPostgresDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    violations = [];
  });
  afterEach(async () => {
    clearInterval(watching);
    await Promise.all(leases.splice(0).map((lease) => lease.stop()));
    await admin.end();
    await database.drop();
    expect(violations).toEqual([]);
  });

  /** The backend pid holding the lease's lock, as the server sees it. */
  const holderPid = async (name = "broadcast"): Promise<number | undefined> => {
    const key = BigInt.asUintN(64, BigInt(leaseKey(name)));
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1
         and database = (select oid from pg_database where datname = current_database())
         and classid::text = $1 and objid::text = $2`,
      [(key >> 32n).toString(), (key & 0xffffffffn).toString()],
    );
    return rows[0]?.pid;
  };

  /** Samples, every few milliseconds, that at most one lease of the group says held. */
  const watch = (group: LeaderLease[]) => {
    watching = setInterval(() => {
      const holders = group.filter((lease) => lease.held()).length;
      if (holders > 1) violations.push(`${holders} leases held at once`);
    }, 5);
  };

  it("two instances: exactly one holds, and the server's lock is on its connection", async () => {
    const [a, b] = [start(), start()];
    watch([a, b]);
    await until(() => a.held() || b.held());
    await sleep(300);

    expect([a.held(), b.held()].filter(Boolean)).toHaveLength(1);
    const pid = await holderPid();
    const leader = a.held() ? a : b;
    expect(pid).toBeDefined();
    expect(await backendOf(admin, pid!)).toBe(`lease:${leader.name}`);
  });

  it("stopping the holder: the other holds within 2 s, and reports each change once", async () => {
    const [a, b] = [start(), start()];
    watch([a, b]);
    await until(() => a.held() || b.held());
    const [leader, follower] = a.held() ? [a, b] : [b, a];
    const changes: boolean[] = [];
    follower.onChange((held) => changes.push(held));

    const stoppedAt = Date.now();
    await leader.stop();
    expect(leader.held()).toBe(false);
    await until(() => follower.held(), 2_000);

    expect(Date.now() - stoppedAt).toBeLessThan(2_000);
    expect(changes).toEqual([true]);
  });

  it("the holder's backend terminated: it reports the loss at once, the other takes over, it tries again", async () => {
    const [a, b] = [start(), start()];
    watch([a, b]);
    await until(() => a.held() || b.held());
    const [leader, follower] = a.held() ? [a, b] : [b, a];
    const lost: boolean[] = [];
    leader.onChange((held) => lost.push(held));

    await admin.query("select pg_terminate_backend($1)", [await holderPid()]);
    await until(() => lost.length > 0, 1_000);
    await until(() => follower.held(), 2_000);

    expect(lost).toEqual([false]);
    expect(errors.length).toBeGreaterThan(0);
    errors.splice(0);
    // The old leader is back to trying, and takes over when the new one goes.
    await follower.stop();
    await until(() => leader.held(), 2_000);
  });

  it("never says held while the server shows the lock on someone else's connection", async () => {
    const squatter = new pg.Client({ connectionString: database.url });
    await squatter.connect();
    try {
      await squatter.query("select pg_advisory_lock($1)", [leaseKey("broadcast")]);
      const lease = start();
      await sleep(300);
      expect(lease.held()).toBe(false);

      await squatter.query("select pg_advisory_unlock($1)", [leaseKey("broadcast")]);
      await until(() => lease.held(), 1_000);
      expect(await backendOf(admin, (await holderPid())!)).toBe("lease:broadcast");
    } finally {
      await squatter.end();
    }
  });

  it("a stalled leader stops claiming the lease before the server hands it on, and confirms it again after", async () => {
    const lease = start();
    await until(() => lease.held());

    stall(timing.heartbeatMs + timing.timeoutMs + 50);
    expect(lease.held()).toBe(false);
    await until(() => lease.held(), 1_000);
  });

  it("a leader stalled past the server's idle limit: the server ends its session, the lease moves, never two at once", async () => {
    const [a, b] = [start(), start()];
    await until(() => a.held() || b.held());
    const leader = a.held() ? a : b;
    const sessionBefore = await holderPid();
    watch([a, b]);

    // Silent for longer than idle_session_timeout: the server ends the session and frees the lock.
    stall(timing.heartbeatMs + 2 * timing.timeoutMs + 200);
    expect(leader.held()).toBe(false);
    await until(() => a.held() || b.held(), 2_000);

    expect(await holderPid()).not.toBe(sessionBefore);
    errors.splice(0);
  });

  it("leases of different names are held side by side", async () => {
    const [broadcast, polling] = [start("broadcast"), start("polling")];
    await until(() => broadcast.held() && polling.held());

    expect(await holderPid("broadcast")).not.toBe(await holderPid("polling"));
  });

  it("a leader whose database is gone lets go and keeps trying without ending the process", async () => {
    const lease = start();
    await until(() => lease.held());

    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'lease:broadcast'");
    await until(() => !lease.held(), 1_000);
    await until(() => lease.held(), 2_000);
    expect(errors.length).toBeGreaterThan(0);
    errors.splice(0);
  });
});

async function backendOf(admin: pg.Client, pid: number): Promise<string | undefined> {
  const { rows } = await admin.query<{ name: string }>("select application_name as name from pg_stat_activity where pid = $1", [pid]);
  return rows[0]?.name;
}

/** Blocks the event loop, as a long synchronous step or a paused process would. */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
