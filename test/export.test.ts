import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewRow } from "./helpers/tables.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

const ADMIN_ID = 9001;
const HEADER =
  "type,date_wib,merchant_id,merchant_name,store_name,method,phone,amount,status,reference,gateway_id,invoice_number,reason,operator_id,operator_name";

let h: Harness;
let admin: Merchant;
beforeEach(async () => {
  h = await startHarness({ config: { adminIds: [ADMIN_ID], payments: { checkAfterSeconds: 70, maxChargesPerPhonePerHour: 1_000, maxChargesPerPhonePerHourTotal: 1_000 } } });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin", last_name: "Keuangan" });
});
afterEach(async () => {
  await h.close();
});

const stores = () => h.app.services.database.stores;

async function registered(id: number, options: Parameters<typeof merchant>[2] = {}) {
  const m = merchant(h, id, options);
  await m.say("/start");
  await m.expect("Halo");
  return m;
}

/** A top-up through the service and the emulator's real callback: paid (with its invoice) or declined. */
async function topup(m: Merchant, amount: number, outcome: "pay" | "reject", key: string) {
  const result = await h.app.services.topups.start({ method: "OVO", merchantId: m.id, amount, phone: "+6281234567890", requestKey: key });
  if (result.kind !== "pending") throw new Error(result.kind);
  await (outcome === "pay" ? h.xendit.pay(result.topup.chargeId!) : h.xendit.reject(result.topup.chargeId!));
  await eventually(async () => expect((await stores().topups.byId(result.topup.id))?.status).toBe(outcome === "pay" ? "succeeded" : "failed"));
  h.clock.advance(60_000);
  return result.topup;
}

/** An admin's adjustment, as /koreksi writes it: its row and its ledger row in one transaction. */
async function adjustment(merchantId: number, amount: number, reason: string, createdAt: Date) {
  await h.app.services.database.transaction(async (s) => {
    const row = (await s.adjustments.create({ merchantId, amount, reason, actorId: ADMIN_ID, actorName: "Admin Keuangan", requestKey: `adj-${createdAt.getTime()}`, createdAt }))!;
    await s.ledger.adjust({ merchantId, amount, adjustmentId: row.id, at: createdAt });
  });
}

/** A top-up row as it would be at `createdAt`, for instants the manual clock cannot go back to. */
const rowAt = (merchantId: number, createdAt: string, fields: Partial<NewRow<"topups">> = {}): NewRow<"topups"> => ({
  referenceId: `cp-${createdAt}`,
  requestKey: `req-${createdAt}`,
  merchantId,
  amount: 10_000,
  phone: "+6281234567890",
  status: "expired",
  createdAt: new Date(createdAt),
  updatedAt: new Date(createdAt),
  ...fields,
});

type CsvRow = Record<string, string>;

/** The document of the bot's last message, downloaded from the emulator and parsed back. */
async function exported(pattern = "Ekspor Coin Premium") {
  const message = await admin.expect(pattern);
  const bytes = h.tg.getFile(message.document!.file_id).bytes;
  const text = bytes.toString("utf8");
  const rows = parse<CsvRow>(bytes, { bom: true, columns: true });
  return { message, bytes, text, rows };
}

