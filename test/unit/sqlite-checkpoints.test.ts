import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
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
