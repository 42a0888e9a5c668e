import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/emulators/telegram/index.js";
import { qrPng } from "../src/bot/qris.js";
import { formatWib } from "../src/format.js";
import { eventually, startHarness, type Harness, type HarnessOptions } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

const buttons = (message: ChatMessage) => message.reply_markup?.inline_keyboard.flat() ?? [];
const labels = (message: ChatMessage) => buttons(message).map((b) => b.text);
const current = (m: Merchant, message: ChatMessage) => m.user.messages().find((x) => x.message_id === message.message_id)!;
const latestTopup = async (m: Merchant) => (await h.app.services.topups.latest(m.id))!;
const onlyRequest = () => {
  const requests = h.xendit.paymentRequests();
  expect(requests).toHaveLength(1);
  return requests[0]!;
};

async function answerTo(m: Merchant, queryId: string): Promise<string | undefined> {
  return eventually(() => {
    const answer = m.user.callbackAnswers.find((a) => a.id === queryId);
    expect(answer).toBeDefined();
    return answer!.text;
  });
}

/** /start, then the menu's Top Up and an amount button: the taps every first top-up begins with. */
async function fromMenu(m: Merchant, amount = "Rp100.000"): Promise<ChatMessage> {
  await m.say("/start");
  await m.press(await m.expect("Halo"), "💰 Top Up Coin Premium");
  await m.press(await m.expect("Pilih nominal"), amount);
  return m.expect("Pilih metode pembayaran");
}

describe("QRIS", () => {
  it("menu → amount → QRIS → Lanjutkan (4 taps): the QR as a photo with the amount, merchant name and expiry in WIB; scanning it pays", async () => {
    await start();
    const sari = merchant(h, 7001, { first_name: "Sari" });
    const method = await fromMenu(sari);
    expect(labels(method)).toEqual(["E-Wallet", "QRIS", "Virtual Account", "✖️ Batal"]);
    await sari.press(method, "QRIS");
    const summary = await sari.expect("Ringkasan top up");
    expect(summary.text).toContain("Metode: QRIS");
    await sari.press(summary, "✅ Lanjutkan");
    const qr = await sari.expect("QRIS · Top Up Coin Premium");
    expect(sari.taps).toBe(4);

    const request = onlyRequest();
    expect(request).toMatchObject({ channel_code: "QRIS", request_amount: 100_000, status: "ACCEPTING_PAYMENTS" });
    const qrString = request.actions[0]!.value;
    const topup = await latestTopup(sari);
    expect(topup.expiresAt!.getTime() - topup.createdAt.getTime()).toBe(30 * 60_000);
    expect(qr.photo).toBeDefined();
    expect(qr.caption).toContain("Nominal: Rp100.000");
    expect(qr.caption).toContain("Nama merchant: KASIR PINTAR COIN PREMIUM");
    expect(qr.caption).toContain(`Berlaku sampai: ${formatWib(topup.expiresAt!)}`);
    expect(qr.caption).toContain("Scan QR ini dengan aplikasi bank atau e-wallet apa pun");
    expect(labels(qr)).toEqual(["🔄 Status Pembayaran", "✖️ Batalkan"]);
    // The picture is the gateway's string, rendered here.
    expect(h.tg.getFile(qr.photo!.at(-1)!.file_id).bytes.equals(await qrPng(qrString))).toBe(true);
    await eventually(async () => expect((await latestTopup(sari)).promptMessageId).toBe(qr.message_id));

    await h.xendit.payQr(qrString);
    const paid = await sari.expect("Pembayaran berhasil");
    expect(paid.text).toContain("Rp100.000");
  });

  it("a payment quicker than the QR's message: the QR goes at once, the success notice stays", async () => {
    await start();
    const sari = merchant(h, 7019);
    // The photo waits out a flood limit (auto-retry, 1 s), long enough for the payer to scan the code meanwhile.
    h.tg.injectFault({ method: "sendPhoto", chatId: sari.id, status: 429, retryAfter: 1, times: 1 });
    await sari.chooseMethod(await sari.toMethodStep(), "QRIS");
    await eventually(() => expect(h.tg.callsFor("sendPhoto")).toHaveLength(1));
    await h.xendit.payQr(onlyRequest().actions[0]!.value);
    await sari.expect("Pembayaran berhasil");
    const qr = await eventually(() => {
      const photo = sari.user.messages().find((m) => m.photo !== undefined);
      expect(photo?.deleted).toBe(true);
      return photo!;
    });
    expect(h.tg.callsFor("sendPhoto").filter((call) => call.ok)).toHaveLength(1);
    expect(await latestTopup(sari)).toMatchObject({ status: "succeeded", promptMessageId: qr.message_id });
  });
});

