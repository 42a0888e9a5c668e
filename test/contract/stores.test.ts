import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/database.js";
import { at, engines, profile, seedTopup } from "./engines.js";

describe.each(engines)("stores ($name)", ({ open }) => {
  let db: Database;
  beforeEach(async () => (db = await open()));
  afterEach(() => db.close());

  describe("merchants", () => {
    it("register refreshes the profile and undoes a block; mute keeps the first time", async () => {
      const { merchants } = db.stores;
      await merchants.register(profile(1), at("10:00:00"));
      await merchants.markBlocked({ chatId: 1 }, at("10:01:00"));
      expect((await merchants.byId(1))?.blockedAt).toEqual(at("10:01:00"));
      const again = await merchants.register({ ...profile(1), firstName: "Sari" }, at("10:02:00"));
      expect(again).toMatchObject({ firstName: "Sari", blockedAt: null, createdAt: at("10:00:00"), updatedAt: at("10:02:00") });
      await merchants.mute(1, at("10:03:00"));
      await merchants.mute(1, at("10:04:00"));
      expect((await merchants.byId(1))?.mutedAt).toEqual(at("10:03:00"));
      await merchants.unmute(1);
      expect((await merchants.byId(1))?.mutedAt).toBeNull();
    });
  });

  describe("topups", () => {
    it("recordCharge keeps what a callback set first; finish only moves a top-up still in `from`", async () => {
      const { topups } = db.stores;
      const topup = await seedTopup(db);
      await topups.markPending(topup.id, "ewc_first", at("10:00:05"));
      const recorded = await topups.recordCharge(topup.id, "ewc_late", at("10:00:06"));
      expect(recorded).toMatchObject({ chargeId: "ewc_first", status: "pending" });
      expect(await topups.finish(topup.id, "creating", { status: "failed", failureCode: "X" }, at("10:00:07"))).toBeUndefined();
      expect(await topups.finish(topup.id, "pending", { status: "failed", failureCode: "X" }, at("10:00:07"))).toMatchObject({ status: "failed", checkAt: null });
    });

    it("expire asks again later only when there is a charge id; due checks include expired ones", async () => {
      const { topups } = db.stores;
      const withCharge = await seedTopup(db, 1, "a");
      await topups.recordCharge(withCharge.id, "ewc_1", at("10:00:01"));
      const without = await seedTopup(db, 2, "b");
      expect(await topups.expire(withCharge.id, "EXPIRED", at("10:20:00"), at("10:10:00"))).toMatchObject({ status: "expired", checkAt: at("10:20:00") });
      expect(await topups.expire(without.id, "NO_GATEWAY_RESPONSE", at("10:20:00"), at("10:10:00"))).toMatchObject({ checkAt: null });
      expect(await topups.expire(without.id, "AGAIN", at("10:20:00"), at("10:10:00"))).toBeUndefined();
      expect((await topups.dueForCheck(at("10:19:59"), 10)).map((t) => t.id)).toEqual([]);
      expect((await topups.dueForCheck(at("10:20:00"), 10)).map((t) => t.id)).toEqual([withCharge.id]);
    });

    it("counts a number's requests per merchant and across merchants; pages newest first", async () => {
      const { topups } = db.stores;
      await seedTopup(db, 1, "a");
      await seedTopup(db, 1, "b");
      await seedTopup(db, 2, "c");
      expect(await topups.phoneRequests("+6281234567890", at("09:00:00"), 1)).toBe(2);
      expect(await topups.phoneRequests("+6281234567890", at("09:00:00"))).toBe(3);
      expect(await topups.phoneRequests("+6281234567890", at("10:00:01"))).toBe(0);
      expect((await topups.page(1, 1, 0))[0]?.referenceId).toBe("ref-1-b");
      expect(await topups.countOf(1)).toBe(2);
      expect(await topups.owned(2, (await topups.latest(1))!.id)).toBeUndefined();
    });
  });

  describe("ledger, invoices and outbox", () => {
    it("a second credit of one top-up fails; invoice numbers count per period; the outbox keeps the first of a key", async () => {
      const { ledger, invoices, outbox } = db.stores;
      const topup = await seedTopup(db);
      await ledger.credit({ merchantId: 1, amount: 100_000, topupId: topup.id, at: at("10:00:00") });
      await expect(ledger.credit({ merchantId: 1, amount: 100_000, topupId: topup.id, at: at("10:00:00") })).rejects.toThrow();
      expect(await ledger.balanceOf(1)).toBe(100_000);
      expect([await invoices.nextNumber("202603"), await invoices.nextNumber("202603"), await invoices.nextNumber("202604")]).toEqual([1, 2, 1]);
      const message = { dedupeKey: "topup:1:succeeded", chatId: 1, kind: "topup.succeeded", payload: { topupId: 1 } };
      await outbox.enqueue(message, at("10:00:00"));
      await outbox.enqueue({ ...message, payload: { topupId: 2 } }, at("10:00:01"));
      const [row, ...rest] = await outbox.due(at("10:00:00"), 10);
      expect(rest).toEqual([]);
      expect(row).toMatchObject({ payload: { topupId: 1 }, status: "pending" });
      expect(await outbox.hasDue(at("09:59:59"))).toBe(false);
      await outbox.markRetry(row!, at("10:05:00"), "502");
      expect(await outbox.due(at("10:04:59"), 10)).toEqual([]);
      await outbox.markSent(row!.id, at("10:05:01"));
      expect(await outbox.hasDue(at("11:00:00"))).toBe(false);
    });
  });

  describe("broadcasts and recipients", () => {
    it("create reaches the audience minus the admin, blocked and muted merchants; cancel skips the pending", async () => {
      const { merchants, broadcasts, recipients } = db.stores;
      for (const id of [1, 2, 3, 4]) await merchants.register(profile(id), at("10:00:00"));
      await merchants.markBlocked({ id: 3 }, at("10:00:00"));
      await merchants.mute(4, at("10:00:00"));
      expect(await broadcasts.audienceCount("all", 1)).toBe(1);
      const input = { adminId: 1, adminChatId: 1, sourceChatId: 1, sourceMessageId: 5, audience: "all" as const };
      const created = await broadcasts.create(input, at("10:00:00"));
      expect(created).toMatchObject({ status: "running", total: 1 });
      expect(await broadcasts.bySource(1, 5)).toEqual(created);
      expect(await recipients.due(at("10:00:00"), 10)).toEqual([{ broadcastId: created.id, merchantId: 2 }]);
      expect(await broadcasts.cancel(created.id)).toBe(true);
      expect(await broadcasts.cancel(created.id)).toBe(false);
      await recipients.skipPending(created.id);
      expect(await recipients.counts(created.id)).toEqual({ skipped: 1 });
      expect((await broadcasts.finishedUnreported()).map((b) => b.id)).toEqual([created.id]);
    });
  });

  describe("conversations", () => {
    it("an unchanged state is not rewritten, so its age stays; old states are pruned", async () => {
      const { conversations } = db.stores;
      await conversations.write("chat:1", '{"a":1}', at("10:00:00"));
      await conversations.write("chat:1", '{"a":1}', at("11:00:00"));
      expect(await conversations.read("chat:1")).toEqual({ value: '{"a":1}', updatedAt: at("10:00:00") });
      await conversations.write("chat:2", "{}", at("12:00:00"));
      await conversations.pruneOlderThan(at("11:00:00"));
      expect(await conversations.read("chat:1")).toBeUndefined();
      expect(await conversations.read("chat:2")).toBeDefined();
      await conversations.delete("chat:2");
      expect(await conversations.read("chat:2")).toBeUndefined();
    });
  });
});
