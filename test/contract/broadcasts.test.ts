import { expect, it } from "vitest";
import type { Database } from "../../db/database.js";
import type { BroadcastAudience } from "../../db/rows.js";
import { at, contract, gate, newTopup, peer, profile } from "./engines.js";

const ADMIN = 100;

/** The admin, two paying merchants (1, 2), two who never paid (3, 4), a blocked (5) and a muted one (6). */
async function seedAudience(db: Database) {
  for (const id of [ADMIN, 1, 2, 3, 4, 5, 6]) await db.stores.merchants.register({ ...profile(id), chatId: 1000 + id }, at("09:00:00"));
  for (const id of [1, 2, 5]) {
    const topup = await newTopup(db, id, "paid");
    await db.stores.topups.markPaid(topup, `ch-${id}`, at("09:30:00"));
  }
  await newTopup(db, 3, "open");
  await db.stores.merchants.markBlocked({ id: 5 }, at("09:40:00"));
  await db.stores.merchants.mute(6, at("09:40:00"));
}

const newBroadcast = (audience: BroadcastAudience, sourceMessageId = 1) => ({
  adminId: ADMIN,
  adminChatId: 1000 + ADMIN,
  sourceChatId: 1000 + ADMIN,
  sourceMessageId,
  audience,
});

contract("BroadcastStore and RecipientStore", (db) => {
  const broadcasts = () => db().stores.broadcasts;
  const recipients = () => db().stores.recipients;

  it("audienceCount and create: reachable merchants of the audience, the admin left out, one pending recipient each", async () => {
    await seedAudience(db());
    expect(await broadcasts().audienceCount("all", ADMIN)).toBe(4);
    expect(await broadcasts().audienceCount("paid", ADMIN)).toBe(2);
    expect(await broadcasts().audienceCount("never_paid", ADMIN)).toBe(2);
    expect(await broadcasts().audienceCount("all", 1)).toBe(4); // the admin counts when someone else is left out

    const created = await broadcasts().create(newBroadcast("paid"), at("10:00:00"));

    expect(created).toMatchObject({ status: "running", total: 2, createdAt: at("10:00:00"), startedAt: at("10:00:00"), finishedAt: null });
    expect(await recipients().counts(created.id)).toEqual({ pending: 2 });
    expect(await recipients().candidate({ broadcastId: created.id, merchantId: 2 })).toEqual({
      status: "pending",
      attempts: 0,
      chatId: 1002,
      broadcastStatus: "running",
      sourceChatId: 1000 + ADMIN,
      sourceMessageId: 1,
      blockedAt: null,
      mutedAt: null,
      language: null,
      telegramLanguage: "id",
    });
    expect(await recipients().candidate({ broadcastId: created.id, merchantId: 3 })).toBeUndefined();
    const never = await broadcasts().create(newBroadcast("never_paid", 2), at("10:00:00"));
    expect((await recipients().due(at("10:00:00"), 10)).filter((key) => key.broadcastId === never.id).map((key) => key.merchantId)).toEqual([3, 4]);
  });

  it("bySource, byId, running and recent (newest first)", async () => {
    await seedAudience(db());
    const first = await broadcasts().create(newBroadcast("all", 1), at("10:00:00"));
    const second = await broadcasts().create(newBroadcast("all", 2), at("10:01:00"));
    await broadcasts().cancel(first.id);

    expect(await broadcasts().bySource(1000 + ADMIN, 2)).toEqual(second);
    expect(await broadcasts().bySource(1000 + ADMIN, 3)).toBeUndefined();
    expect(await broadcasts().byId(first.id)).toMatchObject({ status: "cancelled" });
    expect((await broadcasts().running()).map((b) => b.id)).toEqual([second.id]);
    expect((await broadcasts().recent(1)).map((b) => b.id)).toEqual([second.id]);
    expect((await broadcasts().recent(5)).map((b) => b.id)).toEqual([second.id, first.id]);
  });

  it("cancel: only a running broadcast; its pending recipients are skipped, and it is no longer due", async () => {
    await seedAudience(db());
    const broadcast = await broadcasts().create(newBroadcast("all"), at("10:00:00"));
    await recipients().update({ broadcastId: broadcast.id, merchantId: 1 }, { status: "sent", attempts: 1, sentAt: at("10:00:01") });

    expect(await broadcasts().cancel(broadcast.id)).toBe(true);
    expect(await broadcasts().cancel(broadcast.id)).toBe(false);
    expect(await recipients().due(at("10:00:00"), 10)).toEqual([]);
    await recipients().skipPending(broadcast.id);
    expect(await recipients().counts(broadcast.id)).toEqual({ sent: 1, skipped: 3 });
  });

  it("byId in a transaction holds the broadcast until it commits: a copy released meanwhile is not left pending by a cancel", async () => {
    await seedAudience(db());
    const broadcast = await broadcasts().create(newBroadcast("all"), at("10:00:00"));
    const key = { broadcastId: broadcast.id, merchantId: 1 };
    await recipients().update(key, { status: "sending", attempts: 1 });
    const read = gate();
    // What the worker does with a copy whose call failed (src/broadcast/recipients.ts, release): retry it while running.
    const release = db().transaction(async (s) => {
      const running = (await s.broadcasts.byId(broadcast.id))?.status === "running";
      read.open();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await s.recipients.update(key, running ? { status: "pending" } : { status: "skipped", error: "cancelled" });
    });
    await read.closed;
    const cancel = db().transaction(async (s) => {
      if (await s.broadcasts.cancel(broadcast.id)) await s.recipients.skipPending(broadcast.id);
    });

    await Promise.all([release, cancel]);
    expect(await recipients().candidate(key)).toMatchObject({ status: "skipped", broadcastStatus: "cancelled" });
  });

  it("setProgressMessage and markProgress; runningWithProgressMessage lists running ones that have one", async () => {
    await seedAudience(db());
    const withMessage = await broadcasts().create(newBroadcast("all", 1), at("10:00:00"));
    await broadcasts().create(newBroadcast("all", 2), at("10:00:00"));
    await broadcasts().setProgressMessage(withMessage.id, 77, at("10:00:01"));
    await broadcasts().markProgress(withMessage.id, at("10:00:09"));

    const listed = await broadcasts().runningWithProgressMessage();
    expect(listed.map((b) => b.id)).toEqual([withMessage.id]);
    expect(listed[0]).toMatchObject({ progressMessageId: 77, progressAt: at("10:00:09") });
    await broadcasts().cancel(withMessage.id);
    expect(await broadcasts().runningWithProgressMessage()).toEqual([]);
  });

  it("finishedUnreported waits for every pending and sending recipient; markReported: done or cancelled, finished once", async () => {
    await seedAudience(db());
    const running = await broadcasts().create(newBroadcast("paid", 1), at("10:00:00"));
    const cancelled = await broadcasts().create(newBroadcast("never_paid", 2), at("10:00:00"));
    await recipients().update({ broadcastId: running.id, merchantId: 1 }, { status: "sent", sentAt: at("10:00:01") });
    await recipients().update({ broadcastId: running.id, merchantId: 2 }, { status: "sending", attempts: 1 });
    await broadcasts().cancel(cancelled.id);
    await recipients().update({ broadcastId: cancelled.id, merchantId: 3 }, { status: "sending" });
    expect(await broadcasts().finishedUnreported()).toEqual([]);

    await recipients().update({ broadcastId: running.id, merchantId: 2 }, { status: "failed", error: "400" });
    await recipients().update({ broadcastId: cancelled.id, merchantId: 3 }, { status: "sent" });
    // Merchant 4 of the cancelled one is still pending.
    expect((await broadcasts().finishedUnreported()).map((b) => b.id)).toEqual([running.id]);
    await recipients().skipPending(cancelled.id);
    const finished = await broadcasts().finishedUnreported();
    expect(finished.map((b) => b.id).sort()).toEqual([running.id, cancelled.id]);

    for (const broadcast of finished) await broadcasts().markReported(broadcast, at("10:05:00"));
    await broadcasts().markReported({ ...finished[0]!, status: "running" }, at("10:06:00"));
    expect(await broadcasts().byId(running.id)).toMatchObject({ status: "done", finishedAt: at("10:05:00") });
    expect(await broadcasts().byId(cancelled.id)).toMatchObject({ status: "cancelled", finishedAt: at("10:05:00") });
    expect(await broadcasts().finishedUnreported()).toEqual([]);
  });

  it("due: pending recipients of running broadcasts whose time has come, oldest broadcast first, up to the limit", async () => {
    await seedAudience(db());
    const first = await broadcasts().create(newBroadcast("paid", 1), at("10:00:00"));
    const second = await broadcasts().create(newBroadcast("never_paid", 2), at("10:00:00"));
    await recipients().update({ broadcastId: first.id, merchantId: 1 }, { attempts: 1, nextAttemptAt: at("10:01:00") });
    await recipients().update({ broadcastId: second.id, merchantId: 3 }, { status: "sending" });

    expect(await recipients().due(at("10:00:30"), 10)).toEqual([
      { broadcastId: first.id, merchantId: 2 },
      { broadcastId: second.id, merchantId: 4 },
    ]);
    expect(await recipients().due(at("10:01:00"), 2)).toEqual([
      { broadcastId: first.id, merchantId: 1 },
      { broadcastId: first.id, merchantId: 2 },
    ]);
    expect(await recipients().candidate({ broadcastId: first.id, merchantId: 1 })).toMatchObject({ attempts: 1, status: "pending" });
  });

  it("candidate in a transaction holds the recipient: of two instances deciding at once to send one copy, the second sees it sending", async () => {
    await seedAudience(db());
    const broadcast = await broadcasts().create(newBroadcast("all"), at("10:00:00"));
    const key = { broadcastId: broadcast.id, merchantId: 1 };
    const other = await peer(db());
    // What claiming a copy does (src/broadcast/recipients.ts): read it, and mark it sending when still pending.
    const decide = (database: Database, afterDeciding: () => Promise<void>) =>
      database.transaction(async (s) => {
        const row = (await s.recipients.candidate(key))!;
        if (row.status === "pending") await s.recipients.update(key, { status: "sending", attempts: row.attempts + 1 });
        await afterDeciding();
        return row.status;
      });
    const firstDecided = gate();

    const first = decide(db(), async () => {
      firstDecided.open();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await firstDecided.closed;
    const second = decide(other, () => Promise.resolve());

    expect(await Promise.all([first, second])).toEqual(["pending", "sending"]);
    expect(await recipients().candidate(key)).toMatchObject({ status: "sending", attempts: 1 });
  });

  it("failInterrupted closes the rows left sending as failed and says how many", async () => {
    await seedAudience(db());
    const broadcast = await broadcasts().create(newBroadcast("all"), at("10:00:00"));
    await recipients().update({ broadcastId: broadcast.id, merchantId: 1 }, { status: "sending" });
    await recipients().update({ broadcastId: broadcast.id, merchantId: 2 }, { status: "sending" });
    await recipients().update({ broadcastId: broadcast.id, merchantId: 3 }, { status: "sent" });

    expect(await recipients().failInterrupted()).toBe(2);
    expect(await recipients().failInterrupted()).toBe(0);
    expect(await recipients().counts(broadcast.id)).toEqual({ failed: 2, sent: 1, pending: 1 });
  });
});
