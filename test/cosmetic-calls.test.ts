import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Fault } from "../src/emulators/telegram/index.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";
import { paidTopup } from "./helpers/payments.js";

let h: Harness;
let sari: Merchant;
beforeEach(async () => {
  h = await startHarness({ config: { payments: { checkAfterSeconds: 70, maxChargesPerPhonePerHour: 1_000, maxChargesPerPhonePerHourTotal: 3_000 } } });
  sari = merchant(h, 3001);
  await sari.say("/start");
  await sari.expect("Halo");
});
afterEach(async () => {
  await h.close();
});

type Failure = Omit<Fault, "method" | "times">;

/** Every way a Bot API call fails: refused, unknown to this Bot API, rate limited, broken server, no answer at all. */
const failures: [string, Failure][] = [
  ["400 message can't be edited", { status: 400, description: "Bad Request: message can't be edited" }],
  ["404 unknown method", { status: 404 }],
  ["429 flood wait", { status: 429, retryAfter: 5 }],
  ["500", { status: 500 }],
  ["502", { status: 502 }],
  ["a dropped connection", { status: "network" }],
];
/** The failures that no retry hides: a content edit or a reply must then reach the merchant another way. */
const refusals = failures.filter(([, failure]) => failure.status === 400 || failure.status === 404).concat([["429 beyond the wait limit", { status: 429, retryAfter: 30 }]]);

const cosmetic = /^(sendChatAction|setMyCommands|answerCallbackQuery|editMessageReplyMarkup)$/;

const failed = (method: string) => h.tg.callsFor(method).filter((call) => !call.ok);

describe.each(failures)("every cosmetic call fails with %s", (_, failure) => {
  beforeEach(() => {
    h.tg.injectFault({ method: cosmetic, times: Infinity, ...failure });
  });

  it("the app starts anyway (the command menu is registered at start), a top-up across a restart reaches Konfirmasi Pembayaran, /status answers", async () => {
    await h.restart();
    await eventually(() => expect(failed("setMyCommands").length).toBeGreaterThan(0));
    await sari.toPhoneStep();
    // The conversation is replayed from its stored log, failed calls included.
    await h.restart();
    await sari.say("0812-3456-7890");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    expect(h.xendit.charges()).toHaveLength(1);
    expect(h.xendit.charges()[0]).toMatchObject({ charge_amount: 100_000 });
    await sari.say("/status");
    expect((await sari.expect("Status Pembayaran")).text).toContain("Rp100.000");
    for (const method of ["sendChatAction", "answerCallbackQuery", "editMessageReplyMarkup"]) expect(failed(method).length).toBeGreaterThan(0);
    expect(sari.count("terjadi kesalahan")).toBe(0);
  });

  it("/riwayat pages, a payment's details and the invoice PDF still arrive", async () => {
    for (let n = 0; n < 6; n++) await paidTopup(h, sari, 10_000 + n * 1_000, n);
    await sari.say("/riwayat");
    const list = await sari.expect("History Pembayaran");
    await sari.press(list, "▶");
    const second = await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes("halaman 2/2"));
    await sari.press(second, second.reply_markup!.inline_keyboard[0]![0]!.text);
    const detail = await sari.user.waitForEdit(list.message_id, (m) => (m.text ?? "").includes("Detail pembayaran"));
    await sari.press(detail, "🧾 Invoice");
    const invoice = await sari.expect("Invoice Coin Premium");
    expect(invoice.document?.file_name).toMatch(/\.pdf$/);
    expect(failed("sendChatAction").length).toBeGreaterThan(0);
    expect(sari.count("terjadi kesalahan")).toBe(0);
  });

  it("/language still changes the language and says so", async () => {
    await sari.say("/language");
    await sari.press(await sari.expect("Pilih bahasa"), "🇬🇧 English");
    await sari.expect("Language changed");
    await eventually(() => expect(failed("setMyCommands").length).toBeGreaterThan(0));
    expect(sari.count("terjadi kesalahan")).toBe(0);
  });
});

describe.each(refusals)("Telegram refuses an edit or a keyboard removal with %s", (_, failure) => {
  it("the E-Wallet → OVO step arrives as a new message, and the top-up goes on", async () => {
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "Rp100.000");
    const method = await sari.expect("Pilih metode");
    h.tg.injectFault({ method: "editMessageText", times: Infinity, ...failure });
    await sari.press(method, "E-Wallet");
    await sari.press(await sari.expect("Pilih e-wallet"), "OVO");
    await sari.press(await sari.expect("Ringkasan"), "✅ Lanjutkan");
    await sari.expect("Masukkan nomor HP");
    // The next message is the one that takes the number keyboard away.
    h.tg.injectFault({ method: "sendMessage", times: 1, ...failure });
    await sari.say("0812-3456-7890");
    await sari.expect("Nomor OVO: 0812****7890");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    expect(h.xendit.charges()).toHaveLength(1);
    expect(failed("editMessageText")).toHaveLength(1);
    expect(failed("sendMessage")).toHaveLength(1);
    expect(sari.count("terjadi kesalahan")).toBe(0);
  });

  it("a history page and a payment's details arrive as new messages", async () => {
    for (let n = 0; n < 6; n++) await paidTopup(h, sari, 10_000 + n * 1_000, n);
    await sari.say("/riwayat");
    const list = await sari.expect("History Pembayaran");
    h.tg.injectFault({ method: "editMessageText", times: Infinity, ...failure });
    await sari.press(list, "▶");
    const second = await sari.expect("halaman 2/2");
    await sari.press(second, second.reply_markup!.inline_keyboard[0]![0]!.text);
    await sari.press(await sari.expect("Detail pembayaran"), "🧾 Invoice");
    await sari.expect("Invoice Coin Premium");
    expect(failed("editMessageText")).toHaveLength(2);
    expect(sari.count("terjadi kesalahan")).toBe(0);
  });
});

describe("the command menu", () => {
  // Start-up used to wait for it: a flood wait on the menu held the webhook and readiness back for auto-retry's sleeps.
  it("is not waited for at start: with setMyCommands never answered, the restarted bot serves a top-up and /saldo", async () => {
    h.tg.injectFault({ method: "setMyCommands", times: Infinity, status: "hang" });
    await h.restart();
    await sari.toPhoneStep();
    await sari.say("0812-3456-7890");
    await sari.press(await sari.expect("Tekan OK"), "OK");
    await sari.expect("Konfirmasi Pembayaran");
    await sari.say("/saldo");
    await sari.expect("Saldo Coin Premium");
  });
});
