import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Fault } from "../src/emulators/telegram/index.js";
import type { MethodId } from "../src/payments/methods.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";
import { cancelled, openTopup, settle } from "./helpers/methods.js";

let h: Harness;
let sari: Merchant;
let john: Merchant;
beforeEach(async () => {
  h = await startHarness();
  sari = merchant(h, 7101);
  john = merchant(h, 7102, { language_code: "en" });
  await sari.say("/start");
  await sari.expect("Halo");
  await john.say("/start");
  await john.expect("Hello");
});
afterEach(async () => {
  await h.close();
});

const buttons = (message: { reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] } }) =>
  message.reply_markup?.inline_keyboard.flat().map((b) => [b.text, b.callback_data]) ?? [];

const outboxRows = () => h.table("outbox");

/** Each method's name in the notices, and why a payment declined by the payer failed, in both languages. */
const methods: { id: MethodId; label: string; declined: { id: string; en: string } }[] = [
  { id: "OVO", label: "OVO 0812****7890", declined: { id: "Pembayaran ditolak di aplikasi OVO.", en: "The payment was declined in the OVO app." } },
  { id: "DANA", label: "DANA", declined: { id: "Pembayaran ditolak di aplikasi DANA.", en: "The payment was declined in the DANA app." } },
  { id: "SHOPEEPAY", label: "ShopeePay", declined: { id: "Pembayaran ditolak di aplikasi ShopeePay.", en: "The payment was declined in the ShopeePay app." } },
  { id: "LINKAJA", label: "LinkAja", declined: { id: "Pembayaran ditolak di aplikasi LinkAja.", en: "The payment was declined in the LinkAja app." } },
  {
    id: "QRIS",
    label: "QRIS",
    declined: { id: "Pembayaran ditolak di aplikasi yang dipakai untuk memindai QR.", en: "The payment was declined in the app used to scan the QR." },
  },
  { id: "BCA_VA", label: "BCA Virtual Account", declined: { id: "Transfer ditolak oleh bank.", en: "The transfer was declined by the bank." } },
  { id: "MANDIRI_VA", label: "Mandiri Virtual Account", declined: { id: "Transfer ditolak oleh bank.", en: "The transfer was declined by the bank." } },
];

describe.each(methods)("the notices of a $id top-up", ({ id, label, declined }) => {
  it("success: names the method, with Invoice, Saldo and 🔁 Top up lagi (rp:<id>), in both languages", async () => {
    const forSari = await openTopup(h, sari, id);
    const forJohn = await openTopup(h, john, id, { amount: 250_000 });
    expect(await settle(h, forSari, "SUCCEEDED")).toBe("credited");
    expect(await settle(h, forJohn, "SUCCEEDED")).toBe("credited");

    const notice = await sari.expect("Pembayaran berhasil");
    expect(notice.text).toContain(`Nominal: Rp100.000 · ${label}\nSaldo Coin Premium: Rp100.000`);
    expect(buttons(notice)).toEqual([
      ["🧾 Invoice", `inv:${forSari.id}`],
      [expect.stringContaining("Saldo"), "menu:balance"],
      ["🔁 Top up lagi", `rp:${forSari.id}`],
    ]);
    const english = await john.expect("Payment successful");
    expect(english.text).toContain(`Amount: Rp250.000 · ${label}\nCoin Premium balance: Rp250.000`);
    expect(buttons(english).at(-1)).toEqual(["🔁 Top up again", `rp:${forJohn.id}`]);
  });

  it("failure: names the method and says why in its words, with Coba lagi", async () => {
    const forSari = await openTopup(h, sari, id);
    const forJohn = await openTopup(h, john, id);
    expect(await settle(h, forSari, "FAILED", "USER_DECLINED_PAYMENT")).toBe("failed");
    expect(await settle(h, forJohn, "FAILED", "USER_DECLINED_PAYMENT")).toBe("failed");

    const notice = await sari.expect("Pembayaran gagal");
    expect(notice.text).toBe(`❌ Pembayaran gagal\nNominal: Rp100.000 · ${label}\n${declined.id}\nSaldo Anda tidak terpotong.`);
    expect(buttons(notice)).toEqual([["🔁 Coba lagi", `retry:${forSari.id}`]]);
    expect((await john.expect("Payment failed")).text).toBe(`❌ Payment failed\nAmount: Rp100.000 · ${label}\n${declined.en}\nNothing was charged.`);
  });
});

