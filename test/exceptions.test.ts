import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExceptionRow } from "../db/rows.js";
import type { ChatMessage } from "../src/emulators/telegram/index.js";
import { enqueueNotice } from "../src/notifications/outbox.js";
import { balanceOf } from "../src/payments/ledger.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

const ADMIN_ID = 9001;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STALE = "Tombol ini sudah tidak berlaku.";
const UNKNOWN = "Perintah tidak dikenal. Ketik /bantuan untuk melihat yang bisa saya lakukan.";

let h: Harness;
let admin: Merchant;
let sari: Merchant;
let chargeId: string;
let referenceId: string;

beforeEach(async () => {
  h = await startHarness({ config: { adminIds: [ADMIN_ID] } });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
  sari = merchant(h, 3001, { first_name: "Sari" });
  await sari.topup({ amount: "Rp100.000" });
  const charge = h.xendit.charges()[0]!;
  chargeId = charge.id;
  referenceId = charge.reference_id;
});
afterEach(async () => {
  await h.close();
});

const balance = () => balanceOf(h.app.services.database.stores, sari.id);
const exceptions = () => h.table("exceptions");
const audit = () => h.table("auditLog");
const ledger = () => h.table("ledgerEntries");

/** Xendit reports a capture of another amount: the settlement flags the top-up, and an exception opens. */
async function flagByAmount(captured = 1_000): Promise<ExceptionRow> {
  await h.xendit.sendCallback(chargeId, { overrides: { data: { status: "SUCCEEDED", capture_amount: captured } } });
  return eventually(async () => {
    const [row] = await exceptions();
    expect(row).toMatchObject({ kind: "flagged", resolvedAt: null });
    expect(row!.key).toBe(`flagged:${row!.topupId}`);
    return row!;
  });
}

/** /masalah, then the item's button: the item view. */
async function openItem(id: number): Promise<ChatMessage> {
  await admin.say("/masalah");
  const list = await admin.expect("Masalah terbuka");
  await admin.press(list, `#${id}`);
  return admin.expect(new RegExp(`^#${id} · `));
}

/** Kreditkan on the item → the gateway's word and the reason question. */
async function startCredit(id: number): Promise<ChatMessage> {
  const item = await openItem(id);
  await admin.press(item, "💰 Kreditkan");
  return admin.expect(/Ketik alasan|Tidak ada yang dikreditkan/);
}

