/**
 * A merchant who blocks the bot is recorded as blocked (broadcasts then leave them out) however we learn it:
 * Telegram's my_chat_member update, or a 403 on a reply, also in the middle of a conversation.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness({ captureLogs: true });
  sari = merchant(h, 7301);
});
afterEach(async () => {
  await h.close();
});

const blockedAt = async () => (await h.app.services.merchants.get(sari.id))?.blockedAt;

/** From now on every message to Sari fails as it does once she has blocked the bot. */
const refuseMessages = () => h.tg.injectFault({ method: "sendMessage", chatId: sari.id, status: 403, times: Infinity });

describe("a merchant who blocks the bot", () => {
  it("is recorded when a reply in the top-up conversation gets 403, without an error logged", async () => {
    await sari.toPhoneStep();
    expect(await blockedAt()).toBeNull();
    refuseMessages();
    // A wrong number: the conversation's answer is refused.
    await sari.say("12345");
    await eventually(async () => expect(await blockedAt()).toBeInstanceOf(Date));
    expect(h.logs.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  });

  it("is recorded when a reply of a command gets 403", async () => {
    await sari.say("/start");
    await sari.expect("Halo");
    refuseMessages();
    await sari.say("/saldo");
    await eventually(async () => expect(await blockedAt()).toBeInstanceOf(Date));
  });

  it("is recorded from Telegram's my_chat_member update also during a conversation, which does not take it as an answer", async () => {
    const prompt = await sari.toPhoneStep();
    const bot = { ...h.tg.botInfo, is_bot: true as const };
    h.tg.pushUpdate({
      my_chat_member: {
        chat: { id: sari.id, type: "private", first_name: "Merchant7301" },
        from: sari.user.user,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { user: bot, status: "member" },
        new_chat_member: { user: bot, status: "kicked", until_date: 0 },
      },
    });
    await eventually(async () => expect(await blockedAt()).toBeInstanceOf(Date));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sari.user.botMessages().filter((m) => m.message_id > prompt.message_id)).toEqual([]);
  });
});
