import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEPT_REPEATS } from "../src/payments/callback-repeats.js";
import { balanceOf } from "../src/payments/ledger.js";
import { failUpdates } from "./helpers/faults.js";
import { CALLBACK_TOKEN, eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
let chargeId: string;
let referenceId: string;

beforeEach(async () => {
  h = await startHarness({ captureLogs: "warn" });
  sari = merchant(h, 3001);
  await sari.topup({ amount: "Rp100.000" });
  const charge = h.xendit.charges()[0]!;
  chargeId = charge.id;
  referenceId = charge.reference_id;
});
afterEach(async () => {
  await h.close();
});

function callbackBody(overrides: Record<string, unknown> = {}) {
  const charge = h.xendit.charge(chargeId)!;
  return {
    event: "ewallet.capture",
    business_id: "biz",
    created: new Date().toISOString(),
    data: { ...charge, status: "SUCCEEDED", capture_amount: charge.charge_amount, ...overrides },
  };
}

/** An e-wallet refund callback for our charge, a shape the bot does not handle. */
function refundBody() {
  return {
    event: "ewallet.refund",
    business_id: "biz",
    created: new Date().toISOString(),
    data: { id: "ewr_1", charge_id: chargeId, reference_id: referenceId, status: "SUCCEEDED", currency: "IDR", refund_amount: 100_000, channel_code: "ID_OVO" },
  };
}

async function post(body: unknown, { token = CALLBACK_TOKEN, raw }: { token?: string | null; raw?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers["x-callback-token"] = token;
  return fetch(`${h.baseUrl}/webhooks/xendit`, { method: "POST", headers, body: raw ?? JSON.stringify(body) });
}

const balance = async () => (await balanceOf(h.app.services.database.stores, sari.id));
const notified = (pattern: string) => sari.count(pattern);
const events = () => h.table("webhookEvents");
/** Everything a callback could change about money and messages. */
async function moneyState() {
  return { ledger: await h.table("ledgerEntries"), topups: await h.table("topups"), outbox: await h.table("outbox") };
}

/** Posts an authenticated callback the bot does not act on: 200 "ignored", and nothing about money or messages changes. */
async function expectIgnored(body: unknown, raw?: string) {
  const before = await moneyState();
  const response = await post(body, { raw });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ outcome: "ignored" });
  // Give a wrongly woken dispatcher or check the time to show itself.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await moneyState()).toEqual(before);
  expect(await balance()).toBe(0);
}

