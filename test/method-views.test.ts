import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InvoiceDocument } from "../src/invoices/document.js";
import type { MethodId } from "../src/payments/methods.js";
import { startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";
import { cancelled, openTopup, settle } from "./helpers/methods.js";
import { extractPdfText } from "./helpers/pdf.js";

let h: Harness;
let sari: Merchant;
let john: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 7201);
  john = merchant(h, 7202, { language_code: "en" });
  await sari.say("/start");
  await sari.expect("Halo");
  await john.say("/start");
  await john.expect("Hello");
});
afterEach(async () => {
  await h.close();
});

const methods: [MethodId, string][] = [
  ["OVO", "OVO 0812****7890"],
  ["DANA", "DANA"],
  ["SHOPEEPAY", "ShopeePay"],
  ["QRIS", "QRIS"],
  ["BCA_VA", "BCA Virtual Account"],
  ["PERMATA_VA", "Permata Virtual Account"],
];

/** One paid top-up of each method, a minute apart, newest last. */
async function paidOfEach(m: Merchant) {
  const paid = [];
  for (const [id] of methods) {
    const topup = await openTopup(h, m, id);
    expect(await settle(h, topup, "SUCCEEDED")).toBe("credited");
    paid.push(topup);
    h.clock.advance(60_000);
  }
  return paid;
}

describe("/status", () => {
  it.each(methods)("names the method of a waiting %s top-up", async (id, label) => {
    await openTopup(h, sari, id);
    await sari.say("/status");
    expect((await sari.expect("Status Pembayaran")).text).toMatch(new RegExp(`WIB · Rp100\\.000 · ${label.replaceAll("*", "\\*")} · ⏳ Menunggu$`));
  });

  it("names the method of the last payment, and a cancelled one is Dibatalkan, not Kedaluwarsa, in both languages", async () => {
    await settle(h, await openTopup(h, sari, "BCA_VA"), "SUCCEEDED");
    await sari.say("/status");
    expect((await sari.expect("Status Pembayaran")).text).toMatch(/Pembayaran terakhir:\n.*· Rp100\.000 · BCA Virtual Account · ✅ Berhasil$/);

    await cancelled(h, await openTopup(h, sari, "QRIS"));
    await sari.say("/status");
    expect((await sari.expect("Status Pembayaran")).text).toMatch(/Pembayaran terakhir:\n.*· QRIS · ✖️ Dibatalkan$/);

    await cancelled(h, await openTopup(h, john, "MANDIRI_VA"));
    await john.say("/status");
    expect((await john.expect("Payment status")).text).toMatch(/Last payment:\n.*· Mandiri Virtual Account · ✖️ Cancelled$/);

    await settle(h, await openTopup(h, sari, "DANA"), "EXPIRED");
    await sari.say("/status");
    expect((await sari.expect("Status Pembayaran")).text).toMatch(/· DANA · ⌛ Kedaluwarsa$/);
  });
});

describe("History Pembayaran", () => {
  it("lists each payment with its method, and the details name it (no OVO number for the others)", async () => {
    const paid = await paidOfEach(sari);
    await sari.say("/riwayat");
    const list = await sari.expect("History Pembayaran");
    const lines = [...list.text!.matchAll(/Rp100\.000 · (.+) · ✅ Berhasil/g)].map((match) => match[1]);
    // Newest first: five to a page.
    expect(lines).toEqual(methods.map(([, label]) => label).reverse().slice(0, 5));

    for (const [index, [, label]] of methods.entries()) {
      if (index === 0) continue; // on page 2
      await sari.user.craftCallback(`hist:d:${paid[index]!.id}:0`, list.message_id);
      const detail = await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes(paid[index]!.referenceId));
      expect(detail.text).toContain(`Metode: ${label}\nStatus: ✅ Berhasil`);
      expect(detail.text).not.toContain("Nomor OVO");
    }
  });

  it("shows a cancelled top-up as Dibatalkan with why, and an expired QR as such, in both languages", async () => {
    await cancelled(h, await openTopup(h, sari, "QRIS"));
    h.clock.advance(60_000);
    await settle(h, await openTopup(h, sari, "BNI_VA"), "EXPIRED");
    await sari.say("/riwayat");
    const list = await sari.expect("History Pembayaran");
    expect(list.text).toMatch(/Rp100\.000 · BNI Virtual Account · ⌛ Kedaluwarsa[\s\S]*Rp100\.000 · QRIS · ✖️ Dibatalkan/);
    const labels = list.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels.filter((l) => l.includes("Rp100.000"))).toEqual([expect.stringContaining("⌛ Kedaluwarsa"), expect.stringContaining("✖️ Dibatalkan")]);
    await sari.press(list, labels.find((l) => l.includes("Dibatalkan"))!);
    const detail = await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes("Detail pembayaran"));
    expect(detail.text).toContain("Metode: QRIS\nStatus: ✖️ Dibatalkan");
    expect(detail.text).toContain("Alasan: Top up dibatalkan; QR-nya tidak berlaku lagi.");

    await cancelled(h, await openTopup(h, john, "BRI_VA"));
    await john.say("/riwayat");
    const english = await john.expect("Payment History");
    expect(english.text).toContain("Rp100.000 · BRI Virtual Account · ✖️ Cancelled");
    await john.press(english, english.reply_markup!.inline_keyboard[0]![0]!.text);
    const englishDetail = await john.user.waitForEdit(english.message_id, (m) => (m.text ?? "").includes("Payment details"));
    expect(englishDetail.text).toContain("Method: BRI Virtual Account\nStatus: ✖️ Cancelled");
    expect(englishDetail.text).toContain("Reason: The top-up was cancelled; its virtual account number is no longer valid.");
  });
});

