import { expect, it } from "vitest";
import { at, contract } from "./engines.js";

const message = (dedupeKey: string, payload: Record<string, unknown> = { amount: 1 }) => ({ dedupeKey, chatId: 7_123_456_789, kind: "paid", payload });

contract("OutboxStore", (db) => {
  const outbox = () => db().stores.outbox;

  it("enqueue keeps the first row of a dedupe key", async () => {
    await outbox().enqueue(message("paid:1", { amount: 1, nested: { b: 2, a: 1 } }), at("10:00:00"));
    await outbox().enqueue(message("paid:1", { amount: 999 }), at("10:00:05"));

    const due = await outbox().due(at("10:01:00"), 10);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ dedupeKey: "paid:1", chatId: 7_123_456_789, kind: "paid", status: "pending", attempts: 0, lastError: null });
    expect(due[0]).toMatchObject({ nextAttemptAt: at("10:00:00"), createdAt: at("10:00:00"), sentAt: null });
    expect(due[0]!.payload).toEqual({ amount: 1, nested: { a: 1, b: 2 } });
  });

  it("due: pending rows whose time has come, earliest first then oldest, up to the limit; hasDue agrees", async () => {
    await outbox().enqueue(message("c"), at("10:00:02"));
    await outbox().enqueue(message("a"), at("10:00:01"));
    await outbox().enqueue(message("b"), at("10:00:01"));
    await outbox().enqueue(message("later"), at("10:05:00"));

    expect((await outbox().due(at("10:01:00"), 10)).map((row) => row.dedupeKey)).toEqual(["a", "b", "c"]);
    expect((await outbox().due(at("10:01:00"), 2)).map((row) => row.dedupeKey)).toEqual(["a", "b"]);
    expect(await outbox().hasDue(at("10:00:00"))).toBe(false);
    expect(await outbox().hasDue(at("10:00:01"))).toBe(true);
  });

  it("markSent, markRetry and markDead: sent and dead rows are never due again; a retry is due at its time", async () => {
    for (const key of ["sent", "retry", "dead"]) await outbox().enqueue(message(key), at("10:00:00"));
    const [sent, retry, dead] = await outbox().due(at("10:00:00"), 10);

    await outbox().markSent(sent!.id, at("10:00:01"));
    await outbox().markRetry(retry!, at("10:02:00"), "429");
    await outbox().markDead(dead!, "403: blocked");

    expect(await outbox().due(at("10:01:59"), 10)).toEqual([]);
    expect(await outbox().hasDue(at("10:01:59"))).toBe(false);
    const [again] = await outbox().due(at("10:02:00"), 10);
    expect(again).toMatchObject({ id: retry!.id, attempts: 1, nextAttemptAt: at("10:02:00"), lastError: "429", status: "pending" });
    await outbox().markDead(again!, "gave up");
    expect(await outbox().due(at("11:00:00"), 10)).toEqual([]);
  });
});