describe("reasons of Payments API v3 failures", () => {
  const v3Codes = [
    "USER_DID_NOT_AUTHORIZE",
    "USER_DECLINED_PAYMENT",
    "INSUFFICIENT_BALANCE",
    "INVALID_ACCOUNT_DETAILS",
    "ACCOUNT_ACCESS_BLOCKED",
    "USER_DEVICE_UNREACHABLE",
    "PAYMENT_REQUEST_EXPIRED",
    "PARTNER_TIMEOUT_ERROR",
    "CANCELLED",
  ];
  const reasonOf = (text: string | undefined) => text!.split("\n")[2]!;

  it.each(["DANA", "QRIS", "BRI_VA"] as const)("each is explained for %s in both languages; an unknown code gets the generic reason", async (id) => {
    const reasons: Record<"id" | "en", string[]> = { id: [], en: [] };
    for (const code of [...v3Codes, "SOMETHING_NEW"]) {
      await settle(h, await openTopup(h, sari, id), "FAILED", code);
      await settle(h, await openTopup(h, john, id), "FAILED", code);
      reasons.id.push(reasonOf((await sari.expect("Pembayaran gagal")).text));
      reasons.en.push(reasonOf((await john.expect("Payment failed")).text));
    }
    const generic = { id: reasons.id.pop()!, en: reasons.en.pop()! };
    const method = { DANA: "DANA", QRIS: "QRIS", BRI_VA: "BRI Virtual Account" }[id];
    expect(generic).toEqual({ id: `Pembayaran ${method} tidak berhasil diproses.`, en: `${method} could not process the payment.` });
    for (const language of ["id", "en"] as const) {
      // Every code has its own sentence, none of them OVO's, none with a variable left out.
      expect(reasons[language]).not.toContain(generic[language]);
      expect(new Set(reasons[language]).size).toBe(v3Codes.length);
      for (const reason of reasons[language]) expect(reason).not.toMatch(/OVO|\{|\}/);
    }
  });

  it("speak of the e-wallet, the QR or the bank", async () => {
    const cases: [MethodId, string, string][] = [
      ["DANA", "USER_DID_NOT_AUTHORIZE", "Pembayaran tidak disetujui di checkout DANA."],
      ["SHOPEEPAY", "INSUFFICIENT_BALANCE", "Saldo ShopeePay tidak cukup. Isi saldo ShopeePay lalu coba lagi."],
      ["QRIS", "PAYMENT_REQUEST_EXPIRED", "QR kedaluwarsa sebelum dibayar."],
      ["BCA_VA", "PARTNER_TIMEOUT_ERROR", "Bank BCA tidak menjawab tepat waktu. Silakan coba lagi."],
      ["BNI_VA", "PAYMENT_REQUEST_EXPIRED", "Virtual account kedaluwarsa sebelum dibayar."],
    ];
    for (const [id, code, reason] of cases) {
      await settle(h, await openTopup(h, sari, id), "FAILED", code);
      expect(reasonOf((await sari.expect("Pembayaran gagal")).text)).toBe(reason);
    }
  });
});