describe("the invoice PDF", () => {
  it.each(methods)("names the method paid with (%s), and stores the method, its channel and bank", async (id, label) => {
    const topup = await openTopup(h, sari, id);
    await settle(h, topup, "SUCCEEDED");
    await sari.press(await sari.expect("Pembayaran berhasil"), "🧾 Invoice");
    const document = await sari.expect("Invoice Coin Premium");
    const { text } = await extractPdfText(h.tg.getFile(document.document!.file_id).bytes);
    expect(text).toContain(`Metode pembayaran ${label} Referensi ${topup.referenceId}`);
    expect(text).not.toContain("E-Wallet OVO");
    expect(text).not.toContain("Nomor OVO");

    const invoice = (await h.app.services.invoices.findOwned(sari.id, topup.id))!;
    const content = invoice.content as InvoiceDocument;
    expect(content).toMatchObject({ paymentMethod: id, channelCode: topup.channelCode });
    expect(content.methodName).toBe({ OVO: "OVO", DANA: "DANA", SHOPEEPAY: "ShopeePay", QRIS: "QRIS", BCA_VA: "BCA", PERMATA_VA: "Permata" }[id as string]);
    expect("maskedPhone" in content).toBe(id === "OVO");
  });

  it("in English", async () => {
    const topup = await openTopup(h, john, "BNI_VA");
    await settle(h, topup, "SUCCEEDED");
    await john.press(await john.expect("Payment successful"), "🧾 Invoice");
    const { text } = await extractPdfText(h.tg.getFile((await john.expect("Invoice Coin Premium")).document!.file_id).bytes);
    expect(text).toContain("Payment method BNI Virtual Account Reference");
  });

  it("an invoice issued while OVO was the only method renders as it always did", async () => {
    const topup = await openTopup(h, sari, "OVO");
    await settle(h, topup, "SUCCEEDED");
    const invoice = (await h.app.services.invoices.findOwned(sari.id, topup.id))!;
    const before: InvoiceDocument = { ...(invoice.content as InvoiceDocument), paymentMethod: "ewallet_ovo", maskedPhone: "0812****7890" };
    for (const field of ["channelCode", "methodGroup", "methodName"] as const) delete before[field];
    const { text } = await extractPdfText((await h.app.services.invoices.pdf({ ...invoice, content: before })).bytes);
    expect(text).toContain("Metode pembayaran E-Wallet OVO Nomor OVO 0812****7890 Referensi");
  });
});

describe("the month's export", () => {
  it("has each top-up's method, the bank included, and the OVO number only for OVO", async () => {
    await paidOfEach(sari);
    await cancelled(h, await openTopup(h, john, "MANDIRI_VA"));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await h.app.services.exports.writeCsv({ year: 2026, month: 11 }, out);
    const rows = parse<Record<string, string>>(Buffer.concat(chunks), { bom: true, columns: true });
    expect(rows.map((row) => [row.method, row.phone])).toEqual([
      ["OVO", "0812****7890"],
      ["DANA", ""],
      ["SHOPEEPAY", ""],
      ["QRIS", ""],
      ["BCA_VA", ""],
      ["PERMATA_VA", ""],
      ["MANDIRI_VA", ""],
    ]);
  });
});
