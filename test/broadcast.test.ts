import { afterEach, describe, expect, it } from "vitest";
import { TELEGRAM_RATE_PER_SECOND } from "../src/telegram/pacer.js";
import { maxInAnyWindow } from "../src/broadcast/window.js";
import { addMerchants, broadcastCopies, copiesPerChat, startBroadcast } from "./helpers/broadcast.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

const ADMIN_ID = 9001;
const FIRST = 100_000;
const RATE = 200;

let h: Harness;
let admin: Merchant;

async function setUp(ratePerSecond = RATE, telegramRatePerSecond?: number) {
  h = await startHarness({ config: { adminIds: [ADMIN_ID], broadcast: { ratePerSecond } }, ...(telegramRatePerSecond ? { telegramRatePerSecond } : {}) });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
}

afterEach(async () => {
  await h.close();
});

const recipients = () => h.table("broadcastRecipients");
const statusOf = async (merchantId: number) => (await recipients()).find((r) => r.merchantId === merchantId)?.status;

describe("a broadcast to 300 merchants", () => {
  it("reaches every active merchant once, marks the blocked, stays under the limit and pauses on 429", async () => {
    await setUp();
    await addMerchants(h, 300, FIRST);
    const blocked = [FIRST + 3, FIRST + 50, FIRST + 120, FIRST + 200, FIRST + 299];
    for (const id of blocked) h.tg.setBlocked(id, true);
    // Two 429s at random points of the delivery, as Telegram sends them when it thinks we are too fast.
    const faultAt = new Set([40 + Math.floor(Math.random() * 80), 160 + Math.floor(Math.random() * 80)]);
    let seen = 0;
    h.tg.on("call", (call) => {
      if (call.method !== "copyMessage" || Number(call.params.chat_id) === ADMIN_ID) return;
      if (faultAt.has(++seen)) h.tg.injectFault({ method: "copyMessage", status: 429, retryAfter: 1, times: 1 });
    });

    const status = await startBroadcast(admin, "Promo akhir tahun: bonus Coin Premium 10%!", /^Semua merchant \(300\)$/);
    expect(status.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["✖️ Batal"]);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThan(100), 5_000);
    // The status message is edited only when 3 s have passed on the clock.
    expect(admin.user.botMessages().find((m) => m.message_id === status.message_id)?.edited).toBe(false);
    h.clock.advance(3_000);
    const progress = await admin.user.waitForEdit(status.message_id, (m) => /sedang dikirim/.test(m.text ?? ""));
    expect(progress.text).toMatch(/[▓░]{10} \d+%/);
    expect(progress.text).toMatch(/Terkirim: \d+/);
    expect(progress.text).toMatch(/Sisa: \d+/);
    expect(progress.text).toMatch(/Kecepatan: \d+,\d pesan\/detik/);

    const report = await admin.expect("Pengumuman #1 selesai", 10_000);
    expect(report.text).toContain("Terkirim: 295");
    expect(report.text).toContain("Memblokir bot: 5");

    const calls = broadcastCopies(h, ADMIN_ID);
    const perChat = copiesPerChat(calls);
    expect(perChat.size).toBe(295);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    for (const id of blocked) expect(perChat.has(id)).toBe(false);
    expect(maxInAnyWindow(calls.map((c) => c.at))).toBeLessThanOrEqual(RATE);

    // Each 429 stopped every send for the second Telegram asked for: right after it (calls already on
    // the wire aside) comes a silence of about a second, where at 200/s there would be a call every 5 ms.
    const limited = calls.filter((c) => c.error_code === 429);
    expect(limited).toHaveLength(2);
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    for (const hit of limited) {
      const gaps = times.slice(1).map((at, i) => ({ from: times[i]!, length: at - times[i]! }));
      expect(gaps.some((gap) => gap.from >= hit.at && gap.from < hit.at + 200 && gap.length >= 800)).toBe(true);
    }

    for (const id of blocked) {
      expect(await statusOf(id)).toBe("blocked");
      expect((await h.app.services.merchants.get(id))?.blockedAt).toBeInstanceOf(Date);
    }
    expect((await recipients()).filter((r) => r.status === "sent")).toHaveLength(295);
    // The copy keeps the formatting and carries the opt-out button, in the merchant's language.
    const first = perChat.keys().next().value!;
    const received = calls.find((c) => c.ok && Number(c.params.chat_id) === first)!;
    expect(JSON.stringify(received.params.reply_markup)).toMatch(/bc:mute/);

    // The status message ends as the report, without the Batal button.
    const final = admin.user.botMessages().find((m) => m.message_id === status.message_id)!;
    expect(final.text).toContain("selesai");
    expect(final.reply_markup).toBeUndefined();
  });

  it("resumes after a restart without a second copy and without forgetting anyone", async () => {
    await setUp();
    await addMerchants(h, 300, FIRST);
    await startBroadcast(admin, "Jadwal pemeliharaan sistem", /^Semua merchant/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThan(80), 5_000);
    await h.stopApp();
    const before = broadcastCopies(h, ADMIN_ID).length;
    expect(before).toBeLessThan(300);
    // What a crash in the middle of a call leaves behind: rows claimed, outcome unknown.
    const claimed = (await recipients()).filter((r) => r.status === "pending").slice(0, 3);
    for (const { broadcastId, merchantId } of claimed) await h.update("broadcastRecipients", { status: "sending" }, { broadcastId, merchantId });
    const interrupted = claimed.map((r) => r.merchantId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(broadcastCopies(h, ADMIN_ID).length).toBe(before);

    await h.restart();
    await admin.expect("Pengumuman #1 selesai", 10_000);
    const perChat = copiesPerChat(broadcastCopies(h, ADMIN_ID));
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    // Everyone got their copy except the three whose call was (as far as we know) cut off mid-way:
    // they are reported failed rather than risk a second copy.
    expect(perChat.size).toBe(297);
    for (const id of interrupted) {
      expect(perChat.has(id)).toBe(false);
      expect((await recipients()).find((r) => r.merchantId === id)).toMatchObject({ status: "failed", error: "interrupted: delivery unknown" });
    }
    expect((await recipients()).filter((r) => r.status === "sent")).toHaveLength(297);
  });
});

