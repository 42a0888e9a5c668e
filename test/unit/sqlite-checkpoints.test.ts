import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { backgroundCheckpoints } from "../../db/sqlite/checkpoints.js";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { eventually } from "../helpers/harness.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("SQLite: commits never checkpoint the WAL themselves; a thread of its own copies it into the file once it has grown", async () => {
  dir = mkdtempSync(join(tmpdir(), "cp-checkpoints-"));
  const path = join(dir, "bot.sqlite");
  const database = openSqliteDatabase(path);
  const fileBytes = () => statSync(path).size;
  try {
    await database.exclusive(() => database.connection.exec("create table filler (b blob)"));
    const before = fileBytes();
    // 8 MB in 2,000 commits: SQLite's own checkpoint would have run at 4 MB, inside one of these commits.
    const insert = database.connection.prepare("insert into filler values (randomblob(4000))");
    await database.exclusive(() => {
      for (let i = 0; i < 2_000; i++) insert.run();
    });
    expect(fileBytes()).toBe(before);
    expect(database.connection.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    await eventually(() => expect(fileBytes()).toBeGreaterThan(8_000_000), 5_000);
  } finally {
    await database.close();
  }
});

/** Write syscalls made by this thread so far (Linux): SQLite writes on the thread that calls it. */
const writeCalls = () => Number(/syscw: (\d+)/.exec(readFileSync("/proc/thread-self/io", "utf8"))![1]);

it("SQLite: savepoints inside a transaction write nothing before the commit (their undo log is kept in memory)", async () => {
  dir = mkdtempSync(join(tmpdir(), "cp-savepoints-"));
  const database = openSqliteDatabase(join(dir, "bot.sqlite"));
  try {
    await database.exclusive(() => database.connection.exec("create table t (id integer primary key, b blob); with recursive n(i) as (select 1 union all select i + 1 from n where i < 50) insert into t select i, randomblob(3000) from n"));
    let during = -1;
    await database.transaction(async (stores) => {
      const before = writeCalls();
      // As a settlement batch does: one savepoint per callback. Each changes 50 pages, past the 64 KiB that SQLite
      // keeps of a sub-journal in memory before spilling it to a temporary file.
      const update = database.connection.prepare("update t set b = randomblob(3000)");
      for (let i = 0; i < 20; i++) await stores.savepoint(() => Promise.resolve(update.run()));
      during = writeCalls() - before;
    });
    expect(during).toBe(0);
  } finally {
    await database.close();
  }
});

it("SQLite: a TRUNCATE checkpoint kept waiting by a reader holds the writers back only briefly, and never fails them", async () => {
  dir = mkdtempSync(join(tmpdir(), "cp-truncate-"));
  const path = join(dir, "bot.sqlite");
  const writer = new BetterSqlite3(path);
  writer.pragma("journal_mode = WAL");
  writer.pragma("busy_timeout = 5000");
  const checkpoints = backgroundCheckpoints(path, writer, { startAtBytes: 0, everyMs: 100, truncateAfterFrames: 10, truncateWaitMs: 20 });
  const reader = new BetterSqlite3(path, { readonly: true });
  try {
    writer.exec("create table t (b blob)");
    const insert = writer.prepare("insert into t values (randomblob(4000))");
    for (let i = 0; i < 50; i++) insert.run();
    // A reader inside a read transaction: every TRUNCATE waits for it, holding the writers meanwhile.
    reader.exec("begin");
    reader.prepare("select count(*) from t").get();
    let slowest = 0;
    for (let i = 0; i < 40; i++) {
      const started = performance.now();
      writer.transaction(() => insert.run())();
      slowest = Math.max(slowest, performance.now() - started);
      await sleep(25);
    }
    expect(slowest).toBeLessThan(1_500);
  } finally {
    if (reader.inTransaction) reader.exec("rollback");
    reader.close();
    await checkpoints.stop();
    writer.close();
  }
});