describe("OVO", () => {
  it("a first top-up from the menu: 6 taps plus typing the number", async () => {
    await start();
    const sari = merchant(h, 7023);
    const method = await fromMenu(sari);
    await sari.chooseMethod(method, "E-Wallet", "OVO");
    await sari.expect("Masukkan nomor HP aktif");
    await sari.say("0812-3456-7890");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    expect(sari.taps).toBe(6);
    expect(h.xendit.charges()).toEqual([expect.objectContaining({ charge_amount: 100_000, channel_code: "ID_OVO" })]);
  });
});

describe("virtual account", () => {
  it("Virtual Account → BCA: the number as code with a copy button, the exact amount, the expiry and how to pay; a transfer pays", async () => {
    await start();
    const sari = merchant(h, 7002);
    const method = await sari.toMethodStep();
    await sari.press(method, "Virtual Account");
    await eventually(() => expect(current(sari, method).text).toContain("Pilih bank"));
    expect(labels(current(sari, method))).toEqual(["BCA", "BNI", "BRI", "Mandiri", "Permata", "◀️ Kembali", "✖️ Batal"]);
    await sari.chooseMethod(method, "BCA");
    const va = await sari.expect("Virtual Account BCA");

    const request = onlyRequest();
    expect(request).toMatchObject({ channel_code: "BCA_VIRTUAL_ACCOUNT", request_amount: 100_000 });
    const number = request.actions[0]!.value;
    const topup = await latestTopup(sari);
    expect(va.text).toContain(`Nomor VA: ${number}`);
    expect(va.entities).toContainEqual(expect.objectContaining({ type: "code", offset: va.text!.indexOf(number), length: number.length }));
    expect(va.text).toContain("Transfer tepat Rp100.000");
    expect(va.text).toContain(`Berlaku sampai: ${formatWib(topup.expiresAt!)}`);
    expect(va.text).toContain("ATM BCA");
    expect(va.text).toContain("m-BCA");
    expect(buttons(va)[0]).toEqual({ text: "📋 Salin nomor VA", copy_text: { text: number } });
    expect(labels(va).slice(1)).toEqual(["🔄 Status Pembayaran", "✖️ Batalkan"]);
    await eventually(async () => expect((await latestTopup(sari)).promptMessageId).toBe(va.message_id));

    await h.xendit.payVa(number);
    await sari.expect("Pembayaran berhasil");
  });

  it("◀️ Kembali goes back to the groups", async () => {
    await start();
    const sari = merchant(h, 7003);
    const method = await sari.toMethodStep();
    await sari.press(method, "Virtual Account");
    await sari.press(method, "◀️ Kembali");
    await eventually(() => expect(current(sari, method).text).toContain("Pilih metode pembayaran"));
    await sari.chooseMethod(method, "QRIS");
    await sari.expect("QRIS · Top Up Coin Premium");
  });
});

describe("redirect e-wallets", () => {
  it("E-Wallet → DANA: a button opens the checkout, which returns to the bot's chat; approving it pays", async () => {
    await start();
    const sari = merchant(h, 7004);
    const method = await sari.toMethodStep();
    await sari.press(method, "E-Wallet");
    await eventually(() => expect(labels(current(sari, method))).toEqual(["OVO", "DANA", "ShopeePay", "LinkAja", "◀️ Kembali", "✖️ Batal"]));
    await sari.chooseMethod(method, "DANA");
    const prompt = await sari.expect("Bayar dengan DANA");

    const request = onlyRequest();
    expect(request).toMatchObject({ channel_code: "DANA", status: "REQUIRES_ACTION" });
    expect(request.channel_properties).toMatchObject({ success_return_url: "https://t.me/test_bot", failure_return_url: "https://t.me/test_bot" });
    const topup = await latestTopup(sari);
    expect(prompt.text).toContain("Rp100.000");
    expect(prompt.text).toContain(`Berlaku sampai: ${formatWib(topup.expiresAt!)}`);
    expect(buttons(prompt)).toEqual([
      { text: "Bayar dengan DANA", url: request.actions[0]!.value },
      { text: "✖️ Batalkan", callback_data: `pay:cancel:${topup.id}` },
    ]);

    await h.xendit.approveCheckout(request.payment_request_id);
    await sari.expect("Pembayaran berhasil");
  });
});