describe("claiming several copies at once (fast limits)", () => {
  it("a stop while Telegram holds us back leaves nothing claimed: the unsent claimed copies go out after the restart", async () => {
    // At 1,000 msg/s the worker claims ten copies per transaction; a 429 holds back the rest of the group.
    await setUp(1_000);
    await addMerchants(h, 300, FIRST);
    let seen = 0;
    h.tg.on("call", (call) => {
      if (call.method === "copyMessage" && Number(call.params.chat_id) !== ADMIN_ID && ++seen === 25) {
        h.tg.injectFault({ method: "copyMessage", status: 429, retryAfter: 5, times: 1 });
      }
    });
    await startBroadcast(admin, "Jadwal pemeliharaan sistem", /^Semua merchant/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).some((c) => c.error_code === 429)).toBe(true), 5_000);
    await h.stopApp();
    expect((await recipients()).filter((r) => r.status === "sending")).toEqual([]);

    await h.restart();
    await admin.expect("Pengumuman #1 selesai", 15_000);
    const perChat = copiesPerChat(broadcastCopies(h, ADMIN_ID));
    expect(perChat.size).toBe(300);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect((await recipients()).filter((r) => r.status === "sent")).toHaveLength(300);
  });
});

describe("Telegram errors", () => {
  it("retries a 5xx later (one copy in the end) and gives up on a 400", async () => {
    await setUp();
    await addMerchants(h, 5, FIRST);
    h.tg.injectFault({ method: "copyMessage", chatId: FIRST + 1, status: 502, times: 2 });
    h.tg.injectFault({ method: "copyMessage", chatId: FIRST + 2, status: 400, times: 1, description: "Bad Request: chat not found" });
    await startBroadcast(admin, "Coba kirim", /^Semua merchant \(5\)$/);
    await eventually(async () => expect((await recipients()).find((r) => r.merchantId === FIRST + 1)).toMatchObject({ status: "pending", attempts: 1 }));
    // The retry waits for its time on the clock; everyone else is done meanwhile.
    await eventually(async () => expect((await recipients()).filter((r) => r.status === "sent")).toHaveLength(3));
    h.clock.advance(1_000);
    await eventually(async () => expect((await recipients()).find((r) => r.merchantId === FIRST + 1)).toMatchObject({ status: "pending", attempts: 2 }));
    h.clock.advance(1_000);
    const report = await admin.expect("Pengumuman #1 selesai", 5_000);
    expect(report.text).toContain("Terkirim: 4");
    expect(report.text).toContain("Gagal: 1");
    expect(await statusOf(FIRST + 1)).toBe("sent");
    expect((await recipients()).find((r) => r.merchantId === FIRST + 2)).toMatchObject({ status: "failed", error: "Bad Request: chat not found" });
    const perChat = copiesPerChat(broadcastCopies(h, ADMIN_ID));
    expect(perChat.get(FIRST + 1)).toBe(1);
    expect(perChat.has(FIRST + 2)).toBe(false);
  });
});

