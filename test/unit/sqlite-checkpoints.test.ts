import { mkdtempSync, rmSync, statSync } from "node:fs";
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
