/**
 * Telegram answers 502 for 30 s, then 429s, then recovers: every payment notification is delivered after,
 * none twice. The app's clock is manual, so the outage is 30 s of app time, not of waiting.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { balanceOf } from "../../src/payments/ledger.js";
import { eventually, startHarness, type Harness } from "../helpers/harness.js";
import { merchant, type Merchant } from "../helpers/merchant.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/**
 * Until the dispatcher has dealt with every row due at the app's current time: each is sent, or waits for a later
 * retry and is not in flight. (Sends are paced in real time, so a fixed real-time pause would count attempts.)
 */
const settle = () =>
  eventually(async () => {
    const now = h.clock.now().getTime();
    const rows = await h.table("outbox");
    expect(rows.filter((row) => row.status === "pending" && (row.claimedUntil !== null || row.nextAttemptAt.getTime() <= now))).toEqual([]);
  });

describe("Telegram down, then rate-limiting", () => {
  it("delivers every notification exactly once after 30 s of 502 and a run of 429s", async () => {
    const merchants: Merchant[] = Array.from({ length: 8 }, (_, i) => merchant(h, 9100 + i));
    await Promise.all(merchants.map((m, i) => m.topup({ phone: `0812${String(3000_0000 + i)}` })));
    const outbox = () => h.table("outbox");
    const success = "Pembayaran berhasil";

    const outage = h.tg.injectFault({ method: "sendMessage", status: 502, times: Infinity });
    await Promise.all(h.xendit.charges().map((c) => h.xendit.pay(c.id)));
    for (const m of merchants) expect((await balanceOf(h.app.services.database.stores, m.id))).toBeGreaterThan(0);
    await eventually(async () => expect((await outbox()).every((row) => row.attempts > 0)).toBe(true));

    // 30 s of app time in 1 s steps, the dispatcher retrying against 502s all along.
    for (let second = 0; second < 30; second++) {
      h.clock.advance(1_000);
      await settle();
    }
    const during = (await outbox());
    expect(during).toHaveLength(merchants.length);
    expect(during.every((row) => row.status === "pending" && row.attempts >= 5 && /Bad Gateway/.test(row.lastError ?? ""))).toBe(true);
    for (const m of merchants) expect(m.count(success)).toBe(0);

    // Then Telegram throttles: two 429s per notification, each asking for 7 s.
    outage.remove();
    const throttle = h.tg.injectFault({ method: "sendMessage", status: 429, retryAfter: 7, times: merchants.length * 2 });
    const deadline = Date.now() + 20_000;
    while ((await outbox()).some((row) => row.status !== "sent") && Date.now() < deadline) {
      h.clock.advance(1_000);
      await settle();
    }
    expect(throttle.remaining).toBe(0);
    expect((await outbox()).every((row) => row.status === "sent")).toBe(true);
    expect((await outbox()).some((row) => /Too Many Requests/.test(row.lastError ?? ""))).toBe(true);

    // A while longer: nothing is sent again.
    for (let second = 0; second < 120; second += 10) {
      h.clock.advance(10_000);
      await settle();
    }
    for (const m of merchants) expect(m.count(success)).toBe(1);
    const sent = h.tg.callsFor("sendMessage").filter((c) => c.ok && String(c.params.text).includes(success));
    expect(sent).toHaveLength(merchants.length);
  });
});