describe("a method's limits", () => {
  it("15.000.000: e-wallets and QRIS are shown with their maximum and a press says why; a virtual account takes it", async () => {
    await start();
    const sari = merchant(h, 7005);
    const method = await sari.toMethodStep({ typed: "15jt" });
    expect(labels(method)).toEqual(["E-Wallet — maks. Rp10.000.000", "QRIS — maks. Rp10.000.000", "Virtual Account", "✖️ Batal"]);
    const refused = await sari.press(method, "QRIS — maks. Rp10.000.000");
    expect(await answerTo(sari, refused)).toBe("QRIS menerima paling banyak Rp10.000.000 per pembayaran. Pilih metode lain atau nominal yang lebih kecil.");
    const ewallets = await sari.press(method, "E-Wallet — maks. Rp10.000.000");
    expect(await answerTo(sari, ewallets)).toContain("E-Wallet menerima paling banyak Rp10.000.000");
    // Still the same step, buttons and all.
    expect(labels(current(sari, method))).toHaveLength(4);
    expect(h.xendit.paymentRequests()).toHaveLength(0);

    await sari.chooseMethod(method, "Virtual Account", "Mandiri");
    const va = await sari.expect("Virtual Account Mandiri");
    expect(va.text).toContain("Transfer tepat Rp15.000.000");
    expect(va.text).toContain("Livin' by Mandiri");
    expect(onlyRequest()).toMatchObject({ channel_code: "MANDIRI_VIRTUAL_ACCOUNT", request_amount: 15_000_000 });
  });

  it("above every method's maximum the amount itself is refused, naming the maximum", async () => {
    await start();
    const sari = merchant(h, 7006);
    await sari.say("/topup");
    await sari.expect("Pilih nominal");
    await sari.say("60jt");
    await sari.expect("Nominal maksimal Rp50.000.000");
  });
});

describe("PAYMENT_METHODS", () => {
  it("QRIS alone: the amount step's limits are QRIS's and the method step offers only QRIS", async () => {
    await start({ config: { payments: { methods: ["QRIS"] } } });
    const sari = merchant(h, 7007);
    await sari.say("/topup");
    await sari.expect("Pilih nominal");
    await sari.say("20jt");
    await sari.expect("Nominal maksimal Rp10.000.000");
    await sari.say("100rb");
    const method = await sari.expect("Pilih metode pembayaran");
    expect(labels(method)).toEqual(["QRIS", "✖️ Batal"]);
    await sari.chooseMethod(method, "QRIS");
    await sari.expect("QRIS · Top Up Coin Premium");
  });

  it("one method in a group: the group's button names it and there is no second step", async () => {
    await start({ config: { payments: { methods: ["OVO", "BCA_VA"] } } });
    const sari = merchant(h, 7008);
    const method = await sari.toMethodStep();
    expect(labels(method)).toEqual(["OVO", "BCA Virtual Account", "✖️ Batal"]);
    await sari.chooseMethod(method, "OVO");
    await sari.expect("Masukkan nomor HP aktif");
  });
});

describe("Batalkan", () => {
  it("cancels the QR at the gateway: answered, its buttons go, the top-up ends as cancelled", async () => {
    await start();
    const sari = merchant(h, 7009);
    await sari.chooseMethod(await sari.toMethodStep(), "QRIS");
    const qr = await sari.expect("QRIS · Top Up Coin Premium");
    const query = await sari.press(qr, "✖️ Batalkan");
    expect(await answerTo(sari, query)).toBe("Dibatalkan; kode lama tidak berlaku lagi.");
    expect(onlyRequest().status).toBe("CANCELED");
    expect(await latestTopup(sari)).toMatchObject({ status: "expired", failureCode: "CANCELLED" });
    await eventually(() => expect(current(sari, qr).reply_markup).toBeUndefined());
    await sari.expect("dibatalkan");
  });

  it("a QR paid before the press is not cancelled: the merchant is told, and it is credited", async () => {
    await start();
    const sari = merchant(h, 7010);
    await sari.chooseMethod(await sari.toMethodStep(), "QRIS");
    const qr = await sari.expect("QRIS · Top Up Coin Premium");
    // The webhook is still on its way when the merchant presses Batalkan.
    await h.xendit.payQr(onlyRequest().actions[0]!.value, { callback: false });
    const query = await sari.press(qr, "✖️ Batalkan");
    expect(await answerTo(sari, query)).toContain("sudah diterima");
    await sari.expect("Pembayaran berhasil");
    expect(await latestTopup(sari)).toMatchObject({ status: "succeeded" });
  });

  it("a forged id, or another merchant's, is answered as a stale button and cancels nothing", async () => {
    await start();
    const sari = merchant(h, 7011);
    const budi = merchant(h, 7012);
    await sari.chooseMethod(await sari.toMethodStep(), "QRIS");
    await sari.expect("QRIS · Top Up Coin Premium");
    const { id } = await latestTopup(sari);
    expect(await answerTo(budi, await budi.user.craftCallback(`pay:cancel:${id}`))).toBe("Tombol ini sudah tidak berlaku.");
    expect(await answerTo(sari, await sari.user.craftCallback("pay:cancel:999"))).toBe("Tombol ini sudah tidak berlaku.");
    expect(onlyRequest().status).toBe("ACCEPTING_PAYMENTS");
    expect((await latestTopup(sari)).status).toBe("pending");
  });
});

