import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { Mutex } from "../../db/mutex.js";
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

/** A file in WAL mode in a fresh directory, and a connection that writes to it as the app's does. */
function walWriter(prefix: string): { path: string; writer: BetterSqlite3.Database } {
  dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, "bot.sqlite");
  const writer = new BetterSqlite3(path);
  writer.pragma("journal_mode = WAL");
  writer.pragma("busy_timeout = 5000");
  return { path, writer };
}

it("SQLite: a RESTART checkpoint kept waiting by a reader holds the writers back only briefly, and never fails them", async () => {
  const { path, writer } = walWriter("cp-restart-");
  // Its writes are synchronous: no transaction is ever open when the thread asks for its moment.
  const checkpoints = backgroundCheckpoints(path, writer, (during) => during(), { startAtBytes: 0, everyMs: 100, restartAfterFrames: 10, restartWaitMs: 20 });
  const reader = new BetterSqlite3(path, { readonly: true });
  try {
    writer.exec("create table t (b blob)");
    const insert = writer.prepare("insert into t values (randomblob(4000))");
    for (let i = 0; i < 50; i++) insert.run();
    // A reader inside a read transaction: every RESTART waits for it, holding the writers meanwhile.
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

it("SQLite: under writes that never pause (a transaction always open), the WAL starts over instead of growing", async () => {
  const { path, writer } = walWriter("cp-flood-");
  // The database's turn-taking, as SqliteDatabase has it: transactions and the thread's moment without writers.
  const turns = new Mutex();
  const checkpoints = backgroundCheckpoints(path, writer, (during) => turns.run(during), { startAtBytes: 0, everyMs: 50, restartAfterFrames: 100, restartWaitMs: 20 });
  try {
    writer.exec("create table t (id integer primary key, b blob)");
    const write = writer.prepare("insert or replace into t values (?, randomblob(4000))");
    // As settlement batches do: one after another, each open across an await. ~40 MB of frames in all.
    for (let i = 0; i < 1_000; i++) {
      await turns.run(async () => {
        writer.exec("begin immediate");
        for (let row = 0; row < 10; row++) write.run((i * 10 + row) % 500);
        await sleep(1);
        writer.exec("commit");
      });
    }
    // Left to PASSIVE checkpoints it held every frame (~40 MB); restarted between two transactions, a few turns' worth.
    expect(statSync(`${path}-wal`).size).toBeLessThan(12_000_000);
    expect(writer.prepare("select count(*) from t").pluck().get()).toBe(500);
  } finally {
    await checkpoints.stop();
    writer.close();
  }
});
