import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addMerchants, startBroadcast } from "./helpers/broadcast.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

const ADMIN_ID = 9001;
const SECOND_ADMIN_ID = 9002;
const STALE = "Tombol ini sudah tidak berlaku.";

let h: Harness;
let admin: Merchant;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness({ config: { adminIds: [ADMIN_ID, SECOND_ADMIN_ID], broadcast: { ratePerSecond: 5 } } });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin", username: "boss" });
  sari = merchant(h, 5001, { first_name: "Sari", username: "TokoSari" });
  await sari.say("/toko Toko Sari Jaya");
  await sari.expect("Nama toko disimpan");
});
afterEach(async () => {
  await h.close();
});

const expectAnswer = (m: Merchant, queryId: string, text: string) =>
  eventually(() => expect(m.user.callbackAnswers.find((a) => a.id === queryId)?.text).toBe(text));

/** /koreksi → merchant → amount → reason, up to the summary. */
async function toSummary(who: Merchant, target: string, amount: string, reason: string) {
  await who.say("/koreksi");
  await who.expect("Merchant mana?");
  await who.say(target);
  await who.expect("Berapa koreksinya?");
  await who.say(amount);
  await who.expect("Apa alasannya?");
  await who.say(reason);
  return who.expect("Ringkasan koreksi");
}

