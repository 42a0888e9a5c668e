import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";
import { paidTopup } from "./helpers/payments.js";
import { extractPdfText } from "./helpers/pdf.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ config: { payments: { checkAfterSeconds: 70, maxChargesPerPhonePerHour: 1_000, maxChargesPerPhonePerHourTotal: 1_000 } } });
});
afterEach(async () => {
  await h.close();
});

async function registered(id: number, options: Parameters<typeof merchant>[2] = {}) {
  const m = merchant(h, id, options);
  await m.say("/start");
  await m.expect("Halo");
  return m;
}

const buttons = (message: { reply_markup?: { inline_keyboard: { text: string }[][] } }) =>
  message.reply_markup?.inline_keyboard.flat().map((b) => b.text) ?? [];

describe("History Pembayaran", () => {
  it("says so when there is nothing yet, and offers Top Up", async () => {
    const sari = await registered(8001);
    await sari.say("/riwayat");
    const empty = await sari.expect("Belum ada pembayaran");
    expect(buttons(empty)).toEqual(["💰 Top Up Coin Premium"]);
  });

  it.each([
    [1, [1]],
    [5, [5]],
    [6, [5, 1]],
    [23, [5, 5, 5, 5, 3]],
  ])("pages %i payments five at a time, editing one message", async (count, pageSizes) => {
    const sari = await registered(8002);
    for (let n = 0; n < count; n++) await paidTopup(h, sari, 10_000 + n * 1_000, n);
    await sari.say("/riwayat");
    const first = await sari.expect("History Pembayaran");
    let message = first;
    for (const [page, size] of pageSizes.entries()) {
      expect(message.text).toContain(`(halaman ${page + 1}/${pageSizes.length})`);
      const itemButtons = buttons(message).filter((b) => b.includes("Rp"));
      expect(itemButtons).toHaveLength(size);
      expect(buttons(message).includes("◀")).toBe(page > 0);
      expect(buttons(message).includes("▶")).toBe(page < pageSizes.length - 1);
      if (page < pageSizes.length - 1) {
        await sari.press(message, "▶");
        message = await sari.user.waitForEdit(first.message_id, (m) => (m.text ?? "").includes(`halaman ${page + 2}/`));
      }
    }
    // Newest first: the last payment made is item 1 on page 1.
    expect(first.text).toMatch(new RegExp(`1\\.[^\\n]*WIB\\s+Rp${((10 + count - 1) * 1000).toLocaleString("id-ID")}`));
    expect(first.text).toContain("OVO 0812****7890 · ✅ Berhasil");
    expect(sari.user.botMessages().filter((m) => (m.text ?? "").includes("History Pembayaran"))).toHaveLength(1);
  });

  it("shows details and sends the Invoice Coin Premium PDF, the same document every time", async () => {
    const sari = await registered(8003, { first_name: "Sari", last_name: "Wulandari", username: "sariw" });
    await sari.say("/toko Toko Sembako Berkah");
    await sari.expect("Nama toko disimpan");
    await paidTopup(h, sari, 100_000, 1);
    const success = await sari.expect("Pembayaran berhasil");
    expect(buttons(success)).toContain("🧾 Invoice");

    await sari.say("/riwayat");
    const list = await sari.expect("History Pembayaran");
    await sari.press(list, buttons(list).find((b) => b.includes("Rp100.000"))!);
    const detail = await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes("Detail pembayaran"));
    const topup = (await h.app.services.topups.latest(sari.id))!;
    expect(detail.text).toContain(topup.referenceId);
    expect(detail.text).toContain("0812****7890");
    expect(detail.text).toContain("✅ Berhasil");
    expect(detail.text).toMatch(/Invoice: INV\/CP\/202611\/000001/);

    await sari.press(detail, "🧾 Invoice");
    const document = await sari.expect("Invoice Coin Premium INV/CP/202611/000001");
    expect(document.document?.file_name).toBe("INV-CP-202611-000001.pdf");
    const bytes = h.tg.getFile(document.document!.file_id).bytes;
    const { pages, text } = await extractPdfText(bytes);
    expect(pages).toBe(1);
    for (const field of [
      "INVOICE COIN PREMIUM",
      "LUNAS",
      "Kasir Pintar",
      "Jl. Merdeka 1, Jakarta",
      "Sari Wulandari",
      "Toko Sembako Berkah",
      "@sariw",
      "INV/CP/202611/000001",
      "WIB",
      "Coin Premium",
      "Rp100.000",
      "Metode pembayaran OVO 0812****7890",
      "0812****7890",
      topup.referenceId,
      topup.chargeId!,
    ]) {
      expect(text).toContain(field);
    }
    expect(text).toMatch(/Saldo Coin Premium setelah top up: Rp100\.000/);

    // Again from the success message: Telegram's file_id of the first upload, not a new rendering.
    await sari.press(success, "🧾 Invoice");
    const again = await sari.expect("Invoice Coin Premium INV/CP/202611/000001");
    expect(again.document?.file_id).toBe(document.document?.file_id);
    const uploads = await eventually(() => {
      expect(h.tg.callsFor("sendDocument")).toHaveLength(2);
      return h.tg.callsFor("sendDocument");
    });
    expect(uploads[1]?.params.document).toBe(document.document?.file_id);
  });

  it("writes the invoice in English for an English merchant", async () => {
    const john = merchant(h, 8004, { first_name: "John", language_code: "en" });
    await john.say("/start");
    await john.expect("Hello");
    await paidTopup(h, john, 50_000, 1);
    await john.press(await john.expect("Payment successful"), "🧾 Invoice");
    const document = await john.expect("Invoice Coin Premium");
    const { text } = await extractPdfText(h.tg.getFile(document.document!.file_id).bytes);
    expect(text).toContain("PAID");
    expect(text).toContain("Rp50.000");
  });

  it("a merchant name with emoji, Arabic and Chinese letters renders", async () => {
    const m = merchant(h, 8005, { first_name: "Toko 😀 مرحبا 你好", last_name: "Sari" });
    await m.say("/start");
    await m.expect("Halo");
    await paidTopup(h, m, 100_000, 1);
    await m.press(await m.expect("Pembayaran berhasil"), "🧾 Invoice");
    const document = await m.expect("Invoice Coin Premium");
    const { pages, text } = await extractPdfText(h.tg.getFile(document.document!.file_id).bytes);
    expect(pages).toBe(1);
    expect(text).toContain("Toko");
    expect(text).toContain("Sari");
    expect(text).toContain("Rp100.000");
  });

  it("takes a double tap on ◀ ▶ or on a payment quietly (the second edit would change nothing)", async () => {
    const sari = await registered(8008);
    for (let n = 0; n < 6; n++) await paidTopup(h, sari, 10_000 + n * 1_000, n);
    await sari.say("/riwayat");
    const list = await sari.expect("History Pembayaran");
    await sari.press(list, "▶");
    await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes("halaman 2/2"));
    // The same tap again, as Telegram delivers it when the finger is faster than the edit.
    await sari.user.craftCallback("hist:p:1", list.message_id);
    const topupId = (await h.app.services.topups.latest(sari.id))!.id;
    await sari.user.craftCallback(`hist:d:${topupId}:0`, list.message_id);
    await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes("Detail pembayaran"));
    await sari.user.craftCallback(`hist:d:${topupId}:0`, list.message_id);
    await eventually(() => expect(sari.user.callbackAnswers).toHaveLength(4));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sari.count("Maaf, terjadi kesalahan")).toBe(0);
  });

  it("refuses another merchant's payment or invoice without revealing anything", async () => {
    const sari = await registered(8006);
    await paidTopup(h, sari, 100_000, 1);
    await sari.expect("Pembayaran berhasil");
    const topupId = (await h.app.services.topups.latest(sari.id))!.id;
    const mallory = await registered(8007);
    const own = mallory.user.lastBotMessage()!.message_id;
    for (const data of [`inv:${topupId}`, `hist:d:${topupId}:0`]) await mallory.user.craftCallback(data, own);
    await eventually(() => expect(mallory.user.callbackAnswers).toHaveLength(2));
    expect(mallory.user.callbackAnswers.map((a) => a.text)).toEqual(["Invoice tidak ditemukan.", "Tombol ini sudah tidak berlaku."]);
    expect(h.tg.callsFor("sendDocument")).toHaveLength(0);
    expect(mallory.user.botMessages().map((m) => m.text).join()).not.toContain("Rp100.000");
  });
});