describe("a top-up that ran out unpaid", () => {
  it.each([
    ["QRIS", "⌛ QR kedaluwarsa\nQR untuk pembayaran Rp100.000 tidak dibayar dalam batas waktu dan tidak berlaku lagi.", "⌛ QR expired\nThe QR for the payment of Rp100.000"],
    [
      "BCA_VA",
      "⌛ Virtual account kedaluwarsa\nNomor BCA Virtual Account untuk pembayaran Rp100.000 tidak dibayar dalam batas waktu dan tidak berlaku lagi. Jangan transfer ke nomor itu.",
      "⌛ Virtual account expired\nThe BCA Virtual Account number for the payment of Rp100.000 was not paid in time and is no longer valid. Do not transfer to it.",
    ],
    ["DANA", "⌛ Waktu pembayaran habis\nPembayaran Rp100.000 dengan DANA tidak disetujui dalam batas waktu.", "The payment of Rp100.000 with DANA was not approved in time."],
  ] as const)("%s: the gateway's EXPIRED is told honestly, with Coba lagi", async (id, indonesian, english) => {
    const forSari = await openTopup(h, sari, id);
    await settle(h, forSari, "EXPIRED");
    await settle(h, await openTopup(h, john, id), "EXPIRED");
    const notice = await sari.expect("⌛");
    expect(notice.text).toContain(indonesian);
    expect(notice.text).not.toContain("OVO");
    expect(buttons(notice)).toEqual([["🔁 Coba lagi", `retry:${forSari.id}`]]);
    expect((await john.expect("⌛")).text).toContain(english);
  });

  it("OVO: the push ran out, worded as before (the OVO app, the number)", async () => {
    await h.app.services.settlement.expire(await openTopup(h, sari, "OVO"), "EXPIRED", new Date(h.clock.now().getTime() + 86_400_000));
    expect((await sari.expect("Waktu pembayaran habis")).text).toBe(
      "⌛ Waktu pembayaran habis\nPembayaran Rp100.000 ke nomor OVO 0812****7890 tidak terkonfirmasi dalam batas waktu.\n" +
        "Jika saldo OVO Anda terpotong, Coin Premium akan ditambahkan otomatis begitu OVO mengonfirmasi.",
    );
  });

  it("a v3 top-up the gateway never answered about says so without speaking of OVO", async () => {
    await h.app.services.settlement.expire(await openTopup(h, sari, "QRIS"), "STATUS_CHECK_FAILED", new Date(h.clock.now().getTime() + 86_400_000));
    expect((await sari.expect("Pembayaran tidak terkonfirmasi")).text).toBe(
      "⌛ Pembayaran tidak terkonfirmasi\nPembayaran Rp100.000 dengan QRIS: Status pembayaran tidak dapat kami periksa di penyedia pembayaran.\n" +
        "Jika Anda sudah membayar, Coin Premium akan ditambahkan otomatis begitu pembayaran dikonfirmasi.",
    );
  });
});

describe("a cancelled top-up", () => {
  it("topup.cancelled: Top up dibatalkan — the QR / VA number is no longer valid, with Coba lagi, in both languages", async () => {
    const qr = await openTopup(h, sari, "QRIS");
    await cancelled(h, qr);
    const notice = await sari.expect("Top up dibatalkan");
    expect(notice.text).toBe(
      "✖️ Top up dibatalkan — QR sebelumnya tidak berlaku lagi.\nNominal: Rp100.000 · QRIS\n" +
        "Jika Anda sempat membayar sebelum dibatalkan, Coin Premium tetap ditambahkan otomatis.",
    );
    expect(buttons(notice)).toEqual([["🔁 Coba lagi", `retry:${qr.id}`]]);
    await cancelled(h, await openTopup(h, sari, "BCA_VA"));
    expect((await sari.expect("Top up dibatalkan")).text).toContain("nomor VA sebelumnya tidak berlaku lagi. Jangan transfer ke nomor itu.\nNominal: Rp100.000 · BCA Virtual Account");
    await cancelled(h, await openTopup(h, john, "QRIS"));
    expect((await john.expect("Top-up cancelled")).text).toContain("the previous QR is no longer valid");
    const kinds = (await outboxRows()).map((row) => row.kind);
    expect(kinds).toEqual(["topup.cancelled", "topup.cancelled", "topup.cancelled"]);
  });

  it("one the gateway cancelled (CANCELED, announced as expired) reads the same, not as Kedaluwarsa", async () => {
    const va = await openTopup(h, sari, "PERMATA_VA");
    expect(await settle(h, va, "CANCELED")).toBe("expired");
    const notice = await sari.expect("Top up dibatalkan");
    expect(notice.text).toContain("nomor VA sebelumnya tidak berlaku lagi");
    expect(notice.text).toContain("Permata Virtual Account");
    expect(notice.text).not.toContain("kedaluwarsa");
    expect((await outboxRows()).map((row) => row.kind)).toEqual(["topup.expired"]);
  });
});