describe("/masalah", () => {
  it("lists a flagged payment with merchant, amount, method, reference, charge id, reason and age", async () => {
    await sari.say("/toko Toko Sari");
    await sari.expect("Toko Sari");
    const flagged = await flagByAmount();
    h.clock.advance(3 * HOUR + 5 * MINUTE);
    await admin.say("/masalah");
    const list = (await admin.expect("Masalah terbuka")).text!;
    expect(list).toContain("Masalah terbuka: 1 · halaman 1/1");
    expect(list).toContain(`#${flagged.id} · Pembayaran ditandai · 3 jam lalu`);
    expect(list).toContain("Merchant: Sari · Toko Sari · ID 3001");
    expect(list).toContain("Nominal: Rp100.000 · Metode: OVO (ID_OVO)");
    expect(list).toContain(`Referensi: ${referenceId} · ID Xendit: ${chargeId}`);
    expect(list).toContain("Alasan: paid IDR 1000, expected IDR 100000");
  });

  it("Periksa ke Xendit shows the gateway's state, and says so when the gateway cannot be reached", async () => {
    const flagged = await flagByAmount();
    const item = await openItem(flagged.id);
    await admin.press(item, "🔎 Periksa ke Xendit");
    const state = (await admin.expect("Xendit tentang")).text!;
    expect(state).toContain("Status: PENDING");
    expect(state).toContain("Nominal: Rp100.000");
    expect(state).toContain(`ID Xendit: ${chargeId}`);

    h.xendit.injectFault({ op: "get", status: 503, times: 1 });
    await admin.press(item, "🔎 Periksa ke Xendit");
    expect((await admin.expect("tidak dapat dihubungi")).text).toContain("Tidak ada yang berubah");
    expect((await exceptions())[0]?.resolvedAt).toBeNull();
  });

  it("Kreditkan credits a payment the gateway confirms once, even on a double tap: merchant told, audit row, exception closed", async () => {
    const flagged = await flagByAmount();
    await h.xendit.pay(chargeId, { callback: false });
    const question = await startCredit(flagged.id);
    expect(question.text).toContain("Status: SUCCEEDED");
    expect(question.text).toContain("Xendit mengonfirmasi pembayaran Rp100.000");
    await admin.say("Callback rusak, dana masuk di dashboard Xendit");
    const confirm = await admin.expect("Kreditkan Rp100.000 untuk masalah");
    // Both taps leave before the bot answers the first.
    await Promise.all([admin.user.click(confirm.message_id, "✅ Ya, kreditkan"), admin.user.click(confirm.message_id, "✅ Ya, kreditkan")]);
    expect((await admin.expect("dikreditkan")).text).toContain("Saldo merchant sekarang Rp100.000");
    await eventually(() => expect(admin.user.callbackAnswers.at(-1)?.text).toBe(STALE));

    const notice = await sari.expect("Pembayaran berhasil");
    expect(notice.text).toContain("Nominal: Rp100.000");
    expect(await balance()).toBe(100_000);
    expect(await ledger()).toHaveLength(1);
    expect((await h.table("invoices")).map((i) => i.topupId)).toEqual([flagged.topupId]);
    expect((await h.app.services.topups.get(flagged.topupId!))?.status).toBe("succeeded");
    expect(await exceptions()).toMatchObject([{ id: flagged.id, resolution: "credited", resolvedBy: ADMIN_ID, resolutionReason: "Callback rusak, dana masuk di dashboard Xendit" }]);
    expect(await audit()).toMatchObject([
      {
        actorId: ADMIN_ID,
        actorName: "Admin",
        action: "exception.credit",
        objectType: "exception",
        objectId: String(flagged.id),
        reason: "Callback rusak, dana masuk di dashboard Xendit",
        before: { status: "pending", balance: 0 },
        after: { status: "succeeded", balance: 100_000, credited: 100_000, expected: 100_000 },
      },
    ]);
    await admin.say("/masalah");
    await admin.expect("Tidak ada masalah terbuka");
  });

  it("Kreditkan is refused when the gateway does not say SUCCEEDED, or cannot be reached", async () => {
    const flagged = await flagByAmount();
    const refused = await startCredit(flagged.id);
    expect(refused.text).toContain("tidak menyatakan pembayaran ini berhasil");
    expect(refused.text).toContain("Status: PENDING");
    h.xendit.injectFault({ op: "get", status: 500, times: 1 });
    expect((await startCredit(flagged.id)).text).toContain("Xendit tidak dapat dihubungi");
    expect(await balance()).toBe(0);
    expect(await audit()).toEqual([]);
    expect((await exceptions())[0]?.resolvedAt).toBeNull();
  });

  it("a different amount is credited as captured only after a typed reason, and the merchant is told that amount", async () => {
    const flagged = await flagByAmount(50_000);
    await h.xendit.pay(chargeId, { callback: false });
    // The emulator's charge captured Rp50.000, as the flagged callback said.
    h.xendit.injectFault({ op: "get", alter: { capture_amount: 50_000 }, times: 2 });
    const question = await startCredit(flagged.id);
    expect(question.text).toContain("Nominal berbeda");
    expect(question.text).toContain("Xendit menerima Rp50.000, padahal yang diminta Rp100.000");
    expect(question.text).toContain("alasan mengkreditkan nominal yang berbeda");
    await admin.say("   ");
    await admin.expect("Alasan wajib diisi");
    await admin.say("x".repeat(501));
    await admin.expect("Alasan terlalu panjang");
    await admin.say("Merchant membayar sebagian, dikonfirmasi lewat telepon");
    const confirm = await admin.expect("Kreditkan Rp50.000 untuk masalah");
    await admin.press(confirm, "✅ Ya, kreditkan");
    await admin.expect("Rp50.000 dikreditkan");
    expect((await sari.expect("Pembayaran berhasil")).text).toContain("Nominal: Rp50.000");
    expect(await balance()).toBe(50_000);
    const [invoice] = await h.table("invoices");
    expect((invoice!.content as { total: number }).total).toBe(50_000);
    expect((await audit())[0]).toMatchObject({ action: "exception.credit", after: { credited: 50_000, expected: 100_000 } });
  });

  it("the service refuses a credit without a reason, and one whose confirmed amount is not the captured one", async () => {
    const flagged = await flagByAmount(50_000);
    await h.xendit.pay(chargeId, { callback: false });
    const actor = { actorId: ADMIN_ID, actorName: "Admin" };
    const service = h.app.services.exceptions;
    expect(await service.credit(flagged.id, { amount: 100_000, reason: " ", actor })).toEqual({ kind: "reason_required" });
    h.xendit.injectFault({ op: "get", alter: { capture_amount: 50_000 }, times: 1 });
    expect((await service.credit(flagged.id, { amount: 100_000, reason: "typed", actor })).kind).toBe("amount_changed");
    expect(await balance()).toBe(0);
  });

  it("a dead notification to a merchant appears, and is dismissed with a reason and an audit row; one to an admin opens nothing", async () => {
    h.tg.setBlocked(sari.id, true);
    await h.xendit.pay(chargeId);
    const dead = await eventually(async () => {
      const [row] = await exceptions();
      expect(row).toMatchObject({ kind: "undeliverable" });
      expect(row!.key).toBe(`undeliverable:${row!.outboxId}`);
      return row!;
    });
    expect(dead.reason).toMatch(/blocked/);
    const item = await openItem(dead.id);
    expect(item.text).toContain("Notifikasi tidak terkirim");
    expect(item.text).toContain("Notifikasi: topup.succeeded");
    expect(item.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["✅ Tandai selesai", "‹ Daftar masalah"]);
    await admin.press(item, "✅ Tandai selesai");
    const ask = await admin.expect("Ketik alasan menandai masalah");
    await admin.press(ask, "✖️ Batal");
    await admin.expect("Dibatalkan");
    expect((await exceptions())[0]?.resolvedAt).toBeNull();

    await admin.press(item, "✅ Tandai selesai");
    await admin.expect("Ketik alasan menandai masalah");
    await admin.say("Merchant memblokir bot; saldo sudah benar");
    await admin.press(await admin.expect("tanpa mengubah saldo"), "✅ Ya, tandai selesai");
    await admin.expect(`Masalah #${dead.id} ditandai selesai`);
    expect(await exceptions()).toMatchObject([{ resolution: "dismissed", resolvedBy: ADMIN_ID, resolutionReason: "Merchant memblokir bot; saldo sudah benar" }]);
    expect(await audit()).toMatchObject([{ action: "exception.dismiss", actorId: ADMIN_ID, objectId: String(dead.id), reason: "Merchant memblokir bot; saldo sudah benar" }]);
    expect(await balance()).toBe(100_000);

    // The item opened again: resolved, no actions left.
    await admin.user.craftCallback(`exc:${dead.id}`, admin.user.lastBotMessage()!.message_id);
    const resolved = await admin.expect("Ditandai selesai");
    expect(resolved.reply_markup).toBeUndefined();

    h.tg.setBlocked(ADMIN_ID, true);
    await h.app.services.database.transaction((stores) =>
      enqueueNotice(stores, { dedupeKey: "admin-report", chatId: ADMIN_ID, key: "exceptions-none" }, h.clock.now()),
    );
    await eventually(async () => expect((await h.table("outbox")).find((r) => r.dedupeKey === "admin-report")?.status).toBe("dead"));
    expect(await exceptions()).toHaveLength(1);
  });

  it("is an unknown command, and its buttons do nothing, for everyone else", async () => {
    const flagged = await flagByAmount();
    await h.xendit.pay(chargeId, { callback: false });
    const mallory = merchant(h, 7001);
    await mallory.say("/masalah");
    expect((await mallory.expect("")).text).toBe(UNKNOWN);
    await mallory.say("/issues");
    await mallory.expect(UNKNOWN);
    for (const data of [`exc:${flagged.id}`, `exc:${flagged.id}:chk`, `exc:${flagged.id}:cr`, `exc:${flagged.id}:dis`, "excp:0"]) {
      await mallory.user.craftCallback(data, mallory.user.lastBotMessage()!.message_id);
    }
    await eventually(() => expect(mallory.user.callbackAnswers.map((a) => a.text)).toEqual([STALE, STALE, STALE, STALE, STALE]));
    expect(mallory.count("Masalah")).toBe(0);
    expect(await balance()).toBe(0);
  });

  it("answers ids that are not an exception's, and forged data, without acting", async () => {
    await admin.say("/masalah");
    await admin.expect("Tidak ada masalah terbuka");
    const on = admin.user.lastBotMessage()!.message_id;
    await admin.user.craftCallback("exc:424242", on);
    await eventually(() => expect(admin.user.callbackAnswers.at(-1)?.text).toBe("Masalah ini tidak ditemukan."));
    await admin.user.craftCallback("exc:1;drop table exceptions", on);
    await eventually(() => expect(admin.user.callbackAnswers.at(-1)?.text).toBe(STALE));
    await admin.user.craftCallback("exc:424242:cr", on);
    await admin.expect("Masalah #424242 tidak ditemukan");
  });

  it("pages the open exceptions newest first, five a page", async () => {
    const { stores } = h.app.services.database;
    for (let n = 1; n <= 7; n++) {
      await stores.exceptions.open({ key: `test:${n}`, kind: "stuck", reason: `reason ${n}` }, h.clock.now());
      h.clock.advance(MINUTE);
    }
    await admin.say("/masalah");
    const list = await admin.expect("Masalah terbuka: 7 · halaman 1/2");
    const ids = (m: ChatMessage) => [...(m.text ?? "").matchAll(/reason (\d)/g)].map((match) => Number(match[1]));
    expect(ids(list)).toEqual([7, 6, 5, 4, 3]);
    expect(list.reply_markup?.inline_keyboard.at(-1)?.map((b) => b.text)).toEqual(["Berikutnya ›"]);
    await admin.press(list, "Berikutnya ›");
    const second = await admin.user.waitForEdit(list.message_id, (m) => /halaman 2\/2/.test(m.text ?? ""));
    expect(ids(second)).toEqual([2, 1]);
    expect(second.reply_markup?.inline_keyboard.at(-1)?.map((b) => b.text)).toEqual(["‹ Sebelumnya"]);
    await admin.press(second, "‹ Sebelumnya");
    await admin.user.waitForEdit(list.message_id, (m) => /halaman 1\/2/.test(m.text ?? ""));
  });

  it("answers in English for an admin who chose English, as /issues", async () => {
    await flagByAmount();
    const english = merchant(h, 9002, { language_code: "en" });
    h.config.adminIds.push(english.id);
    await english.say("/issues");
    const list = (await english.expect("Open issues")).text!;
    expect(list).toContain("Flagged payment · 1 minute ago");
  });
});