describe("invoice numbers", () => {
  it("are sequential per month with no gap or duplicate under 50 concurrent confirmations", async () => {
    const charges: string[] = [];
    for (let n = 0; n < 50; n++) {
      const m = merchant(h, 9000 + n);
      await h.app.services.merchants.register({ id: m.id, chatId: m.id, firstName: `M${n}` });
      const result = await h.app.services.topups.start({ method: "OVO", merchantId: m.id, amount: 10_000 + n, phone: "+6281234567890", requestKey: `c-${n}` });
      if (result.kind !== "pending") throw new Error(result.kind);
      charges.push(result.topup.chargeId!);
    }
    await Promise.all(charges.map((id) => h.xendit.pay(id)));
    const numbers = (await h.table("invoices")).map((r) => r.number);
    expect(numbers).toHaveLength(50);
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `INV/CP/202611/${String(i + 1).padStart(6, "0")}`));
  });

  it("start again at 1 in a new month (WIB)", async () => {
    const sari = await registered(8010);
    await paidTopup(h, sari, 10_000, 1);
    h.clock.advance(5 * 24 * 3_600_000);
    await paidTopup(h, sari, 20_000, 2);
    const numbers = (await h.table("invoices")).map((r) => r.number);
    expect(numbers).toEqual(["INV/CP/202611/000001", "INV/CP/202612/000001"]);
  });

  it("an Invoice button works in the middle of a top-up, which then goes on", async () => {
    const sari = await registered(8011);
    await paidTopup(h, sari, 100_000, 1);
    const success = await sari.expect("Pembayaran berhasil");
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "Rp50.000");
    const method = await sari.expect("Pilih metode");
    await sari.press(success, "🧾 Invoice");
    await sari.expect("Invoice Coin Premium INV/CP/202611/000001");
    await sari.press(method, "E-Wallet");
    await sari.press(method, "OVO");
    expect((await sari.expect("Ringkasan")).text).toContain("Rp50.000");
  });
});
