/**
 * Two instances of the real app on one PostgreSQL: one poller and one broadcast sender cluster-wide, each role
 * taken over by the other instance within seconds when its holder stops; /healthz says who holds what.
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHAT_LOCK_CLASS, chatKey } from "../../db/postgres/chat-locks.js";
import type { App } from "../../src/app.js";
import { maxInAnyWindow } from "../../src/broadcast/window.js";
import { addMerchants, broadcastCopies, copiesPerChat, startBroadcast } from "../helpers/broadcast.js";
import { eventually, startHarness, type Harness } from "../helpers/harness.js";
import { merchant } from "../helpers/merchant.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";
import { healthOf, SECOND_TOKEN, startSecondInstance } from "../helpers/second-instance.js";

const ADMIN_ID = 9101;

describe.skipIf(!postgresUrl)("two instances on one PostgreSQL: leases", () => {
  let database: FreshDatabase;
  let h: Harness;
  let second: App | undefined;

  /** The harness's instance first, holding every role, then the second one beside it. */
  async function start(config: Parameters<typeof startHarness>[0] = {}) {
    h = await startHarness({ ...config, config: { ...config.config, databaseUrl: database.url } });
    await eventually(async () => expect((await healthOf(h.app)).body).toEqual({ ok: true, database: "ok", leases: { broadcast: true, polling: true } }));
    second = await startSecondInstance(h);
  }

  beforeEach(async () => {
    database = await freshPostgresDatabase();
  });
  afterEach(async () => {
    await second?.stop();
    second = undefined;
    await h?.close();
    await database.drop();
  });

  const byFirst = (method: string) => h.tg.callsFor(method).filter((call) => call.token === h.config.botToken);
  const bySecond = (method: string) => h.tg.callsFor(method).filter((call) => call.token === SECOND_TOKEN);

  it("polling: only the holder of the lease polls, and the other takes over within seconds when it stops", async () => {
    await start();
    const sari = merchant(h, 7601);
    await sari.say("/saldo");
    await sari.expect("Saldo");
    await eventually(() => expect(byFirst("sendMessage")).toHaveLength(1));
    expect(await healthOf(second!)).toEqual({ status: 200, body: { ok: true, database: "ok", leases: { broadcast: false, polling: false } } });
    expect(bySecond("getUpdates")).toHaveLength(0);

    await h.stopApp();
    const stoppedAt = Date.now();
    await sari.say("/riwayat");
    await sari.expect("Belum ada pembayaran");
    expect(bySecond("getUpdates")[0]!.at - stoppedAt).toBeLessThan(3_000);
    // Each lease moves on its own: the broadcast one may come a moment after polling's, within the same bound.
    await eventually(async () => expect((await healthOf(second!)).body).toEqual({ ok: true, database: "ok", leases: { broadcast: true, polling: true } }), 3_000);
    // No update handled twice across the handover, and never two pollers at once.
    expect(sari.count("Saldo")).toBe(1);
    expect(h.tg.callsFor("getUpdates").filter((call) => call.error_code === 409)).toEqual([]);
  });

  it("polling: an update the old poller handled but could not confirm is not handled again by the new one", async () => {
    await start();
    const sari = merchant(h, 7603);
    // The first poller's long poll in flight returns the update; its next getUpdates, which would confirm it, fails.
    h.tg.injectFault({ method: "getUpdates", status: 502, times: Infinity });
    await sari.say("/saldo");
    await sari.expect("Saldo");
    await h.stopApp();
    h.tg.clearFaults();

    await sari.say("/riwayat");
    await sari.expect("Belum ada pembayaran", 6_000);
    expect(sari.count("Saldo")).toBe(1);
  });

  it("polling: an update whose chat another instance holds past the wait is waited for again, not dropped", async () => {
    h = await startHarness({ config: { databaseUrl: database.url } });
    await h.stopApp();
    second = await startSecondInstance(h, { chatLockWaitMs: 200 });
    await eventually(async () => expect((await healthOf(second!)).body).toMatchObject({ leases: { polling: true } }), 5_000);
    const sari = merchant(h, 7602);
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock($1, $2)", [CHAT_LOCK_CLASS, chatKey(sari.id)]);
      await sari.say("/saldo");
      // Several waits run out meanwhile; a fetched update has nobody to send it again.
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(sari.user.botMessages()).toHaveLength(0);
      await holder.query("select pg_advisory_unlock($1, $2)", [CHAT_LOCK_CLASS, chatKey(sari.id)]);
      await sari.expect("Saldo");
      expect(sari.count("Saldo")).toBe(1);
    } finally {
      await holder.end();
    }
  });

  it("broadcast: the second instance sends nothing while the first holds the lease, then finishes the broadcast at the same rate", async () => {
    const rate = 10;
    await start({ config: { adminIds: [ADMIN_ID], broadcast: { ratePerSecond: rate } } });
    await addMerchants(h, 30, 200_000);
    const admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
    await startBroadcast(admin, "Promo: bonus Coin Premium 10%!", /^Semua merchant \(30\)$/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThanOrEqual(8), 5_000);

    await h.stopApp();
    const stoppedAt = Date.now();
    const report = await admin.expect("Pengumuman #1 selesai", 10_000);
    expect(report.text).toContain("Terkirim: 30");

    const copies = broadcastCopies(h, ADMIN_ID);
    const perChat = copiesPerChat(copies);
    expect(perChat.size).toBe(30);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    const [first, later] = [copies.filter((call) => call.token === h.config.botToken), copies.filter((call) => call.token === SECOND_TOKEN)];
    expect(first.length + later.length).toBe(30);
    expect(later.length).toBeGreaterThan(0);
    expect(Math.min(...later.map((call) => call.at)) - stoppedAt).toBeLessThan(4_000);
    // Telegram counts per bot: the new sender waits out a whole second after the old one's last copy, and the two
    // together never exceed the rate (one copy of slack: the emulator stamps arrival, after the event loop's jitter).
    expect(Math.min(...later.map((call) => call.at)) - Math.max(...first.map((call) => call.at))).toBeGreaterThanOrEqual(1_000);
    expect(maxInAnyWindow(copies.map((call) => call.at))).toBeLessThanOrEqual(rate + 1);
  });
});
