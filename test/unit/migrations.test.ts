import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { webhookEvents } from "../../db/sqlite/schema.js";

const migrations = join(import.meta.dirname, "../../db/sqlite/migrations");
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database file as the migrations up to `tag` left it. */
function databaseAt(tag: string): string {
  dir = mkdtempSync(join(tmpdir(), "cp-migrations-"));
  const folder = join(dir, "migrations");
  cpSync(migrations, folder, { recursive: true });
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === tag) + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  const path = join(dir, "bot.sqlite");
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.close();
  return path;
}

describe("migration 0002 (webhook_events)", () => {
  it("keeps the callbacks recorded before, as ewallet.capture, with the OVO number masked", async () => {
    const path = databaseAt("0001_ledger_merchant_index");
    const body = { event: "ewallet.capture", data: { id: "ewc_1", reference_id: "cp-1", status: "SUCCEEDED", channel_properties: { mobile_number: "+6281234567890" } } };
    const old = new Database(path);
    old
      .prepare("insert into webhook_events (received_at, charge_id, reference_id, status, outcome, body) values (?, ?, ?, ?, ?, ?)")
      .run(1_795_000_000_000, "ewc_1", "cp-1", "SUCCEEDED", "credited", JSON.stringify(body));
    old.close();

    const database = openSqliteDatabase(path);
    try {
      const [row] = await database.exclusive((db) => db.select().from(webhookEvents).all());
      expect(row).toMatchObject({ event: "ewallet.capture", chargeId: "ewc_1", referenceId: "cp-1", status: "SUCCEEDED", outcome: "credited" });
      expect(JSON.parse(row!.body)).toEqual({ ...body, data: { ...body.data, channel_properties: { mobile_number: "0812****7890" } } });
    } finally {
      await database.close();
    }
  });
});
