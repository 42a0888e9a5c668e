import { expect, it } from "vitest";
import { at, contract, newTopup, peer, profile } from "./engines.js";

contract("MetricsStore", (db) => {
  it("counts as numbers on an empty database", async () => {
    expect(await db().stores.metrics.topupCounts()).toEqual([]);
    expect(await db().stores.metrics.outboxBacklog()).toEqual({ pending: 0, oldestPendingAt: null });
    expect(await db().stores.metrics.checksDue(at("10:00:00"))).toBe(0);
  });

  it("top-ups per method and status, checks due by then, claimed or not", async () => {
    for (const id of [1, 2]) await db().stores.merchants.register(profile(id), at("09:00:00"));
    const paid = await newTopup(db(), 1, "paid");
    await db().stores.topups.markPaid(paid, "ch-paid", at("10:01:00"));
    await newTopup(db(), 1, "due", { checkAt: at("10:01:00") });
    const claimed = await newTopup(db(), 2, "claimed", { checkAt: at("10:01:00") });
    await db().stores.topups.recordCharge(claimed.id, "ch-claimed", at("10:00:01"));
    expect((await db().stores.topups.claimCheck(at("10:02:00"), at("10:03:00")))?.id).toBeDefined();
    await newTopup(db(), 2, "later", { checkAt: at("10:05:00") });
    const expired = await newTopup(db(), 2, "expired");
    await db().stores.topups.recordCharge(expired.id, "ch-expired", at("10:00:01"));
    await db().stores.topups.expire(expired.id, "EXPIRED", at("10:10:00"), at("10:02:00"));

    expect(await db().stores.metrics.topupCounts()).toEqual([
      { method: "ID_OVO", status: "creating", count: 2 },
      { method: "ID_OVO", status: "expired", count: 1 },
      { method: "ID_OVO", status: "pending", count: 1 },
      { method: "ID_OVO", status: "succeeded", count: 1 },
    ]);
    expect(await db().stores.metrics.checksDue(at("10:02:00"))).toBe(2);
    expect(await db().stores.metrics.checksDue(at("10:05:00"))).toBe(3);
    // The expired one is asked about again at its re-check time.
    expect(await db().stores.metrics.checksDue(at("10:10:00"))).toBe(4);
  });

  it("the outbox's pending rows and the oldest one's time; sent and dead ones do not count", async () => {
    const enqueue = (key: string, time: string) => db().stores.outbox.enqueue({ dedupeKey: key, chatId: 1, kind: "notice", payload: {} }, at(time));
    await enqueue("a", "10:00:00");
    await enqueue("b", "10:01:00");
    await enqueue("c", "10:02:00");
    await enqueue("d", "10:03:00");
    const claim = async () => (await db().stores.outbox.claimDue(at("10:05:00"), at("10:06:00"), 1))[0]!;
    const first = await claim();
    await db().stores.outbox.markSent([first.id], at("10:05:00"));
    const second = await claim();
    await db().stores.outbox.markDead(second, "chat not found");
    const third = await claim();
    await db().stores.outbox.markRetry(third, at("10:30:00"), "Bad Gateway");

    expect(await db().stores.metrics.outboxBacklog()).toEqual({ pending: 2, oldestPendingAt: at("10:02:00") });
  });
});

contract("AlertStore.clear", (db) => {
  it("says which call ended an incident: one of two instances clearing it, none when nothing was raised", async () => {
    const other = await peer(db());
    expect(await db().stores.alerts.clear("outbox_stale", at("10:00:00"))).toBe(false);
    await db().stores.alerts.raise("outbox_stale", at("10:01:00"));
    const cleared = await Promise.all([db().stores.alerts.clear("outbox_stale", at("10:02:00")), other.stores.alerts.clear("outbox_stale", at("10:02:00"))]);
    expect(cleared.filter(Boolean)).toHaveLength(1);
    expect(await db().stores.alerts.clear("outbox_stale", at("10:03:00"))).toBe(false);
  });
});