describe("POST /webhooks/xendit", () => {
  it("credits a SUCCEEDED payment exactly once however often it is delivered", async () => {
    const answers = await Promise.all([post(callbackBody()), post(callbackBody()), post(callbackBody())]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await sari.expect("Pembayaran berhasil");
    expect(await balance()).toBe(100_000);
    await h.xendit.sendCallback(chargeId, { overrides: { data: { status: "SUCCEEDED", capture_amount: 100_000 } } });
    await h.restart();
    expect((await post(callbackBody())).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await balance()).toBe(100_000);
    expect(notified("Pembayaran berhasil")).toBe(1);
  });

  it("never lets a later, different status overwrite a final one", async () => {
    expect((await post(callbackBody())).status).toBe(200);
    expect((await post(callbackBody({ status: "FAILED", failure_code: "USER_DECLINED_PAYMENT" }))).status).toBe(200);
    expect((await post(callbackBody({ status: "PENDING" }))).status).toBe(200);
    await sari.expect("Pembayaran berhasil");
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await balance()).toBe(100_000);
    expect(notified("Pembayaran gagal")).toBe(0);
  });

  it("keeps a failure final when a success arrives after it, and flags it", async () => {
    expect((await post(callbackBody({ status: "FAILED", failure_code: "INSUFFICIENT_BALANCE" }))).status).toBe(200);
    const failed = await sari.expect("Pembayaran gagal");
    expect(failed.text).toContain("Saldo OVO tidak cukup");
    expect(failed.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain("🔁 Coba lagi");
    expect((await post(callbackBody())).status).toBe(200);
    expect(await balance()).toBe(0);
    expect((await h.app.services.topups.latest(sari.id))?.flag).toMatch(/SUCCEEDED after FAILED/);
  });

  it("refuses a forged or missing token with 401 and changes nothing", async () => {
    expect((await post(callbackBody(), { token: "wrong-token" })).status).toBe(401);
    expect((await post(callbackBody(), { token: null })).status).toBe(401);
    expect((await post(callbackBody(), { token: `${CALLBACK_TOKEN}x` })).status).toBe(401);
    expect((await post(refundBody(), { token: "wrong-token" })).status).toBe(401);
    expect(await balance()).toBe(0);
    expect((await h.app.services.topups.latest(sari.id))?.status).toBe("pending");
    expect((await events())).toEqual([]);
  });

  it("answers 200 ignored to a charge whose reference it never created, records it and warns", async () => {
    await expectIgnored(callbackBody({ reference_id: "cp-unknown", id: "ewc_unknown" }));
    expect((await events())).toMatchObject([{ event: "ewallet.capture", referenceId: "cp-unknown", chargeId: "ewc_unknown", status: "SUCCEEDED", outcome: "unknown" }]);
    expect(h.logs.filter((l) => l.reference === "cp-unknown").map((l) => l.level)).toEqual([40]);
    expect(h.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it("answers 200 ignored to a refund, records it and changes nothing", async () => {
    await expectIgnored(refundBody());
    expect((await events())).toMatchObject([{ event: "ewallet.refund", chargeId, referenceId, status: "SUCCEEDED", outcome: "ignored" }]);
    expect((await h.app.services.topups.latest(sari.id))?.status).toBe("pending");
  });

  it.each([
    ["another event type", { event: "payment_method.activated", data: { id: "pm_1", status: "ACTIVE" } }, { event: "payment_method.activated", chargeId: "pm_1", status: "ACTIVE" }],
    ["an envelope without an event", { data: { id: "x" } }, { event: null, chargeId: "x", referenceId: null, status: null }],
  ])("answers 200 ignored to %s and records it", async (_name, body, recorded) => {
    await expectIgnored(body);
    expect((await events())).toMatchObject([{ ...recorded, outcome: "ignored" }]);
  });

  it.each([
    ["no data", () => ({ event: "ewallet.capture" }), { referenceId: null }],
    ["data that is not an object", () => ({ event: "ewallet.capture", data: "SUCCEEDED" }), { referenceId: null }],
    ["a float amount", () => callbackBody({ capture_amount: 100_000.5 }), { referenceId: "ours", status: "SUCCEEDED" }],
    ["an unknown status", () => callbackBody({ status: "PAID" }), { referenceId: "ours", status: "PAID" }],
  ])("answers 200 ignored to an e-wallet capture with %s and records it", async (_name, body, recorded) => {
    await expectIgnored(body());
    const reference = recorded.referenceId === "ours" ? referenceId : recorded.referenceId;
    expect((await events())).toMatchObject([{ ...recorded, event: "ewallet.capture", referenceId: reference, outcome: "ignored" }]);
    expect(h.logs.some((l) => l.level === 40 && /ignored/.test(l.msg))).toBe(true);
  });

  it("does not credit a different amount or currency, and flags the top-up", async () => {
    expect((await post(callbackBody({ capture_amount: 1_000, charge_amount: 1_000 }))).status).toBe(200);
    expect((await post(callbackBody({ currency: "USD" }))).status).toBe(200);
    expect(await balance()).toBe(0);
    const topup = (await h.app.services.topups.latest(sari.id))!;
    expect(topup.status).toBe("pending");
    expect(topup.flag).toMatch(/expected IDR 100000/);
    expect(notified("Pembayaran berhasil")).toBe(0);
    // Left for an operator, it does not keep the merchant from topping up again.
    expect((await sari.topup()).text).toContain("Konfirmasi Pembayaran");
  });

  it("does not credit a callback whose charge id differs from the one we created", async () => {
    expect((await post(callbackBody({ id: "ewc_someone_else" }))).status).toBe(200);
    expect(await balance()).toBe(0);
  });

  // Not a callback envelope at all (Xendit always sends a JSON object): a bad request that changes nothing.
  it.each([
    ["malformed JSON", "{not json"],
    ["an empty body", ""],
    ["a JSON array", JSON.stringify([{ event: "ewallet.capture" }])],
    ["a JSON string", JSON.stringify("ewallet.capture")],
  ])("answers 400 to %s and records nothing", async (_name, raw) => {
    expect((await post(undefined, { raw })).status).toBe(400);
    expect(await balance()).toBe(0);
    expect((await events())).toEqual([]);
  });

  it("answers 413 to a huge body", async () => {
    const body = callbackBody({ metadata: { padding: "x".repeat(100_000) } });
    expect((await post(body)).status).toBe(413);
    expect(await balance()).toBe(0);
  });

  it("answers 413 to a huge body sent in chunks without a length, and reads no further", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${h.baseUrl}/webhooks/xendit`);
      const req = request(url, { method: "POST", headers: { "content-type": "application/json", "x-callback-token": CALLBACK_TOKEN } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      // 40 chunks of 1 KB: over the 32 KB limit without a Content-Length to refuse it by.
      for (let i = 0; i < 40; i++) req.write(`${"x".repeat(1024)}`);
      req.end();
    });
    expect(status).toBe(413);
    expect(await events()).toEqual([]);
  });

  it("serves the callback route with a query string too, and nothing but POST on it", async () => {
    const response = await fetch(`${h.baseUrl}/webhooks/xendit?source=retry`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-callback-token": CALLBACK_TOKEN },
      body: JSON.stringify(callbackBody()),
    });
    expect(await response.json()).toEqual({ outcome: "credited" });
    expect((await fetch(`${h.baseUrl}/webhooks/xendit`)).status).toBe(404);
  });

  it("records every authenticated callback with what was made of it", async () => {
    await post(callbackBody());
    await post(callbackBody());
    const rows = (await h.table("webhookEvents")).map(({ outcome }) => ({ outcome }));
    expect(rows).toEqual([{ outcome: "credited" }, { outcome: "duplicate" }]);
  });

  it("counts a storm of repeats of a credited payment, keeps the first few whole, and changes nothing else", async () => {
    await post(callbackBody());
    const before = await moneyState();
    const invoices = await h.table("invoices");
    // Together (one count for all) and one by one (a count each): 26 repeats in all.
    const together = await Promise.all(Array.from({ length: 20 }, () => post(callbackBody())));
    const alone = [];
    for (let i = 0; i < 6; i++) alone.push(await post(callbackBody()));
    for (const response of [...together, ...alone]) {
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ outcome: "duplicate" });
    }
    const after = await moneyState();
    expect({ ledger: after.ledger, topups: after.topups }).toEqual({ ledger: before.ledger, topups: before.topups });
    // The notice may have gone out meanwhile: the outbox holds the same rows, whatever their state.
    expect(after.outbox.map(({ id, kind }) => ({ id, kind }))).toEqual(before.outbox.map(({ id, kind }) => ({ id, kind })));
    expect(await h.table("invoices")).toEqual(invoices);
    expect((await events()).map(({ outcome }) => outcome)).toEqual(["credited", ...Array<string>(KEPT_REPEATS).fill("duplicate")]);
    expect(await h.table("callbackRepeats")).toMatchObject([{ referenceId, chargeId, event: "ewallet.capture", status: "SUCCEEDED", outcome: "duplicate", count: 26 }]);
    await eventually(() => expect(notified("berhasil")).toBe(1));
  });

  it("counts a report the top-up has moved past as stale, each kind of callback on its own", async () => {
    await post(callbackBody());
    await post(callbackBody({ status: "FAILED", failure_code: "ACCOUNT_ACCESS_BLOCKED" }));
    await post(callbackBody({ status: "FAILED", failure_code: "ACCOUNT_ACCESS_BLOCKED" }));
    expect(await h.table("callbackRepeats")).toMatchObject([{ status: "FAILED", outcome: "stale", count: 2 }]);
    expect(await balance()).toBe(100_000);
  });

  it("counts the repeats of two callbacks arriving interleaved each under its own callback, in batches side by side", async () => {
    await post(callbackBody());
    const failed = callbackBody({ status: "FAILED", failure_code: "ACCOUNT_ACCESS_BLOCKED" });
    // Several batches of counts at once on PostgreSQL, each holding both callbacks (they once deadlocked).
    const responses = await Promise.all(Array.from({ length: 36 }, (_, i) => post(i % 3 === 0 ? failed : callbackBody())));
    expect(responses.map(({ status }) => status)).toEqual(Array<number>(36).fill(200));
    // Each answer says its length (not chunked): the gateway's client reads it whole.
    const [first] = responses;
    expect([first!.headers.get("content-length"), first!.headers.get("transfer-encoding")]).toEqual([String((await first!.text()).length), null]);
    const counts = (await h.table("callbackRepeats")).map(({ status, outcome, count }) => ({ status, outcome, count }));
    expect(counts).toEqual(
      expect.arrayContaining([
        { status: "SUCCEEDED", outcome: "duplicate", count: 24 },
        { status: "FAILED", outcome: "stale", count: 12 },
      ]),
    );
    expect(counts).toHaveLength(2);
    expect(await balance()).toBe(100_000);
  });

  it("stores callback bodies with every phone number masked", async () => {
    type Stored = { data: { reference_id: string; channel_properties: { mobile_number: string }; metadata: unknown } };
    const expectMasked = (body: string) => {
      expect(body.replace(/[\s-]/g, "")).not.toMatch(/81234567890/);
      expect((JSON.parse(body) as Stored).data.channel_properties.mobile_number).toBe("0812****7890");
    };
    await h.xendit.pay(chargeId);
    const [paid] = (await events());
    expectMasked(paid!.body);
    expect((JSON.parse(paid!.body) as Stored).data.reference_id).toBe(referenceId);
    const contact = { customer_phone: "+6281234567890", note: "call 0812-3456-7890", contact: "081234567890" };
    await post({ ...refundBody(), data: { ...refundBody().data, channel_properties: { mobile_number: "+6281234567890" }, metadata: contact } });
    const [, refund] = (await events());
    expectMasked(refund!.body);
    expect((JSON.parse(refund!.body) as Stored).data.metadata).toEqual({ customer_phone: "0812****7890", note: "call 0812****7890", contact: "0812****7890" });
  });

  it("credits the real emulator's callback (Bayar in the OVO app)", async () => {
    const delivery = await h.xendit.pay(chargeId);
    expect(delivery?.status).toBe(200);
    await eventually(async () => expect(await balance()).toBe(100_000));
  });

  it("settles callbacks arriving together in one commit, and one that fails leaves the others applied", async () => {
    const ani = merchant(h, 3002);
    await ani.topup({ phone: "081311112222" });
    const aniCharge = h.xendit.charges()[1]!;
    // A corrupt state for Sari's payment: a ledger row already claims it, so crediting it must fail.
    const sariTopup = (await h.app.services.topups.latest(sari.id))!;
    await h.insert("ledgerEntries", { merchantId: sari.id, amount: 1, kind: "topup", topupId: sariTopup.id, createdAt: new Date() });
    const aniBody = { ...callbackBody(), data: { ...aniCharge, status: "SUCCEEDED", capture_amount: aniCharge.charge_amount } };
    const [sariAnswer, aniAnswer] = await Promise.all([post(callbackBody()), post(aniBody)]);
    expect(sariAnswer.status).toBe(500);
    expect(aniAnswer.status).toBe(200);
    expect((await h.app.services.topups.latest(sari.id))?.status).toBe("pending");
    expect((await h.app.services.topups.latest(ani.id))?.status).toBe("succeeded");
    expect((await balanceOf(h.app.services.database.stores, ani.id))).toBe(100_000);
    const events = (await h.table("webhookEvents")).map((e) => ({ reference: e.referenceId }));
    expect(events).toEqual([{ reference: aniCharge.reference_id }]);
    await ani.expect("Pembayaran berhasil");
  });

  it("numbers the invoices of a batch without a gap when one fails after its invoice was drafted, and goes on after it", async () => {
    const ani = merchant(h, 3002);
    await ani.topup({ phone: "081311112222" });
    const aniCharge = h.xendit.charges()[1]!;
    // Sari's top-up has a stuck exception that her credit closes: that update fails, after her invoice was drafted.
    const sariTopup = (await h.app.services.topups.latest(sari.id))!;
    await h.insert("exceptions", { key: `stuck:${sariTopup.id}`, kind: "stuck", topupId: sariTopup.id, reason: "no answer", openedAt: new Date() });
    const healed = await failUpdates(h, "exceptions");
    const aniBody = { ...callbackBody(), data: { ...aniCharge, status: "SUCCEEDED", capture_amount: aniCharge.charge_amount } };
    const [sariAnswer, aniAnswer] = await Promise.all([post(callbackBody()), post(aniBody)]);
    expect([sariAnswer.status, aniAnswer.status]).toEqual([500, 200]);
    await healed();
    expect((await post(callbackBody())).status).toBe(200);
    const numbers = (await h.table("invoices")).map((i) => [i.merchantId, i.number.slice(-6), (i.content as { number: string }).number === i.number]);
    expect(numbers.sort()).toEqual([
      [sari.id, "000002", true],
      [ani.id, "000001", true],
    ].sort());
  });
});
