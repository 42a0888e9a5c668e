import { describe, expect, it } from "vitest";
import { RepliesWithinLimit } from "../../src/bot/bot-limit.js";
import { Pacer } from "../../src/telegram/pacer.js";

type Prev = Parameters<RepliesWithinLimit["transformer"]>[0];

/** grammY's next step: answers at once, or fails as an aborted fetch does when its signal is aborted. */
function bodyOfApi(calls: string[]): Prev {
  return ((method: string, _payload: unknown, signal?: { aborted: boolean }) => {
    calls.push(method);
    if (signal?.aborted) return Promise.reject(new Error("The operation was aborted"));
    return Promise.resolve({ ok: true, result: true });
  }) as unknown as Prev;
}

describe("replies within the bot's limit", () => {
  it("a reply waiting for its turn gives up when its signal aborts instead of waiting out a pause", async () => {
    const pacer = new Pacer(30);
    pacer.pause(60_000);
    const replies = new RepliesWithinLimit(pacer);
    const calls: string[] = [];
    const abort = new AbortController();
    const reply = replies.transformer(bodyOfApi(calls), "sendMessage", { chat_id: 1, text: "halo" }, abort.signal as never);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(replies.waiting()).toBe(true);
    expect(calls).toEqual([]);

    const started = performance.now();
    abort.abort();
    await expect(reply).rejects.toThrow(/aborted/);
    // Within the 60 s pause: it did not wait for a slot.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(replies.waiting()).toBe(false);
    expect(calls).toEqual(["sendMessage"]);
  });

  it("calls that are not messages pass while messages wait", async () => {
    const pacer = new Pacer(30);
    pacer.pause(60_000);
    const replies = new RepliesWithinLimit(pacer);
    const calls: string[] = [];
    await expect(replies.transformer(bodyOfApi(calls), "sendChatAction", { chat_id: 1, action: "typing" } as never)).resolves.toEqual({ ok: true, result: true });
    expect(calls).toEqual(["sendChatAction"]);
  });
});