describe("Top up lagi", () => {
  it("OVO: the menu's repeat button, then Bayar — 2 taps to the push, to the same number", async () => {
    await start();
    const sari = merchant(h, 7013);
    await sari.topup({ phone: "0812-3456-7890" });
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.expect("Pembayaran berhasil");

    await sari.say("/start");
    const menu = await sari.expect("Halo");
    expect(labels(menu)[0]).toBe("🔁 Top up lagi Rp100.000 · OVO 0812****7890");
    sari.taps = 0;
    await sari.press(menu, "🔁 Top up lagi Rp100.000 · OVO 0812****7890");
    const summary = await sari.expect("Top up lagi");
    expect(summary.text).toContain("Metode: OVO 0812****7890");
    expect(labels(summary)).toEqual(["✅ Bayar", "✏️ Ubah", "✖️ Batal"]);
    await sari.press(summary, "✅ Bayar");
    await sari.expect("Konfirmasi Pembayaran");
    expect(sari.taps).toBeLessThanOrEqual(3);
    expect(h.xendit.charges()).toHaveLength(2);
    expect(h.xendit.charges()[1]).toMatchObject({ charge_amount: 100_000, channel_properties: { mobile_number: "+6281234567890" } });
  });

  it("from the success notice: its Top up lagi button, then Bayar", async () => {
    await start();
    const sari = merchant(h, 7024);
    await sari.chooseMethod(await sari.toMethodStep(), "Virtual Account", "BNI");
    await sari.expect("Virtual Account BNI");
    await h.xendit.payVa(onlyRequest().actions[0]!.value);
    const notice = await sari.expect("Pembayaran berhasil");
    sari.taps = 0;
    await sari.press(notice, "🔁 Top up lagi");
    const summary = await sari.expect("Top up lagi");
    expect(summary.text).toContain("Metode: BNI Virtual Account");
    await sari.press(summary, "✅ Bayar");
    await sari.expect("Virtual Account BNI");
    expect(sari.taps).toBe(2);
    expect(h.xendit.paymentRequests()[1]).toMatchObject({ channel_code: "BNI_VIRTUAL_ACCOUNT", request_amount: 100_000 });
  });

  it("QRIS: menu → Bayar gives a new QR", async () => {
    await start();
    const sari = merchant(h, 7014);
    await sari.chooseMethod(await sari.toMethodStep({ amount: "Rp250.000" }), "QRIS");
    await sari.expect("QRIS · Top Up Coin Premium");
    await h.xendit.payQr(onlyRequest().actions[0]!.value);
    await sari.expect("Pembayaran berhasil");

    await sari.say("/start");
    const menu = await sari.expect("Halo");
    sari.taps = 0;
    await sari.press(menu, "🔁 Top up lagi Rp250.000 · QRIS");
    await sari.press(await sari.expect("Top up lagi"), "✅ Bayar");
    const qr = await sari.expect("QRIS · Top Up Coin Premium");
    expect(sari.taps).toBeLessThanOrEqual(3);
    expect(qr.caption).toContain("Rp250.000");
    const requests = h.xendit.paymentRequests();
    expect(requests).toHaveLength(2);
    expect(requests[1]).toMatchObject({ channel_code: "QRIS", request_amount: 250_000 });
  });

  it("Ubah goes through the steps; a forged or foreign repeat and a method no longer offered are refused", async () => {
    await start();
    const sari = merchant(h, 7015);
    const budi = merchant(h, 7016);
    await sari.chooseMethod(await sari.toMethodStep(), "Virtual Account", "BRI");
    await sari.expect("Virtual Account BRI");
    await h.xendit.payVa(onlyRequest().actions[0]!.value);
    await sari.expect("Pembayaran berhasil");
    const paid = await latestTopup(sari);

    await sari.say("/start");
    const menu = await sari.expect("Halo");
    await sari.press(menu, "🔁 Top up lagi Rp100.000 · BRI VA");
    await sari.press(await sari.expect("Top up lagi"), "✏️ Ubah");
    await sari.expect("Pilih nominal");

    // Callback data is user input: another merchant's id, or none at all.
    await budi.say("/start");
    const budiMenu = await budi.expect("Halo");
    expect(await answerTo(budi, await budi.user.craftCallback(`rp:${paid.id}`, budiMenu.message_id))).toBe("Tombol ini sudah tidak berlaku.");
    expect(await answerTo(sari, await sari.user.craftCallback("rp:999", menu.message_id))).toBe("Tombol ini sudah tidak berlaku.");

    h.config.payments.methods = ["QRIS"];
    await h.restart();
    await sari.say("/start");
    const later = await sari.expect("Halo");
    expect(labels(later)[0]).toBe("💰 Top Up Coin Premium");
    const old = await sari.user.craftCallback(`rp:${paid.id}`, later.message_id);
    expect(await answerTo(sari, old)).toBe("Top up ini tidak bisa diulang lagi. Pilih 💰 Top Up Coin Premium di menu.");
    expect(h.xendit.paymentRequests()).toHaveLength(1);
  });
});

