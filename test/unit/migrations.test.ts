import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../db/sqlite/database.js";
import { topups, webhookEvents } from "../../db/sqlite/schema.js";

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

describe("migration 0007 (payment methods: the top-ups table rebuilt)", () => {
  it("keeps every top-up, its id and what refers to it; a new top-up has no phone and the next id", async () => {
    const path = databaseAt("0006_topup_time_indexes");
    const old = new Database(path);
    old.pragma("foreign_keys = ON");
    old.prepare("insert into merchants (id, chat_id, first_name, created_at, updated_at) values (7, 7, 'Sari', 1, 1)").run();
    const topup = old.prepare(
      "insert into topups (id, reference_id, request_key, merchant_id, amount, phone, status, charge_id, created_at, updated_at, paid_at, finalized_at) values (?, ?, ?, 7, 100000, '+6281234567890', ?, ?, 1, 1, 1, 1)",
    );
    topup.run(41, "cp-41", "k41", "succeeded", "ewc_41");
    topup.run(42, "cp-42", "k42", "failed", "ewc_42");
    old.prepare("insert into ledger_entries (merchant_id, amount, kind, topup_id, created_at) values (7, 100000, 'topup', 41, 1)").run();
    old.close();

    const database = openSqliteDatabase(path);
    try {
      const rows = await database.exclusive((db) => db.select().from(topups).orderBy(topups.id).all());
      expect(rows.map((row) => [row.id, row.referenceId, row.phone, row.channelCode, row.payCode, row.expiresAt])).toEqual([
        [41, "cp-41", "+6281234567890", "ID_OVO", null, null],
        [42, "cp-42", "+6281234567890", "ID_OVO", null, null],
      ]);
      expect(await database.stores.ledger.balanceOf(7)).toBe(100_000);
      const created = await database.stores.topups.create({
        referenceId: "cp-new",
        requestKey: "k-new",
        merchantId: 7,
        amount: 50_000,
        channelCode: "QRIS",
        phone: null,
        createdAt: new Date(2),
        checkAt: null,
      });
      expect(created).toMatchObject({ id: 43, phone: null, channelCode: "QRIS" });
      // The rebuilt table still refuses what the old one refused: foreign keys are on again.
      await expect(database.stores.ledger.credit({ merchantId: 99, amount: 1, topupId: 43, at: new Date(3) })).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await database.close();
    }
  });
});
