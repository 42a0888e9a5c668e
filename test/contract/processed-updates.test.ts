import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleOnce, inProcessChatLocks, type ChatLocks, type ProcessedUpdates } from "../../db/coordination.js";
import { postgresChatLocks } from "../../db/postgres/chat-locks.js";
import { openPostgres } from "../../db/postgres/client.js";
import { postgresProcessedUpdates } from "../../db/postgres/processed-updates.js";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { sqliteProcessedUpdates } from "../../db/sqlite/processed-updates.js";
import { freshPostgresDatabase, postgresUrl } from "../helpers/postgres.js";
import { at } from "./engines.js";

interface Engine {
  /** Two instances' views of one database: their update records and their chat locks. */
  instances: { updates: ProcessedUpdates; locks: ChatLocks }[];
  close(): Promise<void>;
}

const engines: { name: string; skip: boolean; open: () => Promise<Engine> }[] = [
  {
    name: "sqlite",
    skip: false,
    open: () => {
      const database = openSqliteDatabase(":memory:");
      const one = { updates: sqliteProcessedUpdates(database), locks: inProcessChatLocks() };
      return Promise.resolve({ instances: [one, one], close: () => database.close() });
    },
  },
  {
    name: "postgres",
    skip: !postgresUrl,
    open: async () => {
      const fresh = await freshPostgresDatabase();
      const onError = (error: Error) => {
        throw error;
      };
      const opened = await Promise.all([openPostgres(fresh.url, { onError }), openPostgres(fresh.url, { onError })]);
      const instances = opened.map(({ db }) => ({
        updates: postgresProcessedUpdates(db),
        locks: postgresChatLocks({ url: fresh.url, holdMs: 5_000, onError }),
      }));
      return {
        instances,
        async close() {
          await Promise.all([...instances.map(({ locks }) => locks.close()), ...opened.map((open) => open.close())]);
          await fresh.drop();
        },
      };
    },
  },
];

describe.each(engines)("processed updates on $name", ({ skip, open }) => {
  let engine: Engine;
  let updates: ProcessedUpdates;
  beforeEach(async (context) => {
    if (skip) return context.skip();
    engine = await open();
    updates = engine.instances[0]!.updates;
  });
  afterEach(async () => {
    await engine?.close();
  });

  it("claim records an update once: true the first time, false after, across instances", async () => {
    expect(await updates.seen(900_000_001)).toBe(false);
    expect(await updates.claim(900_000_001, at("10:00:00"))).toBe(true);

    expect(await engine.instances[1]!.updates.claim(900_000_001, at("10:00:05"))).toBe(false);
    expect(await updates.seen(900_000_001)).toBe(true);
    expect(await updates.seen(900_000_002)).toBe(false);
  });

  it("concurrent claims of one update: exactly one wins", async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => engine.instances[i % 2]!.updates.claim(42, at("10:00:00"))));

    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("prune forgets what was handled before the cut-off, and keeps the rest", async () => {
    await updates.claim(1, at("09:00:00"));
    await updates.claim(2, at("09:59:59.999"));
    await updates.claim(3, at("10:00:00"));

    expect(await updates.prune(at("10:00:00"))).toBe(2);
    expect([await updates.seen(1), await updates.seen(2), await updates.seen(3)]).toEqual([false, false, true]);
    expect(await updates.claim(1, at("10:00:01"))).toBe(true);
  });

  it("handleOnce: an update delivered to both instances at once is handled once", async () => {
    let handled = 0;
    const [first, second] = engine.instances.map((instance) =>
      handleOnce({ ...instance, now: () => at("10:00:00") }, { updateId: 77, chatKey: 5 }, async () => {
        handled++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }),
    );

    expect([await first, await second].sort()).toEqual([false, true]);
    expect(handled).toBe(1);
  });

  it("handleOnce: a handler that fails leaves no claim, so Telegram's redelivery runs it again", async () => {
    const options = { ...engine.instances[0]!, now: () => at("10:00:00") };
    await expect(handleOnce(options, { updateId: 78, chatKey: 5 }, () => Promise.reject(new Error("handler failed half-way")))).rejects.toThrow(
      "half-way",
    );
    expect(await updates.seen(78)).toBe(false);

    let ran = false;
    expect(await handleOnce(options, { updateId: 78, chatKey: 5 }, () => Promise.resolve(void (ran = true)))).toBe(true);
    expect(ran).toBe(true);
    expect(await handleOnce(options, { updateId: 78, chatKey: 5 }, () => Promise.reject(new Error("ran twice")))).toBe(false);
  });
});