describe("stuck payments", () => {
  it("open once when the last late check finds no final answer, and close when a late callback settles the payment", async () => {
    // No callback, and the gateway says PENDING throughout: expired after the push, then the late checks.
    h.clock.advance(71_000);
    await sari.expect("Waktu pembayaran habis");
    for (const step of [10 * MINUTE, HOUR, 24 * HOUR]) {
      h.clock.advance(step);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const stuck = await eventually(async () => {
      const rows = await exceptions();
      expect(rows).toMatchObject([{ kind: "stuck", resolvedAt: null }]);
      expect(rows[0]!.key).toBe(`stuck:${rows[0]!.topupId}`);
      return rows[0]!;
    });
    expect(stuck.reason).toMatch(/no final answer from the gateway 25 h after expiry \(last: PENDING\)/);
    h.clock.advance(48 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await exceptions()).toHaveLength(1);

    await h.xendit.pay(chargeId);
    await sari.expect("Pembayaran berhasil");
    await eventually(async () => expect(await exceptions()).toMatchObject([{ id: stuck.id, resolution: "settled", resolvedBy: null }]));
    expect(await balance()).toBe(100_000);
  });
});

describe("a resolution racing a late SUCCEEDED callback", () => {
  const actor = { actorId: ADMIN_ID, actorName: "Admin" };

  it("credits exactly once when the callback commits between the operator's gateway check and the credit", async () => {
    const flagged = await flagByAmount();
    await h.xendit.pay(chargeId, { callback: false });
    // The operator's gateway call is slow; the callback arrives and commits meanwhile.
    h.xendit.injectFault({ op: "get", delayMs: 300, times: 2 });
    const resolving = h.app.services.exceptions.credit(flagged.id, { amount: 100_000, reason: "dana masuk", actor });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.xendit.sendCallback(chargeId);
    expect(await resolving).toEqual({ kind: "already_credited" });
    expect(await balance()).toBe(100_000);
    expect(await ledger()).toHaveLength(1);
    expect(await exceptions()).toMatchObject([{ resolution: "settled", resolvedBy: ADMIN_ID }]);
    expect(await audit()).toMatchObject([{ action: "exception.credit", after: { credited: 0, resolution: "settled" } }]);
  });

  it("credits exactly once when both run at the same moment, however often", async () => {
    const flagged = await flagByAmount();
    await h.xendit.pay(chargeId, { callback: false });
    const [resolved] = await Promise.all([
      h.app.services.exceptions.credit(flagged.id, { amount: 100_000, reason: "dana masuk", actor }),
      h.xendit.sendCallback(chargeId),
      h.app.services.exceptions.credit(flagged.id, { amount: 100_000, reason: "dana masuk", actor: { actorId: 9002, actorName: "Other" } }),
    ]);
    expect(["credited", "already_credited", "already_resolved"]).toContain(resolved.kind);
    expect(await balance()).toBe(100_000);
    expect(await ledger()).toHaveLength(1);
    await sari.expect("Pembayaran berhasil");
    expect(sari.count("Pembayaran berhasil")).toBe(1);
    expect((await exceptions())[0]?.resolvedAt).not.toBeNull();
    expect(await audit()).toHaveLength(1);
  });
});
