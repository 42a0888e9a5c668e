/**
 * A broadcast on three instances: one sender at a time cluster-wide, at the bot's one rate limit, and when the
 * sender dies by kill -9 another instance finishes the broadcast. The at-most-once rule holds across the handover:
 * a copy in flight at the kill may be lost (its row closed as failed), none is ever sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxInAnyWindow } from "../../src/broadcast/window.js";
import { broadcastCopies, copiesPerChat, startBroadcast } from "../helpers/broadcast.js";
import { eventually } from "../helpers/harness.js";
import { merchant } from "../helpers/merchant.js";
import { postgresUrl } from "../helpers/postgres.js";
import { Cluster } from "./cluster.js";

const ADMIN_ID = 9001;
const FIRST = 65_000_000;
const RECIPIENTS = 150;
const RATE = 25;
/** The worker's calls in flight at once (BroadcastWorker's maxInFlight): what a kill can cut off. */
const MAX_IN_FLIGHT = 16;

let cluster: Cluster;

beforeAll(async () => {
  if (postgresUrl) cluster = await Cluster.start({ size: 3, env: { ADMIN_IDS: String(ADMIN_ID), BROADCAST_RATE_PER_SECOND: String(RATE) } });
});

afterAll(async () => {
  await cluster?.close();
});

describe.skipIf(!postgresUrl)("a broadcast on three instances", () => {
  it("is sent by one instance at the cluster-wide rate, and finished by another when that one is killed with -9", async () => {
    await cluster.seedMerchants(RECIPIENTS, FIRST);
    const admin = merchant(cluster, ADMIN_ID, { first_name: "Admin" });
    await startBroadcast(admin, "Promo: bonus Coin Premium 10% untuk semua!", /^Semua merchant \(\d+\)$/);
    const copies = () => broadcastCopies(cluster, ADMIN_ID);

    // A third of the way: the instance making the copies is the sender; the others make none.
    await eventually(() => expect(copies().length).toBeGreaterThanOrEqual(RECIPIENTS / 3), 20_000);
    const copiesBy = (i: number, since = 0) => cluster.telegramCalls(i, "copyMessage").filter((call) => call.at >= since).length;
    const sender = [0, 1, 2].reduce((best, i) => (copiesBy(i) > copiesBy(best) ? i : best), 0);
    const others = [0, 1, 2].filter((i) => i !== sender);
    const startedAt = copies()[0]!.at;
    expect(others.map((i) => copiesBy(i, startedAt))).toEqual([0, 0]);

    const killedAt = Date.now();
    await cluster.kill(sender);
    const report = await admin.expect("Pengumuman #1 selesai", 40_000);

    // Another instance took over and finished it.
    expect(others.some((i) => copiesBy(i, killedAt) > 0)).toBe(true);
    const perChat = copiesPerChat(copies());
    // Never twice; lost only what was in flight at the kill.
    expect([...perChat.values()].filter((n) => n !== 1)).toEqual([]);
    expect(perChat.size).toBeGreaterThanOrEqual(RECIPIENTS - MAX_IN_FLIGHT);
    const rows = await cluster.sql<{ merchant_id: string; status: string }>("select merchant_id, status from broadcast_recipients");
    expect(rows).toHaveLength(RECIPIENTS);
    for (const row of rows) expect([row.status, perChat.get(Number(row.merchant_id)) ?? 0]).toEqual(row.status === "sent" ? ["sent", 1] : ["failed", expect.any(Number)]);
    expect(report.text).toContain(`Terkirim: ${rows.filter((r) => r.status === "sent").length}`);
    // The bot's one limit, whichever instance sent: Telegram counts per bot. The pacer keeps 40 ms of slack for a
    // copy that arrives late; on a loaded machine, the way through the tap to the emulator can delay one by more,
    // hence one copy of tolerance (two senders at once would make it twice the rate).
    expect(maxInAnyWindow(copies().map((call) => call.at))).toBeLessThanOrEqual(RATE + 1);
    // Across the handover the new sender waited a whole window after the last copy of the old one.
    const lastOfTheDead = Math.max(...cluster.telegramCalls(sender, "copyMessage").map((call) => call.at));
    const firstOfTheNext = Math.min(...others.flatMap((i) => cluster.telegramCalls(i, "copyMessage").filter((call) => call.at >= killedAt).map((call) => call.at)));
    expect(firstOfTheNext - lastOfTheDead).toBeGreaterThanOrEqual(1_000);
  });
});
