import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/emulators/telegram/index.js";
import { eventually, onPostgres, startHarness, type Harness, type HarnessOptions } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";
import { startSecondInstance } from "./helpers/second-instance.js";

const ADMIN_ID = 9001;
const HOUR = 3_600_000;
/** The harness clock starts on 26/11/2026 10:00 WIB. */
const NEXT_DAY_01_59_WIB = 15 * HOUR + 59 * 60_000;

let h: Harness;
let admin: Merchant;
let phones = 0;
afterEach(async () => {
  await h.close();
});

async function setUp(config: HarnessOptions["config"] = {}) {
  h = await startHarness({ config: { adminIds: [ADMIN_ID], ...config } });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
}

/** A merchant with a store name, registered by their /start. */
async function shop(id: number, storeName: string): Promise<Merchant> {
  const m = merchant(h, id);
  await m.say("/start");
  await m.expect("Halo");
  await h.app.services.merchants.setStoreName(id, storeName);
  return m;
}

/** A top-up through the service, settled at the emulator as asked (each on a number of its own: no phone limit). */
async function payment(m: Merchant, amount: number, outcome: "paid" | "declined" | "open" = "paid") {
  phones += 1;
  const result = await h.app.services.topups.start({ method: "OVO", merchantId: m.id, amount, phone: `+62812000${String(phones).padStart(5, "0")}`, requestKey: `rec-${phones}` });
  if (result.kind !== "pending") throw new Error(result.kind);
  const topup = result.topup;
  if (outcome === "paid") await h.xendit.pay(topup.chargeId!);
  if (outcome === "declined") await h.xendit.reject(topup.chargeId!);
  await eventually(async () => expect((await h.app.services.topups.get(topup.id))?.status).toBe(outcome === "paid" ? "succeeded" : outcome === "declined" ? "failed" : "pending"));
  return topup;
}

const buttonsOf = (message: ChatMessage) =>
  (message.reply_markup?.inline_keyboard.flat() ?? []).map((button) => ({ text: button.text, data: "callback_data" in button ? button.callback_data : undefined }));

async function reconcile(argument = ""): Promise<ChatMessage> {
  await admin.say(`/rekonsiliasi${argument ? ` ${argument}` : ""}`);
  await admin.expect("Mencocokkan pembayaran");
  return admin.expect("Rekonsiliasi", 8_000);
}

const reconciliationExceptions = async () => (await h.table("exceptions")).filter((row) => row.kind === "reconciliation");
const runAudits = async () => (await h.table("auditLog")).filter((row) => row.action === "reconciliation.run");

