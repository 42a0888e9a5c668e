import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

describe("a merchant tops up Coin Premium with OVO", () => {
  it("goes from /start to a confirmed payment and a new balance", async () => {
    const sari = merchant(h, 1001, { first_name: "Sari" });
    await sari.say("/start");
    const greeting = await sari.expect("Halo, Sari");
    const menu = greeting.reply_markup?.inline_keyboard.flat().map((b) => b.text);
    expect(menu).toEqual(["💰 Top Up Coin Premium", "👛 Saldo", "🔄 Status Pembayaran", "🧾 History Pembayaran", "❓ Bantuan"]);

    const sent = await sari.topup({ amount: "Rp100.000", phone: "0812-3456-7890" });
    expect(sent.text).toContain("Konfirmasi Pembayaran");
    expect(sent.text).toContain("0812****7890");
    expect(sent.text).toContain("60 detik");
    expect(sent.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain("🔄 Status Pembayaran");

    const [charge] = h.xendit.charges();
    expect(charge).toMatchObject({
      status: "PENDING",
      charge_amount: 100_000,
      currency: "IDR",
      channel_code: "ID_OVO",
      channel_properties: { mobile_number: "+6281234567890" },
      metadata: { merchant_id: "1001" },
    });

    await h.xendit.pay(charge!.id);
    const success = await sari.expect("Pembayaran berhasil");
    expect(success.text).toContain("Rp100.000");
    expect(success.text).toContain(charge!.reference_id);
    expect(success.text).toMatch(/Saldo Coin Premium: Rp100\.000/);

    await sari.say("/saldo");
    expect((await sari.expect("Saldo Coin Premium")).text).toContain("Rp100.000");
  });

  it("registers the command menu in Indonesian and English", async () => {
    const names = (lang?: string) => h.tg.myCommands(undefined, lang).map((c) => c.command);
    const expected = ["start", "topup", "saldo", "status", "riwayat", "bantuan", "batal", "language"];
    // Behind start-up: the menu is not waited for.
    await eventually(() => expect(names("en")).toEqual(expect.arrayContaining(expected)));
    expect(names()).toEqual(expect.arrayContaining(expected));
    expect(h.tg.myCommands(undefined, "en")[1]?.description).toMatch(/^Top up Coin Premium/);
  });

  it("speaks English to an English Telegram client and remembers /language across a restart", async () => {
    const john = merchant(h, 1002, { first_name: "John", language_code: "en" });
    await john.say("/start");
    await john.expect("Hello, John");
    await john.say("/language");
    await john.press(await john.expect("Choose a language"), "🇮🇩 Bahasa Indonesia");
    await john.expect("Bahasa diganti");
    await h.restart();
    await john.say("/saldo");
    await john.expect("Saldo Coin Premium");
  });

  it("takes a double tap on a language button quietly", async () => {
    const john = merchant(h, 1004, { first_name: "John", language_code: "en" });
    await john.say("/language");
    const prompt = await john.expect("Choose a language");
    await john.press(prompt, "🇮🇩 Bahasa Indonesia");
    await john.expect("Bahasa diganti");
    // The second tap of a double tap arrives after the buttons were taken away.
    await john.user.craftCallback("lang:id", prompt.message_id);
    await eventually(() => expect(john.user.callbackAnswers).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(john.count("Maaf, terjadi kesalahan")).toBe(0);
    expect(john.count("Bahasa diganti")).toBe(1);
  });

  it("offers the last number used as a button next time", async () => {
    const sari = merchant(h, 1003);
    await sari.topup({ phone: "081234567890" });
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.expect("Pembayaran berhasil");

    await sari.toPhoneStep({ amount: "Rp50.000" });
    const keyboard = sari.user.replyKeyboard();
    const labels = JSON.stringify(keyboard);
    expect(labels).toContain("Pakai nomor terakhir 0812****7890");
    expect(labels).toContain("request_contact");
    await sari.say("Pakai nomor terakhir 0812****7890");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    await eventually(() => expect(h.xendit.charges()[1]?.channel_properties.mobile_number).toBe("+6281234567890"));
  });
});
