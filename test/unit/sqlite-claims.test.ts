import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { at, newTopup, profile } from "../contract/engines.js";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("SQLite: claims found when the file is opened again were held by a process that has ended, and are void", async () => {
  dir = mkdtempSync(join(tmpdir(), "cp-claims-"));
  const path = join(dir, "bot.sqlite");
  const first = openSqliteDatabase(path);
  await first.stores.merchants.register(profile(1), at("10:00:00"));
  const topup = await newTopup(first, 1, "a"); // check at 10:01:10
  await first.stores.outbox.enqueue({ dedupeKey: "k", chatId: 1, kind: "paid", payload: {} }, at("10:00:00"));
  const [row] = await first.stores.outbox.claimDue(at("10:01:10"), at("11:00:00"), 10);
  expect(await first.stores.topups.claimCheck(at("10:01:10"), at("11:00:00"))).toMatchObject({ id: topup.id });
  // The process dies holding both claims.
  await first.close();

  const second = openSqliteDatabase(path);
  try {
    expect(await second.stores.outbox.claimDue(at("10:01:11"), at("11:00:00"), 10)).toEqual([expect.objectContaining({ id: row!.id })]);
    expect(await second.stores.topups.claimCheck(at("10:01:11"), at("11:00:00"))).toMatchObject({ id: topup.id });
  } finally {
    await second.close();
  }
});
