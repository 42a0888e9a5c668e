import { expect, it } from "vitest";
import { at, contract, peer } from "./engines.js";

const CHAT = 7_123_456_789;
const message = (dedupeKey: string, payload: Record<string, unknown> = { amount: 1 }, chatId = CHAT) => ({ dedupeKey, chatId, kind: "paid", payload });
const LATER = at("11:00:00");

contract("OutboxStore", (db) => {
  const outbox = () => db().stores.outbox;
  const keys = (rows: { dedupeKey: string }[]) => rows.map((row) => row.dedupeKey);
  /** Claims one row at a time, ending each claim with a sent mark, until nothing is left (at most ten). */
  const sendAll = async (now: Date) => {
    const sent: string[] = [];
    for (let [row] = await outbox().claimDue(now, LATER, 1); row && sent.length < 10; [row] = await outbox().claimDue(now, LATER, 1)) {
      sent.push(row.dedupeKey);
      await outbox().markSent([row.id], now);
    }
    return sent;
  };

  it("enqueue keeps the first row of a dedupe key", async () => {
    await outbox().enqueue(message("paid:1", { amount: 1, nested: { b: 2, a: 1 } }), at("10:00:00"));
    await outbox().enqueue(message("paid:1", { amount: 999 }), at("10:00:05"));

    const [row, ...more] = await outbox().claimDue(at("10:01:00"), at("10:02:00"), 10);
    expect(more).toEqual([]);
    expect(row).toEqual({
      id: row!.id,
      dedupeKey: "paid:1",
      chatId: CHAT,
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
    expect(await outbox().claimDue(at("10:01:00"), at("10:02:00"), 10)).toEqual([]);
    expect(await outbox().byId(row!.id)).toEqual(row);
    expect(await outbox().byId(row!.id + 1)).toBeUndefined();
  });

  it("claimDue: rows of different chats whose time has come, earliest first then oldest, at most `limit`; hasDue agrees", async () => {
    await outbox().enqueue(message("c", {}, 3), at("10:00:02"));
    await outbox().enqueue(message("a", {}, 1), at("10:00:01"));
    await outbox().enqueue(message("b", {}, 2), at("10:00:01"));
    await outbox().enqueue(message("later", {}, 4), at("10:05:00"));

    expect(await outbox().hasDue(at("10:00:00"))).toBe(false);
    expect(await outbox().claimDue(at("10:00:00"), LATER, 10)).toEqual([]);
    expect(await outbox().hasDue(at("10:00:01"))).toBe(true);
    expect(keys(await outbox().claimDue(at("10:01:00"), LATER, 2))).toEqual(["a", "b"]);
    expect(keys(await outbox().claimDue(at("10:01:00"), LATER, 2))).toEqual(["c"]);
    expect(await outbox().hasDue(at("10:01:00"))).toBe(false);
  });

  it("one chat's rows are claimed one at a time and in order: the next only once the older one is sent or dead", async () => {
    for (const key of ["first", "second", "third"]) await outbox().enqueue(message(key), at("10:00:00"));
    await outbox().enqueue(message("other chat", {}, 1), at("10:00:00"));

    const [first, other, ...rest] = await outbox().claimDue(at("10:00:00"), LATER, 10);
    expect(keys([first!, other!, ...rest])).toEqual(["first", "other chat"]);
    // Being sent: the chat's next row waits, here and on another instance.
    expect(await outbox().claimDue(at("10:00:00"), LATER, 10)).toEqual([]);
    expect(await (await peer(db())).stores.outbox.hasDue(at("10:00:00"))).toBe(false);
    // Waiting for its retry, the older row still holds the chat's next ones back.
    await outbox().markRetry(first!, at("10:00:30"), "Bad Gateway");
    expect(await outbox().claimDue(at("10:00:10"), LATER, 10)).toEqual([]);
    expect(await outbox().hasDue(at("10:00:10"))).toBe(false);
    const [again] = await outbox().claimDue(at("10:00:30"), LATER, 10);
    expect(again).toMatchObject({ id: first!.id, attempts: 1 });
    await outbox().markDead(again!, "gave up");
    expect(await sendAll(at("10:00:30"))).toEqual(["second", "third"]);
  });

  it("a claimed row is not claimed again before its claim runs out (by anyone), and is claimed again after it (its holder died)", async () => {
    await outbox().enqueue(message("x"), at("10:00:00"));
    const other = await peer(db());
    const [first] = await outbox().claimDue(at("10:00:00"), at("10:01:00"), 10);

    expect(await other.stores.outbox.claimDue(at("10:00:59"), at("10:01:59"), 10)).toEqual([]);
    expect(await outbox().claimDue(at("10:00:59"), at("10:01:59"), 10)).toEqual([]);
    expect(await other.stores.outbox.hasDue(at("10:00:59"))).toBe(false);
    expect(await other.stores.outbox.hasDue(at("10:01:00"))).toBe(true);
    const [again] = await other.stores.outbox.claimDue(at("10:01:00"), at("10:02:00"), 10);
    expect(again).toMatchObject({ id: first!.id, attempts: 0, status: "pending", claimedUntil: at("10:02:00") });
  });

  it("markSent (several rows in one call), markRetry and markDead end the claim: sent and dead rows are never due again; a retry is due at its time", async () => {
    for (const [key, chat] of [["sent", 1], ["sent too", 2], ["retry", 3], ["dead", 4]] as const) await outbox().enqueue(message(key, {}, chat), at("10:00:00"));
    const [sent, sentToo, retry, dead] = await outbox().claimDue(at("10:00:00"), LATER, 10);

    await outbox().markSent([sent!.id, sentToo!.id], at("10:00:01"));
    await outbox().markSent([], at("10:00:01"));
    await outbox().markRetry(retry!, at("10:02:00"), "429");
    await outbox().markDead(dead!, "403: blocked");

    for (const row of [sent!, sentToo!]) expect(await outbox().byId(row.id)).toMatchObject({ status: "sent", sentAt: at("10:00:01"), claimedUntil: null });
    expect(await outbox().claimDue(at("10:01:59"), LATER, 10)).toEqual([]);
    expect(await outbox().hasDue(at("10:01:59"))).toBe(false);
    expect(await outbox().hasDue(at("10:02:00"))).toBe(true);
    const [again] = await outbox().claimDue(at("10:02:00"), LATER, 10);
    expect(again).toMatchObject({ id: retry!.id, attempts: 1, nextAttemptAt: at("10:02:00"), lastError: "429", status: "pending" });
    await outbox().markDead(again!, "gave up");
    expect(await sendAll(at("12:00:00"))).toEqual([]);
  });

  it("instances claiming side by side get disjoint rows, at most one per chat at a time, and every row goes to one of them", async () => {
    const chats = 20;
    for (let i = 0; i < chats; i++) for (const n of [1, 2]) await outbox().enqueue(message(`m${i}.${n}`, {}, 100 + i), at("10:00:00"));
    const instances = [db(), await peer(db())];
    const sent: string[] = [];
    // Each claimer marks what it claimed sent before it claims again: a chat's second row comes after its first.
    const claimer = async (stores: typeof instances[number]["stores"]) => {
      for (let rows = await stores.outbox.claimDue(at("10:00:00"), LATER, 3); rows.length > 0; rows = await stores.outbox.claimDue(at("10:00:00"), LATER, 3)) {
        expect(new Set(rows.map((row) => row.chatId)).size).toBe(rows.length);
        sent.push(...keys(rows));
        await stores.outbox.markSent(rows.map((row) => row.id), at("10:00:00"));
      }
    };

    await Promise.all(instances.flatMap((instance) => [1, 2, 3].map(() => claimer(instance.stores))));

    expect(sent).toHaveLength(chats * 2);
    expect(new Set(sent).size).toBe(chats * 2);
    for (let i = 0; i < chats; i++) expect(sent.indexOf(`m${i}.1`)).toBeLessThan(sent.indexOf(`m${i}.2`));
  });
});