describe("/rekonsiliasi", () => {
  it("finds each of the three ways the gateway disagrees: one line and one /masalah button per difference, an exception each, nothing credited", async () => {
    await setUp();
    const budi = await shop(5001, "Toko <Budi>");
    const sari = await shop(5002, "Warung Sari");
    const matching = await payment(budi, 50_000);
    const voided = await payment(budi, 100_000);
    const recaptured = await payment(sari, 200_000);
    const paidAfterAll = await payment(sari, 75_000, "declined");
    await h.app.services.database.stores.topups.create({ referenceId: "cp-never-answered", requestKey: "never", merchantId: sari.id, amount: 10_000, phone: "+6281299999999", createdAt: h.clock.now(), checkAt: null });
    // Xendit's books change with no callback to us.
    h.xendit.amend(voided.chargeId!, { status: "VOIDED" });
    h.xendit.amend(recaptured.chargeId!, { capture_amount: 190_000 });
    h.xendit.amend(paidAfterAll.chargeId!, { status: "SUCCEEDED", capture_amount: 75_000, failure_code: null });
    const ledgerBefore = await h.table("ledgerEntries");

    const report = await reconcile();

    const text = report.text!;
    expect(text).toContain("Rekonsiliasi 26/11/2026");
    expect(text).toContain("Pembayaran 26/11/2026 00:00 WIB – 26/11/2026 10:00 WIB: 5");
    expect(text).toContain("✅ Cocok: 1 pembayaran, Rp50.000 dibayar.");
    expect(text).toContain("⚠️ Selisih: 3");
    expect(text).toContain(`1. Dikreditkan, tidak dibayar di Xendit · ${voided.referenceId} · Toko <Budi>\nDi sini: ✅ Berhasil Rp100.000 · Xendit: VOIDED Rp100.000`);
    expect(text).toContain(`2. Jumlah berbeda · ${recaptured.referenceId} · Warung Sari\nDi sini: ✅ Berhasil Rp200.000 · Xendit: SUCCEEDED Rp190.000`);
    expect(text).toContain(`3. Dibayar di Xendit, belum dikreditkan · ${paidAfterAll.referenceId} · Warung Sari\nDi sini: ❌ Gagal Rp75.000 · Xendit: SUCCEEDED Rp75.000`);
    expect(text).toContain("Tidak dapat diverifikasi (tanpa ID charge Xendit): 1");
    expect(text).toContain("Belum diperiksa (Xendit tidak menjawab): 0");
    expect(text).not.toContain(matching.referenceId);

    const exceptions = await reconciliationExceptions();
    expect(exceptions.map((e) => [e.key, e.topupId])).toEqual([
      [`reconciliation:${voided.id}:not_paid`, voided.id],
      [`reconciliation:${recaptured.id}:amount`, recaptured.id],
      [`reconciliation:${paidAfterAll.id}:not_credited`, paidAfterAll.id],
    ]);
    expect(exceptions[1]!.reason).toBe("reconciliation amount: Xendit SUCCEEDED IDR 190000, ours succeeded IDR 200000");
    expect(buttonsOf(report)).toEqual(exceptions.map((e, index) => ({ text: `${index + 1}. Buka di /masalah`, data: `exc:${e.id}` })));
    // Only a GET per payment with a charge id: nothing created, voided or credited.
    expect(h.xendit.requests.filter((r) => r.method === "GET")).toHaveLength(4);
    expect(await h.table("ledgerEntries")).toEqual(ledgerBefore);
    expect((await h.app.services.topups.get(paidAfterAll.id))?.status).toBe("failed");

    const [audit] = await runAudits();
    expect(audit).toMatchObject({ actorId: ADMIN_ID, actorName: "Admin", objectType: "reconciliation", objectId: "2026-11-26" });
    expect(audit!.after).toMatchObject({ total: 5, matched: 1, matchedAmount: 50_000, notCredited: 1, notPaid: 1, amount: 1, opened: 3, unverifiable: 1, notChecked: 0 });
  });

  it("says all matched, with count and amount, when both books agree", async () => {
    await setUp();
    const budi = await shop(5001, "Toko Budi");
    await payment(budi, 50_000);
    await payment(budi, 150_000);
    await payment(budi, 20_000, "declined");

    const report = await reconcile();

    expect(report.text).toContain("✅ Semua cocok: 3 pembayaran, Rp200.000 dibayar.");
    expect(report.text).not.toContain("Selisih");
    expect(buttonsOf(report)).toEqual([]);
    expect(await reconciliationExceptions()).toEqual([]);
  });

  it("a day named in the argument, reconciled twice: the same report, no new exception, nothing else changed", async () => {
    await setUp();
    const budi = await shop(5001, "Toko Budi");
    const voided = await payment(budi, 100_000);
    h.xendit.amend(voided.chargeId!, { status: "VOIDED" });
    h.clock.advance(24 * HOUR);
    // Today's payment is not part of yesterday's reconciliation.
    await payment(budi, 30_000);

    const first = await reconcile("2026-11-26");
    const afterFirst = { exceptions: await reconciliationExceptions(), topups: await h.table("topups"), ledger: await h.table("ledgerEntries") };
    const second = await reconcile("2026-11-26");

    expect(first.text).toContain("Pembayaran 26/11/2026 00:00 WIB – 27/11/2026 00:00 WIB: 1");
    expect(first.text).toContain(`1. Dikreditkan, tidak dibayar di Xendit · ${voided.referenceId}`);
    expect(second.text).toBe(first.text);
    expect(buttonsOf(second)).toEqual(buttonsOf(first));
    expect(await reconciliationExceptions()).toEqual(afterFirst.exceptions);
    expect(afterFirst.exceptions).toHaveLength(1);
    expect(await h.table("topups")).toEqual(afterFirst.topups);
    expect(await h.table("ledgerEntries")).toEqual(afterFirst.ledger);
    expect((await runAudits()).map((a) => (a.after as { opened: number }).opened)).toEqual([1, 0]);
  });

  it("a difference an operator already resolved is listed as handled, without a button, and not opened again", async () => {
    await setUp();
    const voided = await payment(await shop(5001, "Toko Budi"), 100_000);
    h.xendit.amend(voided.chargeId!, { status: "VOIDED" });
    await reconcile();
    const [exception] = await reconciliationExceptions();
    await h.app.services.database.stores.exceptions.resolve(exception!.id, { resolution: "dismissed", resolvedBy: ADMIN_ID, reason: "refunded by hand" }, h.clock.now());

    const again = await reconcile();

    expect(again.text).toContain(`1. Dikreditkan, tidak dibayar di Xendit · ${voided.referenceId} · Toko Budi\nDi sini: ✅ Berhasil Rp100.000 · Xendit: VOIDED Rp100.000 (sudah ditangani di /masalah)`);
    expect(buttonsOf(again)).toEqual([]);
    expect(await reconciliationExceptions()).toHaveLength(1);
  });

  it("a charge the gateway will not answer about is not checked, never a difference; a brief outage is retried", async () => {
    await setUp();
    const budi = await shop(5001, "Toko Budi");
    const unanswered = await payment(budi, 100_000);
    const answeredLate = await payment(budi, 50_000);
    h.xendit.amend(unanswered.chargeId!, { status: "VOIDED" });
    const getsBefore = h.xendit.requests.filter((r) => r.method === "GET").length;
    // The first payment's three tries fail; the second's first try fails too, then it answers.
    h.xendit.injectFault({ op: "get", status: 500, times: 4 });

    const report = await reconcile();

    expect(report.text).toContain("✅ Cocok: 1 pembayaran, Rp50.000 dibayar.");
    expect(report.text).toContain("Belum diperiksa (Xendit tidak menjawab): 1");
    expect(report.text).not.toContain("Selisih");
    expect(report.text).not.toContain(unanswered.referenceId);
    expect(await reconciliationExceptions()).toEqual([]);
    const gets = h.xendit.requests.filter((r) => r.method === "GET").slice(getsBefore);
    expect(gets.map((r) => [r.path.endsWith(unanswered.chargeId!) ? "unanswered" : r.path.endsWith(answeredLate.chargeId!) ? "late" : r.path, r.status])).toEqual([
      ["unanswered", 500],
      ["unanswered", 500],
      ["unanswered", 500],
      ["late", 500],
      ["late", 200],
    ]);
  });

  it("a payment credited by its callback while the run asked about it is matched, not a difference", async () => {
    await setUp();
    const open = await payment(await shop(5001, "Toko Budi"), 100_000, "open");
    h.xendit.injectFault({ op: "get", delayMs: 400 });

    await admin.say("/rekonsiliasi");
    await eventually(() => expect(h.xendit.requests.some((r) => r.method === "GET")).toBe(true));
    // The run read the top-up as pending; it is credited before the gateway's answer (SUCCEEDED) arrives.
    await h.xendit.pay(open.chargeId!);
    await eventually(async () => expect((await h.app.services.topups.get(open.id))?.status).toBe("succeeded"));
    const report = await admin.expect("Rekonsiliasi", 8_000);

    expect(report.text).toContain("✅ Semua cocok: 1 pembayaran, Rp100.000 dibayar.");
    expect(await reconciliationExceptions()).toEqual([]);
  });

  it("an answer about another payment is not trusted: not checked", async () => {
    await setUp();
    const topup = await payment(await shop(5001, "Toko Budi"), 100_000);
    h.xendit.injectFault({ op: "get", alter: { reference_id: "cp-someone-else", status: "VOIDED" } });

    const report = await reconcile();

    expect(report.text).toContain("Belum diperiksa (Xendit tidak menjawab): 1");
    expect(report.text).not.toContain(topup.referenceId);
    expect(await reconciliationExceptions()).toEqual([]);
  });

  it("a long list shows the first differences with their buttons and says how many more are in /masalah", async () => {
    await setUp();
    const shops = [await shop(5001, "Toko A"), await shop(5002, "Toko B"), await shop(5003, "Toko C")];
    for (let i = 0; i < 12; i++) {
      const topup = await payment(shops[i % 3]!, 10_000 + i);
      h.xendit.amend(topup.chargeId!, { status: "REFUNDED" });
    }

    const getsBefore = h.xendit.requests.filter((r) => r.method === "GET").length;

    const report = await reconcile();

    // Paced on the app's clock (RECONCILE_RATE_PER_SECOND=5): never 6 calls within one second.
    const times = h.xendit.requests.filter((r) => r.method === "GET").slice(getsBefore).map((r) => Date.parse(r.at));
    expect(times).toHaveLength(12);
    for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(1_000);
    expect(report.text).toContain("⚠️ Selisih: 12");
    expect(report.text).toContain("10. Dikreditkan, tidak dibayar di Xendit");
    expect(report.text).not.toContain("11. ");
    expect(report.text).toContain("…dan 2 selisih lainnya: semuanya ada di /masalah.");
    expect(buttonsOf(report)).toHaveLength(10);
    expect(await reconciliationExceptions()).toHaveLength(12);
  });

  it("explains a date it cannot use, and does nothing", async () => {
    await setUp();
    await admin.say("/rekonsiliasi 2026-02-30");
    expect((await admin.expect("Tanggal tidak dikenali")).text).toBe(
      "Tanggal tidak dikenali: 2026-02-30\nKetik /rekonsiliasi untuk hari ini, atau tanggal dalam format tahun-bulan-tanggal, misalnya /rekonsiliasi 2026-11-25.",
    );
    await admin.say("/rekonsiliasi kemarin");
    await admin.expect("Tanggal tidak dikenali: kemarin");
    await admin.say("/rekonsiliasi 2026-11-27");
    await admin.expect("Tanggal 27/11/2026 belum tiba.");
    expect(await runAudits()).toEqual([]);
  });

  it("answers in English to an admin who chose English, as /reconcile too", async () => {
    await setUp();
    const english = merchant(h, 9002, { language_code: "en", first_name: "Ann" });
    h.config.adminIds.push(english.id);
    await payment(await shop(5001, "Toko Budi"), 50_000);
    await english.say("/reconcile");
    await english.expect("Comparing the payments of 26/11/2026 with Xendit");
    expect((await english.expect("Reconciliation 26/11/2026")).text).toContain("✅ All matched: 1 payment, Rp50.000 paid.");
  });

  it("is an unknown command for everyone else", async () => {
    await setUp();
    const stranger = merchant(h, 7001);
    await stranger.say("/rekonsiliasi");
    expect((await stranger.expect("")).text).toBe("Perintah tidak dikenal. Ketik /bantuan untuk melihat yang bisa saya lakukan.");
    await stranger.say("/reconcile 2026-11-26");
    expect((await stranger.expect("Perintah tidak dikenal")).text).toContain("/bantuan");
    expect(await runAudits()).toEqual([]);
    // In the menu of admins' chats only.
    await eventually(() => expect(h.tg.myCommands({ type: "chat", chat_id: ADMIN_ID }).find((c) => c.command === "rekonsiliasi")?.description).toBe("Cocokkan pembayaran dengan Xendit (admin)"));
    expect(h.tg.myCommands().map((c) => c.command)).toContain("topup");
    expect(h.tg.myCommands().map((c) => c.command)).not.toContain("rekonsiliasi");
  });
});