type Failure = Omit<Fault, "method" | "times">;
/** How Telegram may refuse a cosmetic call (the list of test/cosmetic-calls.test.ts). */
const refusals: [string, Failure][] = [
  ["400", { status: 400, description: "Bad Request: message can't be deleted for everyone" }],
  ["429", { status: 429, retryAfter: 30 }],
  ["500", { status: 500 }],
  ["a dropped connection", { status: "network" }],
];

const messageOf = (m: Merchant, messageId: number) => m.user.messages().find((message) => message.message_id === messageId)!;

describe("the old QR, account or checkout message once the top-up ends", () => {
  it("a paid QR's photo is deleted, after the notice went out", async () => {
    const qr = await openTopup(h, sari, "QRIS", { prompt: true });
    await settle(h, qr, "SUCCEEDED");
    await sari.expect("Pembayaran berhasil");
    await eventually(() => expect(messageOf(sari, qr.promptMessageId!).deleted).toBe(true));
    const methods = h.tg.calls.map((call) => call.method);
    expect(methods.lastIndexOf("sendMessage")).toBeLessThan(methods.indexOf("deleteMessage"));
    expect(h.tg.callsFor("editMessageCaption")).toHaveLength(0);
  });

  it.each(["expired", "cancelled", "failed"] as const)("a QR that Telegram will not delete says under it that it no longer counts (%s), its buttons gone", async (ending) => {
    h.tg.injectFault({ method: "deleteMessage", status: 400, description: "Bad Request: message can't be deleted for everyone", times: 1 });
    const qr = await openTopup(h, sari, "QRIS", { prompt: true });
    if (ending === "cancelled") await cancelled(h, qr);
    else if (ending === "expired") await settle(h, qr, "EXPIRED");
    else await settle(h, qr, "FAILED", "USER_DECLINED_PAYMENT");
    const caption = {
      expired: "⌛ QR ini sudah tidak berlaku — kedaluwarsa.",
      cancelled: "✖️ QR ini sudah tidak berlaku — dibatalkan.",
      failed: "❌ QR ini sudah tidak berlaku — pembayaran gagal.",
    }[ending];
    const edited = await sari.user.waitForEdit(qr.promptMessageId!);
    expect(edited).toMatchObject({ deleted: false, caption: `${caption}\nNominal: Rp100.000. Jangan dipindai lagi.` });
    expect(edited.reply_markup).toBeUndefined();
    expect(edited.photo).toBeDefined();
  });

  it("in English too", async () => {
    h.tg.injectFault({ method: "deleteMessage", status: 400, times: 1 });
    const qr = await openTopup(h, john, "QRIS", { prompt: true });
    await settle(h, qr, "SUCCEEDED");
    const edited = await john.user.waitForEdit(qr.promptMessageId!);
    expect(edited.caption).toBe("✅ This QR is no longer valid — already paid.\nAmount: Rp100.000. Do not scan it again.");
  });

  it.each([
    ["BCA_VA", "cancelled", "✖️ BCA Virtual Account Rp100.000 dibatalkan — jangan transfer ke nomor ini."],
    ["BRI_VA", "succeeded", "✅ BRI Virtual Account Rp100.000 sudah dibayar — jangan transfer ke nomor ini lagi."],
    ["MANDIRI_VA", "expired", "⌛ Mandiri Virtual Account Rp100.000 kedaluwarsa — jangan transfer ke nomor ini."],
    ["DANA", "succeeded", "✅ Checkout DANA Rp100.000 sudah dibayar."],
    ["LINKAJA", "expired", "⌛ Checkout LinkAja Rp100.000 kedaluwarsa — tautan ini tidak berlaku lagi."],
  ] as const)("a %s message (%s) is edited to a short word, without the number or its buttons", async (id, ending, text) => {
    const topup = await openTopup(h, sari, id, { prompt: true });
    if (ending === "cancelled") await cancelled(h, topup);
    else await settle(h, topup, ending === "succeeded" ? "SUCCEEDED" : "EXPIRED");
    const edited = await sari.user.waitForEdit(topup.promptMessageId!);
    expect(edited.text).toBe(text);
    expect(edited.text).not.toContain(topup.payCode!);
    expect(edited.reply_markup).toBeUndefined();
    expect(h.tg.callsFor("deleteMessage")).toHaveLength(0);
  });

  it("a top-up without a prompt (an OVO push) touches no message", async () => {
    await settle(h, await openTopup(h, sari, "OVO"), "SUCCEEDED");
    await settle(h, await openTopup(h, sari, "QRIS"), "SUCCEEDED");
    await sari.expect("QRIS");
    expect(h.tg.calls.filter((call) => /^(deleteMessage|editMessage)/.test(call.method))).toHaveLength(0);
  });

  describe.each(refusals)("Telegram refuses every delete and edit with %s", (_, failure) => {
    it("the notice still arrives and is recorded sent, once, and the next ones too", async () => {
      h.tg.injectFault({ method: /^(deleteMessage|editMessageCaption|editMessageText)$/, times: Infinity, ...failure });
      const qr = await openTopup(h, sari, "QRIS", { prompt: true });
      const va = await openTopup(h, john, "BNI_VA", { prompt: true });
      await settle(h, qr, "SUCCEEDED");
      await cancelled(h, va);
      await sari.expect("Pembayaran berhasil");
      await john.expect("Top-up cancelled");
      await eventually(() => {
        for (const method of ["deleteMessage", "editMessageCaption", "editMessageText"]) expect(h.tg.callsFor(method).filter((call) => !call.ok)).toHaveLength(1);
      });
      const another = await openTopup(h, sari, "DANA", { prompt: true });
      await settle(h, another, "FAILED", "USER_DID_NOT_AUTHORIZE");
      await sari.expect("Pembayaran gagal");
      await eventually(async () => expect((await outboxRows()).map((row) => row.status)).toEqual(["sent", "sent", "sent"]));
      expect(await h.table("exceptions")).toHaveLength(0);
      expect(messageOf(sari, qr.promptMessageId!).deleted).toBe(false);
      expect(sari.count("Pembayaran berhasil")).toBe(1);
    });
  });

  it("a delete that Telegram never answers holds back neither the notice nor the next ones", async () => {
    const hang = h.tg.injectFault({ method: "deleteMessage", status: "hang", times: 100 });
    await settle(h, await openTopup(h, sari, "QRIS", { prompt: true }), "SUCCEEDED");
    await sari.expect("Pembayaran berhasil");
    // The delete is held without an answer.
    await eventually(() => expect(hang.remaining).toBe(99));
    for (let n = 0; n < 3; n++) await settle(h, await openTopup(h, john, "QRIS", { prompt: true }), "EXPIRED");
    await eventually(() => expect(john.count("QR expired")).toBe(3));
    expect(await outboxRows()).toHaveLength(4);
    hang.remove();
  });
});