describe("the pace", () => {
  it("counts the final report's two calls (edit and new message) against the limit too", async () => {
    const rate = 5;
    await setUp(rate);
    await addMerchants(h, rate, FIRST);
    const status = await startBroadcast(admin, "Lima saja", /^Semua merchant \(5\)$/);
    await admin.expect("Pengumuman #1 selesai", 10_000);
    // The emulator logs a call just after the chat shows its message: wait for the report's own call.
    const worker = await eventually(() => {
      const calls = h.tg.calls.filter(
        (c) =>
          (c.method === "copyMessage" && Number(c.params.chat_id) !== ADMIN_ID) ||
          (c.method === "editMessageText" && Number(c.params.message_id) === status.message_id) ||
          (c.method === "sendMessage" && /Pengumuman #1 selesai/.test(String(c.params.text))),
      );
      // Five copies, the status message turned into the report, and the report as a new message.
      expect(calls).toHaveLength(rate + 2);
      return calls;
    });
    expect(maxInAnyWindow(worker.map((c) => c.at))).toBeLessThanOrEqual(rate);
  });
});

describe("the progress message", () => {
  it("is not edited again when nothing changed (no 'message is not modified')", async () => {
    await setUp();
    await addMerchants(h, 2, FIRST);
    // One copy goes out; the other keeps failing with 502 and waits for its retries, so the counts stand still.
    h.tg.injectFault({ method: "copyMessage", chatId: FIRST + 1, status: 502, times: 10 });
    const status = await startBroadcast(admin, "Sabar ya", /^Semua merchant \(2\)$/);
    await eventually(async () => expect((await recipients()).find((r) => r.merchantId === FIRST + 1)).toMatchObject({ status: "pending", attempts: 1 }));
    await eventually(async () => expect(await statusOf(FIRST)).toBe("sent"));
    const edits = () => h.tg.callsFor("editMessageText").filter((c) => Number(c.params.message_id) === status.message_id);
    for (let turn = 1; turn <= 3; turn++) {
      h.clock.advance(3_000);
      await eventually(async () => expect((await recipients()).find((r) => r.merchantId === FIRST + 1)?.attempts).toBe(turn + 1));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(edits().length).toBeGreaterThanOrEqual(1);
    expect(edits().filter((c) => !c.ok)).toEqual([]);
  });
});

describe("stopping a broadcast", () => {
  it("Batal stops it, skips the rest and reports", async () => {
    await setUp(50);
    await addMerchants(h, 200, FIRST);
    const status = await startBroadcast(admin, "Diskon plugin", /^Semua merchant/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThan(10), 5_000);
    await admin.press(status, "✖️ Batal");
    const report = await admin.expect("Pengumuman #1 dibatalkan", 5_000);
    const sent = broadcastCopies(h, ADMIN_ID).length;
    expect(sent).toBeLessThan(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(broadcastCopies(h, ADMIN_ID).length).toBe(sent);
    expect(report.text).toContain(`Terkirim: ${sent}`);
    expect(report.text).toContain(`Tidak dikirim: ${200 - sent}`);
    await eventually(async () => expect((await h.app.services.broadcasts.get(1))?.finishedAt).toBeInstanceOf(Date));
    expect((await h.app.services.broadcasts.get(1))?.status).toBe("cancelled");

    await admin.say("/broadcast_cancel");
    await admin.expect("Tidak ada pengumuman yang sedang dikirim");
  });

  it("a copy that fails while the broadcast is being cancelled is not left pending: the report still comes", async () => {
    await setUp();
    await addMerchants(h, 20, FIRST);
    const victim = FIRST + 5;
    h.tg.injectFault({ method: "copyMessage", chatId: victim, status: 502, times: 1 });
    // The cancel lands while the call to `victim` is on the wire; its answer (502) arrives after it.
    h.tg.on("call", (call) => {
      if (call.method === "copyMessage" && Number(call.params.chat_id) === victim) void h.app.services.broadcasts.cancel(1, { actorId: ADMIN_ID, actorName: "Admin" });
    });
    await startBroadcast(admin, "Dibatalkan di tengah jalan", /^Semua merchant \(20\)$/);
    const report = await admin.expect("Pengumuman #1 dibatalkan", 5_000);
    expect(report.text).toContain("Penerima: 20");
    expect((await recipients()).filter((r) => r.status === "pending" || r.status === "sending")).toEqual([]);
    expect((await recipients()).find((r) => r.merchantId === victim)).toMatchObject({ status: "skipped" });
    await eventually(async () => expect((await h.app.services.broadcasts.get(1))?.finishedAt).toBeInstanceOf(Date));
    expect(copiesPerChat(broadcastCopies(h, ADMIN_ID)).has(victim)).toBe(false);
  });

  it("/broadcast_cancel stops a running one", async () => {
    await setUp(50);
    await addMerchants(h, 200, FIRST);
    await startBroadcast(admin, "Info", /^Semua merchant/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThan(5), 5_000);
    await admin.say("/broadcast_cancel");
    await admin.expect("Pengumuman #1 dihentikan");
    await admin.expect("Pengumuman #1 dibatalkan", 5_000);
    expect(broadcastCopies(h, ADMIN_ID).length).toBeLessThan(200);
  });
});

describe("who may broadcast", () => {
  it("a non-admin's /broadcast, /stats and Batal reach no one and reveal nothing", async () => {
    await setUp();
    await addMerchants(h, 20, FIRST);
    const stranger = merchant(h, 7001);
    await stranger.say("/perintahaneh");
    const unknown = (await stranger.expect("")).text;
    for (const command of ["/broadcast", "/stats", "/broadcast_cancel"]) {
      await stranger.say(command);
      expect((await stranger.expect("")).text).toBe(unknown);
    }
    await stranger.say("Halo semua");
    await stranger.expect("Saya belum mengerti");

    const status = await startBroadcast(admin, "Hanya dari admin", /^Semua merchant/);
    await stranger.user.craftCallback("bc:cancel:1", status.message_id);
    await admin.expect("Pengumuman #1 selesai", 5_000);
    await eventually(async () => expect((await h.app.services.broadcasts.get(1))?.status).toBe("done"));
    expect(await h.table("broadcasts")).toHaveLength(1);
    // Only the admin's message went out; the stranger got an ordinary copy like every merchant.
    const copies = broadcastCopies(h, ADMIN_ID);
    expect(copies.every((c) => Number(c.params.from_chat_id) === ADMIN_ID)).toBe(true);
    expect(stranger.user.botMessages().filter((m) => /statistik|merchant|pengumuman #/i.test(m.text ?? ""))).toEqual([]);
  });
});

describe("opting out", () => {
  it("muted merchants get no broadcasts but still their payment messages; /pengumuman turns them back on", async () => {
    await setUp();
    await addMerchants(h, 10, FIRST);
    const sari = merchant(h, 6001);
    await sari.topup();
    await startBroadcast(admin, "Pengumuman pertama", /^Semua merchant \(11\)$/);
    const copy = await sari.expect("Pengumuman pertama");
    await admin.expect("Pengumuman #1 selesai", 5_000);
    await sari.press(copy, "🔕 Berhenti terima pengumuman");
    await sari.expect("tidak akan menerima pengumuman lagi");
    expect((await h.app.services.merchants.get(sari.id))?.mutedAt).toBeInstanceOf(Date);

    await startBroadcast(admin, "Pengumuman kedua", /^Semua merchant \(10\)$/);
    await admin.expect("Pengumuman #2 selesai", 5_000);
    expect(sari.count("Pengumuman kedua")).toBe(0);
    expect(copiesPerChat(broadcastCopies(h, ADMIN_ID)).get(FIRST)).toBe(2);

    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.expect("Pembayaran berhasil");

    await sari.say("/pengumuman");
    await sari.expect("Anda akan menerima pengumuman lagi");
    expect((await h.app.services.merchants.get(sari.id))?.mutedAt).toBeNull();
  });

  it("a merchant blocked earlier is left out until they write to the bot again", async () => {
    await setUp();
    await addMerchants(h, 5, FIRST);
    await h.app.services.merchants.markBlocked(FIRST + 1);
    await startBroadcast(admin, "Untuk yang aktif", /^Semua merchant \(4\)$/);
    await admin.expect("Pengumuman #1 selesai", 5_000);
    expect(copiesPerChat(broadcastCopies(h, ADMIN_ID)).has(FIRST + 1)).toBe(false);
    const blockedRow = (await h.table("merchants")).find((m) => m.id === FIRST + 1);
    expect(blockedRow?.blockedAt).toBeInstanceOf(Date);
  });
});

describe("payments keep priority", () => {
  it("a payment confirmation during a broadcast arrives at once", async () => {
    await setUp(50);
    await addMerchants(h, 200, FIRST);
    const sari = merchant(h, 6001);
    await sari.topup();
    await startBroadcast(admin, "Broadcast panjang", /^Semua merchant/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThan(20), 5_000);
    const paidAt = Date.now();
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.expect("Pembayaran berhasil", 2_000);
    expect(Date.now() - paidAt).toBeLessThan(1_000);
    // It really was during the broadcast: copies kept going afterwards.
    // (The emulator logs a call just after the chat shows its message.)
    const confirmation = await eventually(() => {
      const call = h.tg.calls.find((c) => Number(c.params.chat_id) === sari.id && /berhasil/.test(String(c.params.text)));
      expect(call).toBeDefined();
      return call!;
    });
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).some((c) => c.at > confirmation.at + 100)).toBe(true));
    await admin.say("/broadcast_cancel");
    await admin.expect("Pengumuman #1 dibatalkan", 5_000);
  });
});

describe("the bot's limit", () => {
  it("is shared: payments confirmed steadily during a broadcast, the bot's replies and its copies stay within it together", async () => {
    await setUp(25, TELEGRAM_RATE_PER_SECOND);
    await addMerchants(h, 100, FIRST);
    // Their top-ups are paced too (about 16 messages each at 30 a second).
    const payers = Array.from({ length: 8 }, (_, i) => merchant(h, 6100 + i));
    for (const payer of payers) await payer.topup({ phone: `0812${String(4000_0000 + payer.id)}` });
    await startBroadcast(admin, "Broadcast di tengah pembayaran", /^Semua merchant/);
    await eventually(() => expect(broadcastCopies(h, ADMIN_ID).length).toBeGreaterThan(10), 5_000);
    const from = h.tg.calls.length;
    // A busy moment: 20 confirmations a second, each a notification to send while the copies go on, and as many
    // merchants writing to the bot, each answered.
    for (const [index, charge] of h.xendit.charges().entries()) {
      void h.xendit.pay(charge.id);
      void payers[index]!.say("halo");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const payer of payers) await payer.expect("Pembayaran berhasil", 5_000);
    await admin.expect("Pengumuman #1 selesai", 10_000);
    const messages = h.tg.calls.slice(from).filter((c) => ["copyMessage", "sendMessage"].includes(c.method));
    expect(maxInAnyWindow(messages.map((c) => c.at))).toBeLessThanOrEqual(TELEGRAM_RATE_PER_SECOND);
  }, 60_000);
});

describe("what can be broadcast", () => {
  it("a forwarded photo with its caption arrives as a plain copy with its formatting; stickers are refused", async () => {
    await setUp();
    const [toko, shop] = await addMerchants(h, 2, FIRST);
    await admin.say("/broadcast");
    await admin.expect("Pengumuman baru");
    await admin.user.sendMessage({ sticker: { file_id: "stk", file_unique_id: "stk-u", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } });
    await admin.expect("Kirim teks, foto, atau dokumen");
    await admin.user.sendMessage({
      photo: [{ file_id: "promo-photo", file_unique_id: "promo-u", width: 800, height: 600 }],
      caption: "Promo spesial untuk toko Anda",
      caption_entities: [{ type: "italic", offset: 0, length: 5 }],
      forward_origin: { type: "hidden_user", sender_user_name: "Tim Pemasaran", date: 1_790_000_000 },
    });
    await admin.press(await admin.expect("Siapa yang menerima"), "Semua merchant (2)");
    const preview = await admin.user.waitForBotMessage((m) => m.photo !== undefined);
    expect(preview.caption).toBe("Promo spesial untuk toko Anda");
    await admin.press(await admin.expect("Pratinjau"), "✅ Kirim");
    await admin.expect("Pengumuman #1 selesai", 5_000);

    const copy = await toko!.waitForBotMessage((m) => m.photo !== undefined);
    expect(copy.photo?.[0]?.file_id).toBe("promo-photo");
    expect(copy.caption).toBe("Promo spesial untuk toko Anda");
    expect(copy.caption_entities).toEqual([{ type: "italic", offset: 0, length: 5 }]);
    expect(copy.forward_origin).toBeUndefined();
    // The opt-out button speaks each merchant's language.
    expect(copy.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["🔕 Berhenti terima pengumuman"]);
    const english = await shop!.waitForBotMessage((m) => m.photo !== undefined);
    expect(english.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(["🔕 Stop announcements"]);
  });
});
