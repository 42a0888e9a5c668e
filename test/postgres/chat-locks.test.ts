import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatLockTimeout, type ChatLocks } from "../../db/coordination.js";
import { CHAT_LOCK_CLASS, chatKey, postgresChatLocks } from "../../db/postgres/chat-locks.js";
import { gate } from "../contract/engines.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";

describe.skipIf(!postgresUrl)("PostgreSQL chat locks", () => {
  let database: FreshDatabase;
  let admin: pg.Client;
  const opened: ChatLocks[] = [];
  let errors: Error[];

  /** One app instance's chat locks: a pool of its own. */
  const instance = (limits: { waitMs?: number; holdMs?: number } = {}): ChatLocks => {
    const locks = postgresChatLocks({ url: database.url, waitMs: 1_000, holdMs: 5_000, ...limits, onError: (error) => errors.push(error) });
    opened.push(locks);
    return locks;
  };

  beforeEach(async () => {
    database = await freshPostgresDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    errors = [];
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((locks) => locks.close()));
    await admin.end();
    await database.drop();
  });

  /** Sessions holding or waiting for a chat's lock, as the server sees them. */
  const lockRows = async (chatId: number): Promise<{ pid: number; granted: boolean }[]> => {
    const { rows } = await admin.query<{ pid: number; granted: boolean }>(
      "select pid, granted from pg_locks where locktype = 'advisory' and objsubid = 2 and classid::bigint = $1 and objid::bigint = $2",
      [CHAT_LOCK_CLASS, chatKey(chatId) >>> 0],
    );
    return rows;
  };

  it("two instances never run one chat's updates at the same time", async () => {
    const [a, b] = [instance(), instance()];
    const spans: { enter: number; exit: number }[] = [];
    const update = (locks: ChatLocks) =>
      locks.run(7_123_456_789, async () => {
        const enter = performance.now();
        await sleep(20);
        spans.push({ enter, exit: performance.now() });
      });

    await Promise.all(Array.from({ length: 10 }, (_, i) => update(i % 2 === 0 ? a : b)));

    spans.sort((x, y) => x.enter - y.enter);
    expect(spans).toHaveLength(10);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.enter).toBeGreaterThanOrEqual(spans[i - 1]!.exit);
    expect(await lockRows(7_123_456_789)).toEqual([]);
  });

  it("one instance's updates of one chat run in the order they arrived (polling hands them over in order)", async () => {
    const locks = instance();
    const started: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        locks.run(7, async () => {
          started.push(i);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }),
      ),
    );
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("different chats run side by side", async () => {
    const [a, b] = [instance(), instance()];
    const both = gate();
    let inside = 0;
    const update = (locks: ChatLocks, chatId: number) =>
      locks.run(chatId, async () => {
        if (++inside === 2) both.open();
        await both.closed;
      });

    await Promise.all([update(a, 1), update(b, 2)]);
    expect(inside).toBe(2);
  });

  it("an update waiting past the wait limit fails with ChatLockTimeout; the holder is not disturbed", async () => {
    const [a, b] = [instance(), instance({ waitMs: 200 })];
    const release = gate();
    const holding = a.run(5, () => release.closed.then(() => "done"));
    await until(async () => (await lockRows(5)).length === 1);

    const started = performance.now();
    await expect(b.run(5, () => Promise.resolve("never"))).rejects.toBeInstanceOf(ChatLockTimeout);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    release.open();
    expect(await holding).toBe("done");
    // The timed-out waiter's connection went back in working order: the chat can be taken there again.
    expect(await b.run(5, () => Promise.resolve("next"))).toBe("next");
  });

  it("a handler that never finishes is cut off at the hold limit, and the next update proceeds", async () => {
    const [a, b] = [instance({ holdMs: 300 }), instance({ waitMs: 2_000 })];
    const never = gate();
    const hung = a.run(9, () => never.closed);
    await until(async () => (await lockRows(9)).length === 1);

    const started = performance.now();
    expect(await b.run(9, () => Promise.resolve("after"))).toBe("after");
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(errors.map((error) => error.message)).toContainEqual(expect.stringContaining("still running after 300 ms"));

    never.open();
    await hung;
    // The hung handler's late end does not unlock what the next holder took.
    const next = gate();
    const holder = b.run(9, () => next.closed);
    await until(async () => (await lockRows(9)).some((row) => row.granted));
    await sleep(50);
    expect((await lockRows(9)).filter((row) => row.granted)).toHaveLength(1);
    next.open();
    await holder;
  });

  it("a terminated backend leaves the chat free: the other instance proceeds, and the first can lock it again", async () => {
    const [a, b] = [instance(), instance({ waitMs: 2_000 })];
    const release = gate();
    const holding = a.run(11, () => release.closed.then(() => "finished"));
    await until(async () => (await lockRows(11)).length === 1);
    const { pid } = (await lockRows(11))[0]!;

    const waiting = b.run(11, () => Promise.resolve("b"));
    await admin.query("select pg_terminate_backend($1)", [pid]);
    expect(await waiting).toBe("b");

    release.open();
    expect(await holding).toBe("finished");
    expect(await a.run(11, () => Promise.resolve("again"))).toBe("again");
    expect(await lockRows(11)).toEqual([]);
  });

  it("a handler's error reaches the caller and the chat is unlocked", async () => {
    const a = instance();
    await expect(a.run(3, () => Promise.reject(new Error("handler failed")))).rejects.toThrow("handler failed");

    expect(await lockRows(3)).toEqual([]);
    expect(await a.run(3, () => Promise.resolve("next"))).toBe("next");
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
