import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 6001);
});
afterEach(async () => {
  await h.close();
});

const outbox = () => h.table("outbox");

describe("payment notifications go through the outbox", () => {
  it("are retried through 5xx and 429 until delivered, exactly once", async () => {
    await sari.topup();
    h.tg.injectFault({ method: "sendMessage", chatId: sari.id, status: 500, times: 3 });
    h.tg.injectFault({ method: "sendMessage", chatId: sari.id, status: 429, retryAfter: 30, times: 1 });
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await eventually(async () => expect((await outbox())[0]).toMatchObject({ status: "pending", attempts: attempt }));
      if (attempt < 4) h.clock.advance(1_000);
    }
    expect((await outbox())[0]?.lastError).toMatch(/Too Many Requests/);
    expect(sari.count("Pembayaran berhasil")).toBe(0);
    h.clock.advance(29_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sari.count("Pembayaran berhasil")).toBe(0);
    h.clock.advance(1_000);
    await sari.expect("Pembayaran berhasil");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sari.count("Pembayaran berhasil")).toBe(1);
    expect((await outbox())).toEqual([expect.objectContaining({ status: "sent" })]);
  });

  it("survive a restart while Telegram is down", async () => {
    await sari.topup();
    const fault = h.tg.injectFault({ method: "sendMessage", status: 502, times: Infinity });
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await eventually(async () => expect((await outbox())[0]?.attempts).toBeGreaterThan(0));
    await h.stopApp();
    fault.remove();
    await h.restart();
    h.clock.advance(60_000);
    await sari.expect("Pembayaran berhasil");
    expect(sari.count("Pembayaran berhasil")).toBe(1);
  });

  it("go out within 5 s (app time) of a long Telegram outage ending", async () => {
    await sari.topup();
    const outage = h.tg.injectFault({ method: "sendMessage", status: 502, times: Infinity });
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await eventually(async () => expect((await outbox())[0]?.attempts).toBeGreaterThan(0));
    const step = async (ms: number) => {
      h.clock.advance(ms);
      await new Promise((resolve) => setTimeout(resolve, 40));
    };
    // Two minutes of 502s, the dispatcher backing off all along.
    for (let elapsed = 0; elapsed < 120_000; elapsed += 4_000) await step(4_000);
    // The outage ends right after a failed attempt: the longest wait for the next one.
    const attempts = (await outbox())[0]!.attempts;
    while ((await outbox())[0]!.attempts === attempts) await step(500);
    outage.remove();
    const endedAt = h.clock.now().getTime();
    while (sari.count("Pembayaran berhasil") === 0 && h.clock.now().getTime() - endedAt < 10_000) await step(250);
    expect(sari.count("Pembayaran berhasil")).toBe(1);
    expect(h.clock.now().getTime() - endedAt).toBeLessThanOrEqual(5_000);
  });

  it("give up on a merchant who blocked the bot and mark them blocked", async () => {
    await sari.topup();
    h.tg.setBlocked(sari.id, true);
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await eventually(async () => expect((await outbox())[0]?.status).toBe("dead"));
    expect((await h.app.services.merchants.get(sari.id))?.blockedAt).toBeInstanceOf(Date);
    h.tg.setBlocked(sari.id, false);
    await sari.say("/start");
    await sari.expect("Halo");
    expect((await h.app.services.merchants.get(sari.id))?.blockedAt).toBeNull();
  });
});

describe("two merchants at once", () => {
  it("never see each other's payments or balances", async () => {
    const ani = merchant(h, 6002, { first_name: "Ani" });
    const budi = merchant(h, 6003, { first_name: "Budi", language_code: "en" });
    const [aniSent, budiSent] = await Promise.all([
      ani.topup({ amount: "Rp50.000", phone: "081111111111" }),
      budi.topup({ amount: "Rp500.000", phone: "082222222222" }),
    ]);
    expect(aniSent.text).toContain("Konfirmasi Pembayaran");
    expect(budiSent.text).toContain("notification was sent");
    const chargeOf = (phone: string) => h.xendit.charges().find((c) => c.channel_properties.mobile_number === phone)!;
    await Promise.all([h.xendit.pay(chargeOf("+6281111111111").id), h.xendit.pay(chargeOf("+6282222222222").id)]);
    expect((await ani.expect("Pembayaran berhasil")).text).toContain("Saldo Coin Premium: Rp50.000");
    expect((await budi.expect("Payment successful")).text).toContain("Coin Premium balance: Rp500.000");

    await ani.say("/status");
    const aniStatus = await ani.expect("Status Pembayaran");
    expect(aniStatus.text).toContain("Rp50.000");
    expect(aniStatus.text).not.toContain("Rp500.000");
    const everything = (m: Merchant) => m.user.botMessages().map((x) => x.text ?? "").join("\n");
    expect(everything(ani)).not.toMatch(/0822|Rp500\.000/);
    expect(everything(budi)).not.toMatch(/0811|Rp50\.000\b/);
  });
});
