import { expect, it } from "vitest";
import { at, claimSideBySide, contract, peer } from "./engines.js";

const message = (dedupeKey: string, payload: Record<string, unknown> = { amount: 1 }) => ({ dedupeKey, chatId: 7_123_456_789, kind: "paid", payload });
const LATER = at("11:00:00");

contract("OutboxStore", (db) => {
  const outbox = () => db().stores.outbox;
  /** Claims until nothing is left (at most ten). */
  const claimAll = async (now: Date, until = LATER) => {
    const keys: string[] = [];
    for (let row = await outbox().claimNext(now, until); row && keys.length < 10; row = await outbox().claimNext(now, until)) keys.push(row.dedupeKey);
    return keys;
  };

  it("enqueue keeps the first row of a dedupe key", async () => {
    await outbox().enqueue(message("paid:1", { amount: 1, nested: { b: 2, a: 1 } }), at("10:00:00"));
    await outbox().enqueue(message("paid:1", { amount: 999 }), at("10:00:05"));

    const row = await outbox().claimNext(at("10:01:00"), at("10:02:00"));
    expect(row).toEqual({
      id: row!.id,
      dedupeKey: "paid:1",
      chatId: 7_123_456_789,
      kind: "paid",
      payload: { amount: 1, nested: { a: 1, b: 2 } },
      status: "pending",
      attempts: 0,
      nextAttemptAt: at("10:00:00"),
      lastError: null,
      createdAt: at("10:00:00"),
      sentAt: null,
      claimedUntil: at("10:02:00"),
    });
    expect(await outbox().claimNext(at("10:01:00"), at("10:02:00"))).toBeUndefined();
    expect(await outbox().byId(row!.id)).toEqual(row);
    expect(await outbox().byId(row!.id + 1)).toBeUndefined();
  });

  it("claimNext: pending rows whose time has come, earliest first then oldest; hasDue agrees, and a claimed row is not waiting", async () => {
    await outbox().enqueue(message("c"), at("10:00:02"));
    await outbox().enqueue(message("a"), at("10:00:01"));
    await outbox().enqueue(message("b"), at("10:00:01"));
    await outbox().enqueue(message("later"), at("10:05:00"));

    expect(await outbox().hasDue(at("10:00:00"))).toBe(false);
    expect(await outbox().claimNext(at("10:00:00"), LATER)).toBeUndefined();
    expect(await outbox().hasDue(at("10:00:01"))).toBe(true);
    expect(await claimAll(at("10:01:00"))).toEqual(["a", "b", "c"]);
    expect(await outbox().hasDue(at("10:01:00"))).toBe(false);
  });

  it("a claimed row is not claimed again before its claim runs out (by anyone), and is claimed again after it (its holder died)", async () => {
    await outbox().enqueue(message("x"), at("10:00:00"));
    const other = await peer(db());
    const first = await outbox().claimNext(at("10:00:00"), at("10:01:00"));

    expect(await other.stores.outbox.claimNext(at("10:00:59"), at("10:01:59"))).toBeUndefined();
    expect(await outbox().claimNext(at("10:00:59"), at("10:01:59"))).toBeUndefined();
    expect(await other.stores.outbox.hasDue(at("10:00:59"))).toBe(false);
    expect(await other.stores.outbox.hasDue(at("10:01:00"))).toBe(true);
    const again = await other.stores.outbox.claimNext(at("10:01:00"), at("10:02:00"));
    expect(again).toMatchObject({ id: first!.id, attempts: 0, status: "pending", claimedUntil: at("10:02:00") });
  });

  it("markSent, markRetry and markDead end the claim: sent and dead rows are never due again; a retry is due at its time", async () => {
    for (const key of ["sent", "retry", "dead"]) await outbox().enqueue(message(key), at("10:00:00"));
    const sent = await outbox().claimNext(at("10:00:00"), LATER);
    const retry = await outbox().claimNext(at("10:00:00"), LATER);
    const dead = await outbox().claimNext(at("10:00:00"), LATER);

    await outbox().markSent(sent!.id, at("10:00:01"));
    await outbox().markRetry(retry!, at("10:02:00"), "429");
    await outbox().markDead(dead!, "403: blocked");

    expect(await outbox().claimNext(at("10:01:59"), LATER)).toBeUndefined();
    expect(await outbox().hasDue(at("10:01:59"))).toBe(false);
    expect(await outbox().hasDue(at("10:02:00"))).toBe(true);
    const again = await outbox().claimNext(at("10:02:00"), LATER);
    expect(again).toMatchObject({ id: retry!.id, attempts: 1, nextAttemptAt: at("10:02:00"), lastError: "429", status: "pending" });
    await outbox().markDead(again!, "gave up");
    expect(await claimAll(at("12:00:00"), at("13:00:00"))).toEqual([]);
  });

  it("instances claiming side by side get disjoint rows, and every row goes to one of them", async () => {
    const rows = 30;
    for (let i = 0; i < rows; i++) await outbox().enqueue(message(`m${i}`), at("10:00:00"));
    const instances = [db(), await peer(db())];
    const claimers = instances.flatMap((instance) => [1, 2, 3].map(() => () => instance.stores.outbox.claimNext(at("10:00:00"), LATER)));

    const claimed = await claimSideBySide(claimers, rows);

    expect(claimed).toHaveLength(rows);
    expect(new Set(claimed).size).toBe(rows);
  });
});
