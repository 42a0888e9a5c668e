/**
 * The outbox dispatcher against the Telegram emulator over HTTP: different chats side by side within Telegram's
 * limit, one chat's messages one at a time and in order, exactly once also with two instances and when the
 * "sent" cannot be written, a 429 pausing what follows, and the Bot API connections kept alive.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { maxInAnyWindow } from "../src/broadcast/window.js";
import type { ApiCall } from "../src/emulators/telegram/index.js";
import { enqueueNotice } from "../src/notifications/outbox.js";
import { TELEGRAM_RATE_PER_SECOND } from "../src/telegram/pacer.js";
import { failUpdates } from "./helpers/faults.js";
import { eventually, onPostgres, startHarness, type Harness } from "./helpers/harness.js";
import { startSecondInstance } from "./helpers/second-instance.js";

const FIRST = 70_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ telegramRatePerSecond: TELEGRAM_RATE_PER_SECOND });
});
afterEach(async () => {
  await h.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chats FIRST, FIRST + 1, …: users of the emulator. */
function chats(count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    h.tg.createUser({ id: FIRST + i, first_name: `Toko ${i}` });
    return FIRST + i;
  });
}

/** Notices, enqueued in this order in one transaction (as a commit would), each telling its page number. */
async function enqueue(notices: { chatId: number; page: number }[]): Promise<void> {
  await h.app.services.database.transaction(async (stores) => {
    for (const { chatId, page } of notices) await enqueueNotice(stores, { dedupeKey: `test:${chatId}:${page}`, chatId, key: "audit-title", vars: { page } }, h.clock.now());
  });
}

const sends = (): ApiCall[] => h.tg.callsFor("sendMessage").filter((c) => Number(c.params.chat_id) >= FIRST);
const pageOf = (call: ApiCall) => Number(/halaman (\d+)/.exec(String(call.params.text))?.[1]);
const chatOf = (call: ApiCall) => Number(call.params.chat_id);

describe("notifications to different chats", () => {
  it("are in flight at the same time", async () => {
    const [a, b] = chats(2);
    h.tg.setResponseDelay(300);
    await enqueue([{ chatId: a!, page: 1 }, { chatId: b!, page: 1 }]);
    const [first, second] = await eventually(() => {
      expect(sends()).toHaveLength(2);
      return sends().sort((x, y) => x.at - y.at);
    });
    // One after the other, the second would arrive only once the first was answered, 300 ms later.
    expect(second!.at - first!.at).toBeLessThan(200);
  });

  it(`never go above ${TELEGRAM_RATE_PER_SECOND} in any second, and each chat gets its message once`, async () => {
    const ids = chats(TELEGRAM_RATE_PER_SECOND + 15);
    await enqueue(ids.map((chatId) => ({ chatId, page: 1 })));
    await eventually(() => expect(sends()).toHaveLength(ids.length), 5_000);
    expect(maxInAnyWindow(sends().map((c) => c.at))).toBeLessThanOrEqual(TELEGRAM_RATE_PER_SECOND);
    expect(new Set(sends().map(chatOf)).size).toBe(ids.length);
  });
});

describe("one chat's notifications", () => {
  it("go one at a time and in the order they were enqueued, while other chats' go meanwhile", async () => {
    const [a, b] = chats(2);
    h.tg.setResponseDelay(150);
    await enqueue([1, 2, 3].map((page) => ({ chatId: a!, page })));
    await enqueue([{ chatId: b!, page: 1 }]);
    const calls = await eventually(() => {
      expect(sends()).toHaveLength(4);
      return sends().sort((x, y) => x.at - y.at);
    });
    const ofA = calls.filter((c) => chatOf(c) === a);
    expect(ofA.map(pageOf)).toEqual([1, 2, 3]);
    // Each only after the one before was answered.
    for (let i = 1; i < ofA.length; i++) expect(ofA[i]!.at - ofA[i - 1]!.at).toBeGreaterThanOrEqual(150);
    const ofB = calls.find((c) => chatOf(c) === b)!;
    expect(ofB.at).toBeLessThan(ofA[1]!.at);
  });
});

describe("exactly once", () => {
  // Several instances share a PostgreSQL database (docs/postgres.md); SQLite's file is one instance's.
  it.skipIf(!onPostgres)("two instances on one database never send the same row, and every row goes out", async () => {
    const ids = chats(60);
    h.tg.setResponseDelay(100);
    const second = await startSecondInstance(h);
    try {
      await enqueue(ids.map((chatId) => ({ chatId, page: 1 })));
      await eventually(async () => expect((await h.table("outbox")).every((row) => row.status === "sent")).toBe(true), 10_000);
      await pause(100);
    } finally {
      await second.stop();
    }
    const perChat = new Map<number, number>();
    for (const call of sends()) perChat.set(chatOf(call), (perChat.get(chatOf(call)) ?? 0) + 1);
    expect(perChat.size).toBe(ids.length);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    // Both took part: the first claims at most 30 at once.
    expect(new Set(sends().map((c) => c.token)).size).toBe(2);
  });

  it("notifications accepted together whose 'sent' cannot be written are not sent again, and are marked sent later", async () => {
    const ids = chats(5);
    const restore = await failUpdates(h, "outbox", { when: "NEW.status = 'sent'" });
    await enqueue(ids.map((chatId) => ({ chatId, page: 1 })));
    await eventually(() => expect(sends()).toHaveLength(ids.length));
    // Their claims run out on the clock while the write keeps failing.
    for (let i = 0; i < 5; i++) {
      h.clock.advance(30_000);
      await pause(60);
    }
    expect(sends()).toHaveLength(ids.length);
    await restore();
    await eventually(async () => expect((await h.table("outbox")).map((row) => row.status)).toEqual(ids.map(() => "sent")));
    h.clock.advance(120_000);
    await pause(100);
    expect(sends()).toHaveLength(ids.length);
  });
});

describe("a 429", () => {
  it("holds back every notification of the instance for the time Telegram asked, then each goes once", async () => {
    const [a, b, c] = chats(3);
    h.tg.injectFault({ method: "sendMessage", chatId: a, status: 429, retryAfter: 5, times: 1 });
    await enqueue([{ chatId: a!, page: 1 }]);
    // The 429 handled (its retry written), not only received: the pause is reckoned from the clock at that moment.
    await eventually(async () => expect((await h.table("outbox")).find((row) => row.chatId === a)?.attempts).toBe(1));
    await enqueue([{ chatId: b!, page: 1 }, { chatId: c!, page: 1 }]);
    h.clock.advance(4_000);
    await pause(200);
    expect(sends()).toHaveLength(1);
    h.clock.advance(1_000);
    await eventually(() => expect(sends().filter((call) => call.ok).map(chatOf).sort()).toEqual([a, b, c]));
    await pause(100);
    expect(sends()).toHaveLength(4);
  });
});

describe("the Bot API connections", () => {
  it("are kept alive: notifications one after another reuse one connection", async () => {
    const ids = chats(10);
    await enqueue([{ chatId: ids[0]!, page: 0 }]);
    await eventually(() => expect(sends()).toHaveLength(1));
    const before = h.tg.connectionsAccepted;
    for (const [i, chatId] of ids.entries()) {
      await enqueue([{ chatId, page: i + 1 }]);
      await eventually(() => expect(sends()).toHaveLength(i + 2));
    }
    expect(h.tg.connectionsAccepted - before).toBeLessThanOrEqual(1);
  });
});
