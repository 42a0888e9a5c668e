import { expect, it } from "vitest";
import { at, contract, gate, peer, profile, seedTopup } from "./engines.js";

const adjustment = (requestKey: string, amount: number) => ({
  merchantId: 1,
  amount,
  reason: "goodwill",
  actorId: 900,
  actorName: "Admin",
  requestKey,
  createdAt: at("10:00:00"),
});

contract("AdjustmentStore and LedgerStore.adjust", (db) => {
  it("an adjustment is created once per request key and moves the balance through its own ledger row", async () => {
    await db().stores.merchants.register(profile(1), at("09:00:00"));
    const created = (await db().stores.adjustments.create(adjustment("k1", 50_000)))!;
    expect(await db().stores.adjustments.create(adjustment("k1", 50_000))).toBeUndefined();
    await db().stores.ledger.adjust({ merchantId: 1, amount: created.amount, adjustmentId: created.id, at: at("10:00:00") });
    await expect(db().stores.ledger.adjust({ merchantId: 1, amount: created.amount, adjustmentId: created.id, at: at("10:00:00") })).rejects.toThrow();
    const debit = (await db().stores.adjustments.create({ ...adjustment("k2", -20_000), createdAt: at("11:00:00") }))!;
    await db().stores.ledger.adjust({ merchantId: 1, amount: debit.amount, adjustmentId: debit.id, at: at("11:00:00") });

    expect(await db().stores.ledger.balanceOf(1)).toBe(30_000);
    expect((await db().stores.adjustments.byRequestKey("k2"))?.amount).toBe(-20_000);
    expect((await db().stores.adjustments.ofMerchant(1, 10, 0)).map((a) => a.requestKey)).toEqual(["k2", "k1"]);
    expect((await db().stores.adjustments.between(at("10:30:00"), at("12:00:00"))).map((a) => a.requestKey)).toEqual(["k2"]);
  });

  it("two debits that each read the balance after lockBalance cannot both take it below zero", async () => {
    await db().stores.merchants.register(profile(1), at("09:00:00"));
    const credit = (await db().stores.adjustments.create(adjustment("credit", 100)))!;
    await db().stores.ledger.adjust({ merchantId: 1, amount: 100, adjustmentId: credit.id, at: at("10:00:00") });
    const other = await peer(db());
    const firstRead = gate();
    const debit = (database: typeof other, key: string, afterRead: () => Promise<void>) =>
      database.transaction(async (s) => {
        await s.ledger.lockBalance(1);
        const balance = await s.ledger.balanceOf(1);
        await afterRead();
        if (balance < 100) return false;
        const row = (await s.adjustments.create(adjustment(key, -100)))!;
        await s.ledger.adjust({ merchantId: 1, amount: -100, adjustmentId: row.id, at: at("10:05:00") });
        return true;
      });
    const first = debit(db(), "d1", async () => {
      firstRead.open();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await firstRead.closed;
    const second = debit(other, "d2", () => Promise.resolve());
    expect((await Promise.all([first, second])).sort()).toEqual([false, true]);
    expect(await db().stores.ledger.balanceOf(1)).toBe(0);
  });
});

contract("ExceptionStore", (db) => {
  it("a key opens once; open ones come newest first; resolving is for whoever comes first", async () => {
    const topup = await seedTopup(db());
    const first = (await db().stores.exceptions.open({ key: `flagged:${topup.id}`, kind: "flagged", topupId: topup.id, reason: "amount" }, at("10:00:00")))!;
    expect(await db().stores.exceptions.open({ key: `flagged:${topup.id}`, kind: "flagged", topupId: topup.id, reason: "again" }, at("10:01:00"))).toBeUndefined();
    const second = (await db().stores.exceptions.open({ key: "undeliverable:9", kind: "undeliverable", reason: "chat not found" }, at("10:02:00")))!;
    expect(second.topupId).toBeNull();

    expect((await db().stores.exceptions.openPage(10, 0)).map((e) => e.id)).toEqual([second.id, first.id]);
    expect((await db().stores.exceptions.openPage(1, 1)).map((e) => e.id)).toEqual([first.id]);
    expect(await db().stores.exceptions.openCount()).toBe(2);
    expect((await db().stores.exceptions.openOfTopup(topup.id)).map((e) => e.id)).toEqual([first.id]);

    const [a, b] = await Promise.all([
      db().stores.exceptions.resolve(first.id, { resolution: "dismissed", resolvedBy: 900, reason: "checked" }, at("10:05:00")),
      (await peer(db())).stores.exceptions.resolve(first.id, { resolution: "credited", resolvedBy: 901, reason: "paid" }, at("10:05:00")),
    ]);
    expect([a, b].filter((row) => row !== undefined)).toHaveLength(1);
    expect((await db().stores.exceptions.byId(first.id))?.resolvedAt).toEqual(at("10:05:00"));
    expect(await db().stores.exceptions.openCount()).toBe(1);
    expect(await db().stores.exceptions.open({ key: `flagged:${topup.id}`, kind: "flagged", topupId: topup.id, reason: "x" }, at("11:00:00"))).toBeUndefined();
  });
});

contract("AuditStore", (db) => {
  it("appends rows with their before and after, the latest first", async () => {
    await db().stores.audit.append({ actorId: null, actorName: null, action: "reconciliation.run" }, at("10:00:00"));
    const row = await db().stores.audit.append(
      { actorId: 900, actorName: "Admin", action: "adjustment.credit", objectType: "merchant", objectId: "1", reason: "goodwill", before: { balance: 0 }, after: { balance: 5 } },
      at("10:01:00"),
    );
    expect(row).toMatchObject({ actorId: 900, before: { balance: 0 }, after: { balance: 5 }, reason: "goodwill" });
    const latest = await db().stores.audit.latest(10, 0);
    expect(latest.map((r) => r.action)).toEqual(["adjustment.credit", "reconciliation.run"]);
    expect(latest[1]).toMatchObject({ actorId: null, objectType: null, before: null });
  });
});

contract("AlertStore and ScheduleStore", (db) => {
  it("an alert is raised once per incident, whichever instance raises it, and again after it cleared", async () => {
    const other = await peer(db());
    const raised = await Promise.all([db().stores.alerts.raise("outbox-stale", at("10:00:00")), other.stores.alerts.raise("outbox-stale", at("10:00:00"))]);
    expect(raised.filter(Boolean)).toHaveLength(1);
    expect(await db().stores.alerts.raise("outbox-stale", at("10:01:00"))).toBe(false);
    expect([await db().stores.alerts.isRaised("outbox-stale"), await db().stores.alerts.isRaised("never-raised")]).toEqual([true, false]);
    await db().stores.alerts.clear("outbox-stale", at("10:02:00"));
    expect(await db().stores.alerts.isRaised("outbox-stale")).toBe(false);
    await db().stores.alerts.clear("never-raised", at("10:02:00"));
    expect(await db().stores.alerts.raise("outbox-stale", at("10:03:00"))).toBe(true);
  });

  it("a run is claimed by one caller, again only after its claim ran out, never after it finished", async () => {
    const other = await peer(db());
    const claims = await Promise.all([
      db().stores.schedule.claimRun("reconciliation", "2026-02-28", at("01:00:00"), at("01:10:00")),
      other.stores.schedule.claimRun("reconciliation", "2026-02-28", at("01:00:00"), at("01:10:00")),
    ]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await db().stores.schedule.claimRun("reconciliation", "2026-02-28", at("01:05:00"), at("01:15:00"))).toBe(false);
    expect(await db().stores.schedule.claimRun("reconciliation", "2026-02-28", at("01:10:00"), at("01:20:00"))).toBe(true);
    expect(await db().stores.schedule.claimRun("reconciliation", "2026-03-01", at("01:10:00"), at("01:20:00"))).toBe(true);
    await db().stores.schedule.finishRun("reconciliation", "2026-02-28", at("01:12:00"));
    expect(await db().stores.schedule.claimRun("reconciliation", "2026-02-28", at("02:00:00"), at("02:10:00"))).toBe(false);
  });
});