async function adjust(who: Merchant, target: string, amount: string, reason: string) {
  await who.press(await toSummary(who, target, amount, reason), "✅ Konfirmasi");
  return who.expect(/Koreksi #\d+ diterapkan|ditolak/);
}

const balanceOf = (id: number) => h.app.services.database.stores.ledger.balanceOf(id);

describe("/koreksi", () => {
  it("credits and debits with a summary, a notice to the merchant, the history and the audit log", async () => {
    const summary = await toSummary(admin, "@tokosari", "+50.000", "Kompensasi gangguan OVO");
    expect(summary.text).toContain("Merchant: Sari @TokoSari (ID 5001) · Toko: Toko Sari Jaya");
    expect(summary.text).toContain("Saldo sekarang: Rp0");
    expect(summary.text).toContain("Koreksi: +Rp50.000");
    expect(summary.text).toContain("Saldo sesudahnya: Rp50.000");
    expect(summary.text).toContain("Alasan: Kompensasi gangguan OVO");
    await admin.press(summary, "✅ Konfirmasi");
    expect((await admin.expect("diterapkan")).text).toContain("Saldo merchant: Rp0 → Rp50.000");
    const credit = await sari.expect("ditambah Rp50.000");
    expect(credit.text).toContain("Alasan: Kompensasi gangguan OVO");
    expect(credit.text).toContain("Saldo sekarang: Rp50.000");

    expect((await adjust(admin, "5001", "-20000", "Salah kredit <b>ganda</b>")).text).toContain("Rp50.000 → Rp30.000");
    const debit = await sari.expect("dikurangi Rp20.000");
    expect(debit.text).toContain("Alasan: Salah kredit <b>ganda</b>");
    expect(debit.text).toContain("Saldo sekarang: Rp30.000");
    expect(await balanceOf(sari.id)).toBe(30_000);

    const ledger = await h.table("ledgerEntries");
    expect(ledger.map((row) => [row.kind, row.amount])).toEqual([
      ["adjustment", 50_000],
      ["adjustment", -20_000],
    ]);
    const audit = await h.table("auditLog");
    expect(audit.map((row) => ({ ...row, id: undefined, at: undefined }))).toEqual([
      {
        id: undefined,
        at: undefined,
        actorId: ADMIN_ID,
        actorName: "Admin (@boss)",
        action: "adjustment.credit",
        objectType: "merchant",
        objectId: "5001",
        reason: "Kompensasi gangguan OVO",
        before: { balance: 0 },
        after: { balance: 50_000 },
      },
      expect.objectContaining({ action: "adjustment.debit", reason: "Salah kredit <b>ganda</b>", before: { balance: 50_000 }, after: { balance: 30_000 } }),
    ]);

    await sari.say("/riwayat");
    const history = (await sari.expect("History Pembayaran")).text!;
    expect(history).toMatch(/1\. .*\n\s+-Rp20\.000 · Koreksi saldo oleh admin\n\s+Alasan: Salah kredit <b>ganda<\/b>/);
    expect(history).toMatch(/2\. .*\n\s+\+Rp50\.000 · Koreksi saldo oleh admin\n\s+Alasan: Kompensasi gangguan OVO/);

    await admin.say("/audit");
    const log = (await admin.expect("Log audit")).text!;
    expect(log).toMatch(/WIB · Admin \(@boss\) \[9001\]\nKoreksi saldo \(kurang\) · merchant #5001\nAlasan: Salah kredit <b>ganda<\/b>\nsaldo: Rp50\.000 → Rp30\.000/);
    expect(log.indexOf("Koreksi saldo (kurang)")).toBeLessThan(log.indexOf("Koreksi saldo (tambah)"));
  });

  it("refuses a debit below zero at the amount and asks again", async () => {
    await adjust(admin, "5001", "10000", "Bonus");
    await admin.say("/koreksi");
    await admin.expect("Merchant mana?");
    await admin.say("5001");
    await admin.expect("Berapa koreksinya?");
    await admin.say("-10.001");
    await admin.expect("Saldo tidak boleh menjadi minus: saldo merchant sekarang Rp10.000");
    await admin.say("-10.000");
    await admin.expect("Apa alasannya?");
    expect(await balanceOf(sari.id)).toBe(10_000);
  });

  it("refuses on confirmation a debit another admin's debit made too large, and says the balance now", async () => {
    await adjust(admin, "5001", "+50000", "Saldo awal");
    const other = merchant(h, SECOND_ADMIN_ID, { first_name: "Dua" });
    const summary = await toSummary(admin, "5001", "-40000", "Koreksi pertama");
    expect((await adjust(other, "5001", "-30000", "Koreksi kedua")).text).toContain("Rp50.000 → Rp20.000");
    await admin.press(summary, "✅ Konfirmasi");
    expect((await admin.expect("ditolak")).text).toContain("Saldo merchant sekarang Rp20.000");
    expect(await balanceOf(sari.id)).toBe(20_000);
    expect(await h.table("adjustments")).toHaveLength(2);
  });

  it("re-asks a bad merchant, bad amounts and a bad reason, and Batal changes nothing", async () => {
    await admin.say("/koreksi");
    await admin.expect("Merchant mana?");
    await admin.say("@nobody");
    await admin.expect("Merchant @nobody tidak ditemukan");
    await admin.say("12345");
    await admin.expect("Merchant 12345 tidak ditemukan");
    await admin.user.shareContact("+6281234567890");
    await admin.expect("Ketik jawabannya");
    await admin.say("@TOKOSARI");
    await admin.expect("Berapa koreksinya?");
    for (const [typed, answer] of [
      ["lima puluh ribu", "Nominal tidak dapat dibaca"],
      ["+1,5", "rupiah bulat"],
      ["0", "Koreksi Rp0"],
      ["+200jt", "Nominal terlalu besar (maksimal Rp100.000.000"],
    ]) {
      await admin.say(typed!);
      await admin.expect(answer!);
    }
    await admin.say("+25rb");
    await admin.expect("Apa alasannya?");
    await admin.say(" ");
    await admin.expect("Alasan wajib diisi");
    await admin.say("x".repeat(201));
    await admin.expect("Alasan terlalu panjang (maksimal 200 karakter)");
    await admin.say("Promo");
    const summary = await admin.expect("Ringkasan koreksi");
    expect(summary.text).toContain("Koreksi: +Rp25.000");
    await admin.say("ya");
    await admin.expect("Gunakan tombol Konfirmasi atau Batal");
    await admin.press(summary, "✖️ Batal");
    await admin.expect("Koreksi dibatalkan");
    expect(await h.table("adjustments")).toEqual([]);
    expect(await h.table("auditLog")).toEqual([]);
  });

  it("credits once for a double tap on Konfirmasi", async () => {
    const summary = await toSummary(admin, "5001", "+75000", "Kompensasi");
    const [, second] = await Promise.all([admin.user.click(summary.message_id, "✅ Konfirmasi"), admin.user.click(summary.message_id, "✅ Konfirmasi")]);
    await admin.expect("diterapkan");
    await expectAnswer(admin, second, STALE);
    await sari.expect("ditambah Rp75.000");
    expect(await balanceOf(sari.id)).toBe(75_000);
    expect(await h.table("adjustments")).toHaveLength(1);
    expect((await h.table("outbox")).filter((row) => row.chatId === sari.id)).toHaveLength(1);
    expect(await h.table("auditLog")).toHaveLength(1);
  });

  it("speaks English with /adjust for an English admin, and the English merchant gets an English notice", async () => {
    const english = merchant(h, SECOND_ADMIN_ID, { first_name: "Eve", language_code: "en" });
    const budi = merchant(h, 5002, { first_name: "Budi", language_code: "en" });
    await budi.say("/start");
    await budi.expect("");
    await english.say("/adjust");
    await english.expect("Which merchant?");
    await english.say("5002");
    await english.expect("How much?");
    await english.say("+10000");
    await english.expect("What is the reason?");
    await english.say("Goodwill");
    await english.press(await english.expect("Correction summary"), "✅ Confirm");
    await english.expect("Correction #1 applied");
    expect((await budi.expect("An admin added Rp10.000")).text).toContain("Balance now: Rp10.000");
  });

  it("is an unknown command for everyone else", async () => {
    for (const command of ["/koreksi", "/adjust", "/audit"]) {
      await sari.say(command);
      expect((await sari.expect("")).text).toBe("Perintah tidak dikenal. Ketik /bantuan untuk melihat yang bisa saya lakukan.");
    }
    const query = await sari.user.craftCallback("aud:p:0");
    await expectAnswer(sari, query, STALE);
    expect(await h.table("adjustments")).toEqual([]);
  });
});

describe("History Pembayaran with adjustments", () => {
  it("pages through top-ups and adjustments newest first, none skipped or repeated", async () => {
    const actor = { actorId: ADMIN_ID, actorName: "Admin" };
    const credit = (n: number) =>
      h.app.services.adjustments.apply({ merchantId: sari.id, amount: 1_000 * n, reason: `Koreksi ${n}`, requestKey: `k${n}`, actor });
    await credit(1);
    h.clock.advance(60_000);
    await sari.topup({ amount: "Rp50.000" });
    await h.xendit.pay(h.xendit.charges().at(-1)!.id);
    await sari.expect("Pembayaran berhasil");
    for (const n of [2, 3, 4, 5]) {
      h.clock.advance(60_000);
      await credit(n);
    }
    h.clock.advance(60_000);
    await sari.topup({ amount: "Rp100.000" });

    await sari.say("/riwayat");
    const first = await sari.expect("halaman 1/2");
    const items = (text: string) => [...text.matchAll(/(Rp[\d.]+) · (?:OVO 0812\*{4}7890|Koreksi saldo oleh admin)/g)].map((m) => m[1]);
    expect(items(first.text!)).toEqual(["Rp100.000", "Rp5.000", "Rp4.000", "Rp3.000", "Rp2.000"]);
    // Only payments have a detail button.
    expect(first.reply_markup!.inline_keyboard.flat().map((b) => b.text).filter((t) => t.includes("Rp"))).toHaveLength(1);
    await sari.press(first, "▶");
    const second = await sari.user.waitForEdit(first.message_id, (m) => /halaman 2\/2/.test(m.text ?? ""));
    expect(items(second.text!)).toEqual(["Rp50.000", "Rp1.000"]);
    expect(second.text).toMatch(/6\. .*\n.*Rp50\.000 · OVO 0812\*{4}7890/);
    expect(second.text).toMatch(/7\. .*\n.*\+Rp1\.000 · Koreksi saldo oleh admin\n.*Alasan: Koreksi 1/);
  });
});

describe("/audit", () => {
  it("pages the latest rows with newer and older buttons; a crafted page is answered as stale", async () => {
    const actor = { actorId: ADMIN_ID, actorName: "Admin" };
    for (let n = 1; n <= 12; n++) {
      await h.app.services.adjustments.apply({ merchantId: sari.id, amount: n, reason: `Koreksi ${n}`, requestKey: `k${n}`, actor });
      h.clock.advance(1_000);
    }
    await admin.say("/audit");
    const first = await admin.expect("Log audit (halaman 1)");
    expect(first.text).toContain("Alasan: Koreksi 12");
    expect(first.text).toContain("Alasan: Koreksi 3");
    expect(first.text).not.toContain("Alasan: Koreksi 2\n");
    expect(first.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["Lebih lama ▶"]);
    await admin.press(first, "Lebih lama ▶");
    const second = await admin.user.waitForEdit(first.message_id, (m) => /halaman 2/.test(m.text ?? ""));
    expect([...second.text!.matchAll(/Alasan: (Koreksi \d+)/g)].map((m) => m[1])).toEqual(["Koreksi 2", "Koreksi 1"]);
    expect(second.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toEqual(["◀ Lebih baru"]);
    await expectAnswer(admin, await admin.user.craftCallback("aud:p:7", first.message_id), STALE);
    await expectAnswer(admin, await admin.user.craftCallback("aud:p:99999999", first.message_id), STALE);
  });

  it("says so when the log is empty", async () => {
    await admin.say("/audit");
    await admin.expect("Log audit masih kosong");
  });

  it("has a row for a broadcast started and one for it cancelled, in the same transaction as the change", async () => {
    // At 5 a second, 20 merchants keep the broadcast running until it is cancelled.
    await addMerchants(h, 20, 100_000);
    await startBroadcast(admin, "Promo!", /^Semua merchant \(21\)$/);
    await admin.say("/broadcast_cancel");
    await admin.expect("dihentikan");
    const rows = await h.table("auditLog");
    expect(rows.map((r) => [r.action, r.objectType, r.objectId, r.actorId])).toEqual([
      ["broadcast.start", "broadcast", "1", ADMIN_ID],
      ["broadcast.cancel", "broadcast", "1", ADMIN_ID],
    ]);
    expect(rows[0]!.after).toEqual({ audience: "all", total: 21 });
    expect(rows[1]).toMatchObject({ before: { status: "running" }, after: { status: "cancelled" } });
    await admin.say("/audit");
    const log = (await admin.expect("Log audit")).text!;
    expect(log).toContain("Pengumuman dihentikan · pengumuman #1");
    expect(log).toContain("Pengumuman dimulai · pengumuman #1");
  });
});

describe("/stats", () => {
  it("counts adjustments and their net sum per period", async () => {
    await adjust(admin, "5001", "+50000", "Bonus");
    await adjust(admin, "5001", "-20000", "Salah kredit");
    await admin.say("/stats");
    const stats = (await admin.expect("Statistik")).text!;
    expect(stats).toContain("Koreksi saldo\nHari ini: 2 koreksi, bersih +Rp30.000\n7 hari: 2 koreksi, bersih +Rp30.000\n30 hari: 2 koreksi, bersih +Rp30.000");
    expect(stats).toContain("Coin Premium beredar: Rp30.000");
  });
});
