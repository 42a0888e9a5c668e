/**
 * The database refuses a callback's write (locked by another connection past busy_timeout, or the disk is
 * full): the webhook answers 5xx so Xendit retries, nothing of the callback is half-written, and the retry
 * once the database is back credits it exactly once.
 */
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SqliteDatabase } from "../../db/sqlite/database.js";
import { balanceOf } from "../../src/payments/ledger.js";
import { CALLBACK_TOKEN, onPostgres, startHarness, type Harness } from "../helpers/harness.js";
import { merchant, type Merchant } from "../helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 9401);
  await sari.topup();
});
afterEach(async () => {
  await h.close();
});

/** The app's own better-sqlite3 connection. */
const appConnection = () => (h.app.services.database as SqliteDatabase).connection;

function callback(extra: Record<string, unknown> = {}) {
  const charge = h.xendit.charge(h.xendit.charges()[0]!.id)!;
  return JSON.stringify({ event: "ewallet.capture", data: { ...charge, status: "SUCCEEDED", capture_amount: charge.charge_amount, ...extra } });
}

const post = (body: string) =>
  fetch(`${h.baseUrl}/webhooks/xendit`, { method: "POST", headers: { "content-type": "application/json", "x-callback-token": CALLBACK_TOKEN }, body });

async function expectNothingWritten(): Promise<void> {
  expect(await h.app.services.topups.latest(sari.id)).toMatchObject({ status: "pending", paidAt: null });
  const tables = await Promise.all((["ledgerEntries", "invoices", "invoiceCounters", "outbox", "webhookEvents"] as const).map((name) => h.table(name)));
  expect(tables).toEqual([[], [], [], [], []]);
}

async function expectCreditedOnceAfterRetry(body: string): Promise<void> {
  expect((await post(body)).status).toBe(200);
  expect((await post(body)).status).toBe(200);
  expect((await balanceOf(h.app.services.database.stores, sari.id))).toBe(100_000);
  expect(await h.table("ledgerEntries")).toHaveLength(1);
  expect((await h.table("webhookEvents")).map((e) => e.outcome)).toEqual(["credited", "duplicate"]);
  await sari.expect("Pembayaran berhasil");
}

// SQLite's own faults (a second connection's write lock, SQLITE_FULL from the file): PostgreSQL's are in test/postgres.
describe.skipIf(onPostgres)("database faults during a callback (SQLite)", () => {
  it("locked: 5xx while another connection holds the write lock, then credited once", async () => {
    appConnection().pragma("busy_timeout = 200");
    const other = new Database(h.config.databasePath);
    other.exec("BEGIN EXCLUSIVE");
    try {
      const started = Date.now();
      const answer = await post(callback());
      expect(answer.status).toBeGreaterThanOrEqual(500);
      // Not a hang until the drain (15 s): the answer waits for its own busy timeout and for the write each
      // background loop (outbox, checks, broadcasts, retention, alerts) tries ahead of it on the one connection.
      expect(Date.now() - started).toBeLessThan(5_000);
      await expectNothingWritten();
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await expectCreditedOnceAfterRetry(callback());
  });

  it("disk full: 5xx when the write cannot grow the file, nothing half-written, then credited once", async () => {
    const sqlite = appConnection();
    const pages = sqlite.pragma("page_count", { simple: true }) as number;
    sqlite.pragma(`max_page_count = ${pages}`);
    // A large (but allowed) callback body: recording it needs new pages, as a full disk would refuse.
    const body = callback({ metadata: { note: "x".repeat(24_000) } });
    try {
      const answer = await post(body);
      expect(answer.status).toBeGreaterThanOrEqual(500);
      await expectNothingWritten();
    } finally {
      sqlite.pragma("max_page_count = 1073741823");
    }
    await expectCreditedOnceAfterRetry(body);
  });
});