describe("the daily run", () => {
  const dailyReports = () => admin.user.botMessages().filter((m) => m.text?.startsWith("🧾 Rekonsiliasi"));

  it("reconciles the previous Jakarta day once its hour has come, once, and tells the admins with the buttons", async () => {
    await setUp({ reconciliation: { hourWib: 2, ratePerSecond: 5 } });
    // Started at 10:00 WIB, past the hour: yesterday (no payments) is reconciled at once.
    await admin.expect("Rekonsiliasi 25/11/2026");
    const voided = await payment(await shop(5001, "Toko Budi"), 100_000);
    h.xendit.amend(voided.chargeId!, { status: "VOIDED" });

    h.clock.advance(NEXT_DAY_01_59_WIB);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dailyReports()).toHaveLength(1);
    h.clock.advance(60_000); // 27/11 02:00 WIB

    const report = await admin.expect("Rekonsiliasi 26/11/2026", 8_000);
    expect(report.text).toContain(`1. Dikreditkan, tidak dibayar di Xendit · ${voided.referenceId}`);
    const [exception] = await reconciliationExceptions();
    expect(buttonsOf(report)).toEqual([{ text: "1. Buka di /masalah", data: `exc:${exception!.id}` }]);

    h.clock.advance(2 * HOUR);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(dailyReports().map((m) => m.text!.split("\n")[0])).toEqual(["🧾 Rekonsiliasi 25/11/2026", "🧾 Rekonsiliasi 26/11/2026"]);
    const audits = await runAudits();
    expect(audits.map((a) => [a.objectId, a.actorId])).toEqual([
      ["2026-11-25", null],
      ["2026-11-26", null],
    ]);
    expect((await h.table("scheduledRuns")).map((r) => [r.period, r.finishedAt !== null])).toEqual([
      ["2026-11-25", true],
      ["2026-11-26", true],
    ]);
  });

  it.skipIf(!onPostgres)("runs once across two instances on one PostgreSQL database", async () => {
    await setUp({ reconciliation: { hourWib: 2, ratePerSecond: 5 } });
    await admin.expect("Rekonsiliasi 25/11/2026");
    const second = await startSecondInstance(h);
    try {
      const budi = await shop(5001, "Toko Budi");
      for (const amount of [10_000, 20_000, 30_000]) await payment(budi, amount);
      const getsBefore = h.xendit.requests.filter((r) => r.method === "GET").length;

      h.clock.advance(NEXT_DAY_01_59_WIB + 60_000);
      await admin.expect("Rekonsiliasi 26/11/2026", 8_000);
      // Sent and recorded so, before the clock moves past the outbox's claim (another instance would send it again).
      await eventually(async () => expect((await h.table("outbox")).filter((row) => row.status !== "sent")).toEqual([]));
      h.clock.advance(2 * 60_000);
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect((await runAudits()).map((a) => a.objectId)).toEqual(["2026-11-25", "2026-11-26"]);
      expect(h.xendit.requests.filter((r) => r.method === "GET")).toHaveLength(getsBefore + 3);
      expect(dailyReports()).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });
});