describe("in English", () => {
  it("the QR caption and the account's text", async () => {
    await start();
    const john = merchant(h, 7017, { language_code: "en" });
    const method = await john.toMethodStep();
    await john.chooseMethod(method, "QRIS");
    const qr = await john.expect("QRIS · Coin Premium top-up");
    expect(qr.caption).toContain("Merchant name: KASIR PINTAR COIN PREMIUM");
    expect(qr.caption).toContain("Scan this QR with any bank or e-wallet app");
    expect(labels(qr)).toEqual(["🔄 Payment Status", "✖️ Cancel payment"]);

    // Another top-up cancels the open QR first.
    await john.chooseMethod(await john.toMethodStep(), "Virtual Account", "Permata");
    const va = await john.expect("Permata virtual account");
    expect(va.text).toContain("Transfer exactly Rp100.000");
    expect(va.text).toContain("PermataMobile X");
    expect(buttons(va)[0]?.text).toBe("📋 Copy account number");
  });
});

describe("a restart in the middle", () => {
  it("keeps the steps: the QRIS top-up goes on after restarts at the method step and at the summary", async () => {
    await start();
    const sari = merchant(h, 7018);
    const method = await sari.toMethodStep({ amount: "Rp500.000" });
    await h.restart();
    await sari.press(method, "QRIS");
    const summary = await sari.expect("Ringkasan top up");
    await h.restart();
    await sari.press(summary, "✅ Lanjutkan");
    const qr = await sari.expect("QRIS · Top Up Coin Premium");
    expect(qr.caption).toContain("Rp500.000");
    expect(onlyRequest().request_amount).toBe(500_000);
  });
});

describe("when Xendit does not answer as hoped", () => {
  it("a QRIS create left unanswered: the merchant is told without naming OVO, and a second try waits for it", async () => {
    await start();
    const sari = merchant(h, 7020);
    h.xendit.injectFault({ op: "create", createThenHang: true });
    await sari.chooseMethod(await sari.toMethodStep(), "QRIS");
    const uncertain = await sari.expect("belum menjawab");
    expect(uncertain.text).toContain("Rp100.000 dengan QRIS");
    expect(uncertain.text).not.toContain("OVO");

    await sari.chooseMethod(await sari.toMethodStep(), "Virtual Account", "BNI");
    const open = await sari.expect("Masih ada pembayaran yang menunggu");
    expect(open.text).toContain("Rp100.000 dengan QRIS");
    expect(open.text).not.toContain("OVO");
    expect(h.xendit.paymentRequests()).toHaveLength(1);
  });

  it("a channel not activated for DANA: a clear answer naming DANA", async () => {
    await start();
    const sari = merchant(h, 7021);
    h.xendit.injectFault({ op: "create", status: 403, errorCode: "CHANNEL_NOT_ACTIVATED" });
    await sari.chooseMethod(await sari.toMethodStep(), "E-Wallet", "DANA");
    const answer = await sari.expect("tidak dapat diproses");
    expect(answer.text).toContain("Pembayaran dengan DANA");
    expect(answer.text).not.toMatch(/OVO|403|CHANNEL/);
  });

  it("an open OVO push is named when a QR is asked for meanwhile", async () => {
    await start();
    const sari = merchant(h, 7022);
    await sari.topup();
    await sari.chooseMethod(await sari.toMethodStep(), "QRIS");
    expect((await sari.expect("Masih ada pembayaran yang menunggu")).text).toContain("ke nomor 0812****7890");
    expect(h.xendit.paymentRequests()).toHaveLength(0);
  });
});
