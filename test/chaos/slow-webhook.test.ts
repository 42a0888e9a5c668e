/**
 * Webhook mode answers Telegram only when the update's handler has finished, however long it takes (here an OK
 * waiting 10 s on Xendit's create): answering earlier, as grammY's webhookCallback did after 9 s, would let the
 * chat's next update start beside it, on this instance or another.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../helpers/harness.js";
import { merchant } from "../helpers/merchant.js";
import { TelegramFront } from "../helpers/telegram-front.js";

const CREATE_DELAY_MS = 10_000;

let h: Harness;
let front: TelegramFront;
afterEach(async () => {
  await h.close();
  await front.close();
});

describe("a webhook update whose handler takes longer than 9 s", () => {
  it("is answered 200 only after the handler finished", async () => {
    front = await TelegramFront.start();
    h = await startHarness({
      config: { botMode: "webhook", port: 0, publicUrl: front.url, telegramWebhookSecret: "webhook-secret-0123456789", xendit: { timeoutMs: 15_000 } },
    });
    front.targets = [h.baseUrl];
    const sari = merchant(h, 9701);
    await sari.toPhoneStep();
    await sari.say("0812-3456-7890");
    const ok = await sari.expect("Tekan OK");
    h.xendit.injectFault({ op: "create", delayMs: CREATE_DELAY_MS });
    // The emulator gives up on a webhook after 10 s; this one waits as long as the instance takes.
    let answered: Promise<{ status: number; at: number }> | undefined;
    front.route = (update, forward) => {
      if (update.callback_query) answered = forward(0).then((status) => ({ status, at: Date.now() }));
      return Promise.resolve(200);
    };
    const pressedAt = Date.now();
    await sari.press(ok, "OK");
    await sari.expect("Konfirmasi Pembayaran", CREATE_DELAY_MS + 5_000);

    const answer = await answered!;
    const confirmation = h.tg.callsFor("sendMessage").find((call) => /Konfirmasi Pembayaran/.test(String(call.params.text)))!;
    expect(answer.status).toBe(200);
    expect(answer.at - pressedAt).toBeGreaterThanOrEqual(CREATE_DELAY_MS);
    expect(answer.at).toBeGreaterThanOrEqual(confirmation.at);
  });
});