describe("/ekspor", () => {
  it("sends the month's top-ups and adjustments as a CSV a spreadsheet reads right, with the totals in the message", async () => {
    const sari = await registered(8001, { first_name: "Sari", last_name: "Dewi" });
    await stores().merchants.update(sari.id, { storeName: "Toko Sari, \"Murah\"" }, h.clock.now());
    const paid = await topup(sari, 150_000, "pay", "k1");
    const declined = await topup(sari, 75_000, "reject", "k2");
    await h.app.services.topups.start({ method: "OVO", merchantId: sari.id, amount: 20_000, phone: "+6281234567890", requestKey: "k3" });
    await adjustment(sari.id, 50_000, "bonus, \"promo\" November", new Date("2026-11-26T04:00:00Z"));
    await adjustment(sari.id, -20_000, "salah kredit", new Date("2026-11-26T05:00:00Z"));

    await admin.say("/ekspor 2026-11");
    const { message, bytes, text, rows } = await exported();
    expect(message.document?.file_name).toBe("coin-premium-2026-11.csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).split("\r\n")[0]).toBe(HEADER);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    // RFC 4180: a value with a comma or a quote is quoted, its quotes doubled.
    expect(text).toContain('"Toko Sari, ""Murah"""');

    expect(rows).toHaveLength(5);
    const [first, second, third, credit, debit] = rows;
    expect(first).toEqual({
      type: "topup",
      date_wib: "2026-11-26 10:00:00",
      merchant_id: "8001",
      merchant_name: "Sari Dewi",
      store_name: 'Toko Sari, "Murah"',
      method: "OVO",
      phone: "0812****7890",
      amount: "150000",
      status: "succeeded",
      reference: paid.referenceId,
      gateway_id: paid.chargeId,
      invoice_number: "INV/CP/202611/000001",
      reason: "",
      operator_id: "",
      operator_name: "",
    });
    expect(second).toMatchObject({ date_wib: "2026-11-26 10:01:00", amount: "75000", status: "failed", reference: declined.referenceId, invoice_number: "" });
    expect(third).toMatchObject({ date_wib: "2026-11-26 10:02:00", amount: "20000", status: "pending" });
    expect(credit).toMatchObject({ type: "adjustment", date_wib: "2026-11-26 11:00:00", merchant_id: "8001", merchant_name: "Sari Dewi", amount: "50000", status: "credit", reason: 'bonus, "promo" November', operator_id: "9001", operator_name: "Admin Keuangan", method: "", gateway_id: "" });
    expect(credit!.reference).toMatch(/^ADJ-\d+$/);
    // A debit stays a number: no quote in front of its minus sign.
    expect(debit).toMatchObject({ type: "adjustment", amount: "-20000", status: "debit", reason: "salah kredit" });
    expect(text).toContain(",-20000,debit,");

    expect(message.caption).toBe(
      [
        "📄 Ekspor Coin Premium 2026-11 (bulan WIB), data per 26/11/2026 10:02 WIB",
        "Top up: 3 — ✅ berhasil 1 · ❌ gagal 1 · ⌛ kedaluwarsa 0 · ⏳ belum selesai 1",
        "Dibayar (berhasil): Rp150.000",
        "Koreksi: kredit Rp50.000 (1) · debit Rp20.000 (1) · bersih Rp30.000",
      ].join("\n"),
    );
  });

  it("escapes names and stores that a spreadsheet would run as formulas, and only those", async () => {
    const evil = await registered(8002, { first_name: '=HYPERLINK("http://evil.example","klik")' });
    await stores().merchants.update(evil.id, { storeName: "+6281234567890" }, h.clock.now());
    const at = await registered(8003, { first_name: "@kasir", last_name: "-1" });
    await stores().merchants.update(at.id, { storeName: "\tTab" }, h.clock.now());
    await topup(evil, 10_000, "pay", "e1");
    await topup(at, 20_000, "pay", "e2");
    await adjustment(at.id, -5_000, "=1+1", h.clock.now());

    await admin.say("/ekspor 2026-11");
    const { rows } = await exported();
    expect(rows.map((row) => [row.merchant_name, row.store_name, row.amount, row.reason])).toEqual([
      ['\'=HYPERLINK("http://evil.example","klik")', "'+6281234567890", "10000", ""],
      ["'@kasir -1", "'\tTab", "20000", ""],
      ["'@kasir -1", "'\tTab", "-5000", "'=1+1"],
    ]);
  });

  it("cuts months at Jakarta midnight: a top-up at 17:30 UTC on 30 November is December's", async () => {
    const sari = await registered(8004);
    await h.insert("topups", [
      rowAt(sari.id, "2026-10-31T16:59:59.999Z"),
      rowAt(sari.id, "2026-10-31T17:00:00.000Z", { amount: 11_000 }),
      rowAt(sari.id, "2026-11-30T16:59:59.999Z", { amount: 12_000 }),
      rowAt(sari.id, "2026-11-30T17:30:00.000Z", { amount: 13_000, status: "succeeded" }),
    ]);
    await adjustment(sari.id, 1_000, "akhir bulan", new Date("2026-11-30T17:00:00.000Z"));
    h.clock.advance(5 * 86_400_000);

    await admin.say("/ekspor 2026-11");
    const november = await exported("2026-11");
    expect(november.rows.map((row) => [row.date_wib, row.amount])).toEqual([
      ["2026-11-01 00:00:00", "11000"],
      ["2026-11-30 23:59:59", "12000"],
    ]);
    await admin.say("/ekspor 2026-12");
    const december = await exported("2026-12");
    expect(december.rows.map((row) => [row.type, row.date_wib, row.amount])).toEqual([
      ["topup", "2026-12-01 00:30:00", "13000"],
      ["adjustment", "2026-12-01 00:00:00", "1000"],
    ]);
    expect(december.message.caption).toContain("Dibayar (berhasil): Rp13.000");
  });

  it("says so when the month has nothing, and sends no file", async () => {
    const sari = await registered(8005);
    await topup(sari, 10_000, "pay", "n1");
    await admin.say("/ekspor 2026-10");
    expect((await admin.expect("Tidak ada top up")).text).toBe("Tidak ada top up maupun koreksi saldo pada bulan 2026-10 (WIB). Tidak ada file yang dikirim.");
    expect(h.tg.callsFor("sendDocument")).toHaveLength(0);
  });

  it("without a month offers the current and the previous one as buttons", async () => {
    const sari = await registered(8006);
    await topup(sari, 10_000, "pay", "b1");
    await admin.say("/ekspor");
    const usage = await admin.expect("Ketik /ekspor diikuti bulannya");
    expect(usage.text).toContain("misalnya: /ekspor 2026-11");
    expect(usage.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["2026-10", "2026-11"]);
    await admin.press(usage, "2026-11");
    const { rows } = await exported("2026-11");
    expect(rows.map((row) => row.amount)).toEqual(["10000"]);
  });

  it.each(["November", "2026-13", "11-2026", "2026-1", "2026-11-01"])("explains a month it cannot read (%s) and asks again", async (typed) => {
    await admin.say(`/ekspor ${typed}`);
    const answer = await admin.expect("bukan bulan yang dikenali");
    expect(answer.text).toBe(`“${typed}” bukan bulan yang dikenali. Tulis tahun-bulan, misalnya: /ekspor 2026-11\nAtau pilih bulannya:`);
    expect(answer.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["2026-10", "2026-11"]);
    expect(h.tg.callsFor("sendDocument")).toHaveLength(0);
  });

  it("refuses a month that has not started in Jakarta", async () => {
    await admin.say("/ekspor 2026-12");
    expect((await admin.expect("belum dimulai")).text).toContain("Bulan 2026-12 belum dimulai (WIB)");
    expect(h.tg.callsFor("sendDocument")).toHaveLength(0);
  });

  it("answers /export in English for an English admin", async () => {
    const english = merchant(h, 9002, { language_code: "en" });
    h.config.adminIds.push(english.id);
    const sari = await registered(8007);
    await topup(sari, 10_000, "pay", "en1");
    await english.say("/export 2026-11");
    const message = await english.expect("Coin Premium export 2026-11");
    expect(message.caption).toContain("Top-ups: 1 — ✅ succeeded 1 · ❌ failed 0 · ⌛ expired 0 · ⏳ not finished 0");
    expect(message.caption).toContain("Adjustments: credit Rp0 (0) · debit Rp0 (0) · net Rp0");
    await english.say("/export nope");
    expect((await english.expect("is not a month")).text).toContain("for example: /export 2026-11");
  });

  it("is an unknown command for everyone else, and its buttons do nothing for them", async () => {
    const stranger = await registered(7001);
    await topup(stranger, 10_000, "pay", "s1");
    await stranger.expect("Pembayaran berhasil");
    for (const command of ["/ekspor 2026-11", "/export 2026-11", "/ekspor"]) {
      await stranger.say(command);
      expect((await stranger.expect("")).text).toBe("Perintah tidak dikenal. Ketik /bantuan untuk melihat yang bisa saya lakukan.");
    }
    await stranger.user.craftCallback("exp:2026-11");
    await eventually(() => expect(h.tg.callsFor("answerCallbackQuery").at(-1)?.params.text).toBe("Tombol ini sudah tidak berlaku."));
    expect(h.tg.callsFor("sendDocument")).toHaveLength(0);
  });

  it("streams a month of 10,000 top-ups", async () => {
    const sari = await registered(8008);
    const rows = Array.from({ length: 10_000 }, (_, n) =>
      rowAt(sari.id, new Date(Date.parse("2026-11-01T00:00:00Z") + n * 60_000).toISOString(), { amount: 10_000 + n, status: n % 2 ? "succeeded" : "failed" }),
    );
    for (let n = 0; n < rows.length; n += 1_000) await h.insert("topups", rows.slice(n, n + 1_000));
    await admin.say("/ekspor 2026-11");
    const { rows: parsed, message } = await exported();
    expect(parsed).toHaveLength(10_000);
    expect(parsed.map((row) => Number(row.amount))).toEqual(rows.map((row) => row.amount));
    const paid = rows.filter((row) => row.status === "succeeded").reduce((sum, row) => sum + row.amount, 0);
    expect(message.caption).toContain(`Dibayar (berhasil): Rp${paid.toLocaleString("id-ID")}`);
    expect(message.caption).toContain("Top up: 10.000 — ✅ berhasil 5.000 · ❌ gagal 5.000");
  });
});
