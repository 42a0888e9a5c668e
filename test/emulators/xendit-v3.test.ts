import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { crc16, InvalidTransitionError, type PaymentRequest, type PaymentWebhookBody, type XenditEmulator } from "../../src/emulators/xendit/index.js";
import { call, emulator, receiver, TOKEN, type CallOptions } from "../helpers/xendit-api.js";

const NOW = "2026-11-26T10:00:00.000Z";
const IN_30_MIN = "2026-11-26T10:30:00.000Z";

const properties = {
  QRIS: { expires_at: IN_30_MIN },
  BCA_VIRTUAL_ACCOUNT: { expires_at: IN_30_MIN, display_name: "Coin Premium" },
  DANA: { expires_at: IN_30_MIN, success_return_url: "https://t.me/test_bot", failure_return_url: "https://t.me/test_bot" },
} as const;

/** The body our client (src/payments/xendit-v3.ts) sends, per STATE11. */
function requestBody(channel: string = "QRIS", overrides: Record<string, unknown> = {}) {
  return {
    reference_id: "cp-20261126-000123",
    type: "PAY",
    country: "ID",
    currency: "IDR",
    request_amount: 100_000,
    capture_method: "AUTOMATIC",
    channel_code: channel,
    channel_properties: properties[channel as keyof typeof properties] ?? { expires_at: IN_30_MIN, display_name: "Coin Premium" },
    description: "Top up Coin Premium",
    metadata: { merchant_id: "42" },
    ...overrides,
  };
}

const create = (x: XenditEmulator, body: unknown = requestBody(), options?: CallOptions) => call(x, "POST", "/v3/payment_requests", body, options);

async function created(x: XenditEmulator, channel?: string, overrides?: Record<string, unknown>): Promise<PaymentRequest> {
  const { status, body } = await create(x, requestBody(channel, overrides));
  expect(status).toBe(201);
  return body as unknown as PaymentRequest;
}

async function clocked(options: Parameters<typeof emulator>[0] = {}) {
  const clock = new ManualClock(NOW);
  const x = await emulator({ now: () => clock.now(), businessId: "biz-1", ...options });
  return { clock, x };
}

const pick = <T extends object, K extends keyof T>(from: T, keys: K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>;

/** The QRIS string's top-level tags: id → value. */
function qrisTags(qr: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (let i = 0; i < qr.length; ) {
    const id = qr.slice(i, i + 2);
    const length = Number(qr.slice(i + 2, i + 4));
    tags.set(id, qr.slice(i + 4, i + 4 + length));
    i += 4 + length;
  }
  return tags;
}

describe("POST /v3/payment_requests", () => {
  it("QRIS: 201 with an open request and a QR string to present", async () => {
    const { x } = await clocked();
    const { status, body } = await create(x);
    expect(status).toBe(201);
    // Everything sent comes back as sent, with the gateway's own fields around it.
    expect(body).toEqual({
      ...requestBody(),
      business_id: "biz-1",
      payment_request_id: expect.stringMatching(/^pr-[0-9a-f-]{36}$/) as unknown,
      actions: [{ type: "PRESENT_TO_CUSTOMER", descriptor: "QR_STRING", value: expect.stringMatching(/^000201010212/) as unknown }],
      status: "ACCEPTING_PAYMENTS",
      created: NOW,
      updated: NOW,
    });
    expect(x.paymentRequests()).toEqual([body]);
    expect(x.paymentRequest("cp-20261126-000123")).toEqual(body);
    expect(x.requests).toEqual([{ method: "POST", path: "/v3/payment_requests", status: 201, at: NOW }]);
  });

  it("QRIS: the string is EMVCo-shaped with the amount, the merchant name and a valid CRC, and differs per request", async () => {
    const { x } = await clocked();
    const qr = (await created(x)).actions[0]!.value;
    const tags = qrisTags(qr);
    expect(tags.get("00")).toBe("01");
    expect(tags.get("53")).toBe("360");
    expect(tags.get("54")).toBe("100000");
    expect(tags.get("58")).toBe("ID");
    expect(tags.get("59")).toBe("KASIR PINTAR COIN PREMIUM");
    expect(qr.slice(-8, -4)).toBe("6304");
    expect(qr.slice(-4)).toBe(crc16(qr.slice(0, -4)));
    const other = (await created(x, "QRIS", { reference_id: "cp-2" })).actions[0]!.value;
    expect(other).not.toBe(qr);
  });

  it("QRIS: names the configured merchant, cut to the tag's 25 characters", async () => {
    const { x } = await clocked({ merchantName: "TOKO SERBA ADA MAKMUR JAYA ABADI" });
    expect(qrisTags((await created(x)).actions[0]!.value).get("59")).toBe("TOKO SERBA ADA MAKMUR JAY");
  });

  it("computes CRC-16/CCITT-FALSE (check value of 123456789 is 29B1)", () => {
    expect(crc16("123456789")).toBe("29B1");
  });

  it.each([
    ["BCA_VIRTUAL_ACCOUNT", /^10766\d{11}$/],
    ["BNI_VIRTUAL_ACCOUNT", /^8808\d{12}$/],
    ["BRI_VIRTUAL_ACCOUNT", /^26215\d{10}$/],
    ["MANDIRI_VIRTUAL_ACCOUNT", /^88908\d{8}$/],
    ["PERMATA_VIRTUAL_ACCOUNT", /^8214\d{12}$/],
  ])("%s: an account number with the bank's prefix and length, unique per request", async (channel, shape) => {
    const { x } = await clocked();
    const numbers = new Set<string>();
    for (let n = 0; n < 5; n++) {
      const request = await created(x, channel, { reference_id: `cp-${n}` });
      expect(request.status).toBe("ACCEPTING_PAYMENTS");
      expect(request.actions).toEqual([{ type: "PRESENT_TO_CUSTOMER", descriptor: "VIRTUAL_ACCOUNT_NUMBER", value: expect.stringMatching(shape) as unknown }]);
      expect(request.channel_properties).toEqual({ expires_at: IN_30_MIN, display_name: "Coin Premium" });
      numbers.add(request.actions[0]!.value);
    }
    expect(numbers.size).toBe(5);
  });

  it.each(["DANA", "SHOPEEPAY", "LINKAJA"])("%s: REQUIRES_ACTION, redirecting to the emulator's own checkout page", async (channel) => {
    const { x } = await clocked();
    const request = await created(x, channel, { channel_properties: properties.DANA });
    expect(request.status).toBe("REQUIRES_ACTION");
    expect(request.actions).toEqual([{ type: "REDIRECT_CUSTOMER", descriptor: "WEB_URL", value: `${x.apiBase}/v3/checkout/${request.payment_request_id}` }]);
    expect(request.channel_properties).toEqual(properties.DANA);
  });

  it("fills in expires_at when none is sent: 48 h for QRIS", async () => {
    const { x } = await clocked();
    const request = await created(x, "QRIS", { channel_properties: {} });
    expect(request.channel_properties.expires_at).toBe("2026-11-28T10:00:00.000Z");
  });

  it.each([
    ["no Authorization", null],
    ["a wrong key", "xnd_development_wrong"],
  ])("answers 401 INVALID_API_KEY with %s", async (_label, key) => {
    const { x } = await clocked();
    expect(await create(x, requestBody(), { key })).toEqual({ status: 401, body: { error_code: "INVALID_API_KEY", message: expect.any(String) as unknown } });
    expect(x.paymentRequests()).toEqual([]);
  });

  it.each<[string, string, Record<string, unknown>, number, string]>([
    ["missing reference_id", "QRIS", { reference_id: undefined }, 400, "API_VALIDATION_ERROR"],
    ["another type", "QRIS", { type: "REUSABLE_PAYMENT_CODE" }, 400, "API_VALIDATION_ERROR"],
    ["another country", "QRIS", { country: "PH" }, 400, "API_VALIDATION_ERROR"],
    ["non-IDR currency", "QRIS", { currency: "PHP" }, 400, "UNSUPPORTED_CURRENCY"],
    ["a fractional amount", "QRIS", { request_amount: 100_000.5 }, 400, "API_VALIDATION_ERROR"],
    ["an amount as a string", "QRIS", { request_amount: "100000" }, 400, "API_VALIDATION_ERROR"],
    ["QRIS below its minimum", "QRIS", { request_amount: 9_999 }, 400, "API_VALIDATION_ERROR"],
    ["QRIS above its maximum", "QRIS", { request_amount: 10_000_001 }, 400, "API_VALIDATION_ERROR"],
    ["a VA above its maximum", "BCA_VIRTUAL_ACCOUNT", { request_amount: 50_000_001 }, 400, "API_VALIDATION_ERROR"],
    ["a channel not activated", "QRIS", { channel_code: "GCASH" }, 403, "CHANNEL_NOT_ACTIVATED"],
    ["OVO, which stays on the e-wallet charges API", "QRIS", { channel_code: "ID_OVO" }, 403, "CHANNEL_NOT_ACTIVATED"],
    ["a malformed channel code", "QRIS", { channel_code: "qris" }, 400, "API_VALIDATION_ERROR"],
    ["an expiry in the past", "QRIS", { channel_properties: { expires_at: "2026-11-26T09:59:59.000Z" } }, 400, "API_VALIDATION_ERROR"],
    ["an expiry that is not ISO", "QRIS", { channel_properties: { expires_at: "tomorrow" } }, 400, "API_VALIDATION_ERROR"],
    ["a VA without display_name", "BNI_VIRTUAL_ACCOUNT", { channel_properties: { expires_at: IN_30_MIN } }, 400, "API_VALIDATION_ERROR"],
    ["a redirect without return URLs", "DANA", { channel_properties: { expires_at: IN_30_MIN } }, 400, "API_VALIDATION_ERROR"],
    [
      "a redirect with an http return URL",
      "DANA",
      { channel_properties: { ...properties.DANA, success_return_url: "http://t.me/test_bot" } },
      400,
      "API_VALIDATION_ERROR",
    ],
  ])("rejects %s", async (_label, channel, overrides, status, errorCode) => {
    const { x } = await clocked();
    expect(await create(x, requestBody(channel, overrides))).toEqual({ status, body: { error_code: errorCode, message: expect.any(String) as unknown } });
    expect(x.paymentRequests()).toEqual([]);
  });

  it("accepts a repeated reference_id by default and refuses it with 400 DUPLICATE_ERROR under the reject policy", async () => {
    const { x } = await clocked();
    await created(x);
    await created(x);
    x.duplicateReferencePolicy = "reject";
    expect(await create(x)).toMatchObject({ status: 400, body: { error_code: "DUPLICATE_ERROR" } });
    expect(x.paymentRequests()).toHaveLength(2);
  });
});

describe("GET /v3/payment_requests/:id and cancel", () => {
  it("GET returns the request; 404 DATA_NOT_FOUND for an unknown id; 401 without the key", async () => {
    const { x } = await clocked();
    const request = await created(x);
    expect(await call(x, "GET", `/v3/payment_requests/${request.payment_request_id}`)).toEqual({ status: 200, body: request });
    expect(await call(x, "GET", "/v3/payment_requests/pr-unknown")).toMatchObject({ status: 404, body: { error_code: "DATA_NOT_FOUND" } });
    expect((await call(x, "GET", `/v3/payment_requests/${request.payment_request_id}`, undefined, { key: null })).status).toBe(401);
  });

  it("cancel: an open request becomes CANCELED and can no longer be paid; a paid one is answered unchanged", async () => {
    const { clock, x } = await clocked();
    const qr = await created(x);
    clock.advance(60_000);
    const cancelled = await call(x, "POST", `/v3/payment_requests/${qr.payment_request_id}/cancel`);
    expect(cancelled).toEqual({ status: 200, body: { ...qr, status: "CANCELED", updated: "2026-11-26T10:01:00.000Z" } });
    await expect(x.payQr(qr.actions[0]!.value)).rejects.toThrow(InvalidTransitionError);

    const va = await created(x, "BCA_VIRTUAL_ACCOUNT", { reference_id: "cp-2" });
    await x.payVa(va.actions[0]!.value);
    const answered = await call(x, "POST", `/v3/payment_requests/${va.payment_request_id}/cancel`);
    expect(answered).toMatchObject({ status: 200, body: { status: "SUCCEEDED", captures: [{ capture_amount: 100_000 }] } });
    expect(await call(x, "POST", "/v3/payment_requests/pr-unknown/cancel")).toMatchObject({ status: 404, body: { error_code: "DATA_NOT_FOUND" } });
  });

  it("an open request past its expires_at is EXPIRED by the emulator's clock, without a webhook, and cannot be paid", async () => {
    const r = await receiver();
    const { clock, x } = await clocked({ callbackUrl: r.url });
    const request = await created(x);
    clock.advance(30 * 60_000 - 1);
    expect(x.paymentRequest(request.payment_request_id)!.status).toBe("ACCEPTING_PAYMENTS");
    clock.advance(1);
    const answer = await call(x, "GET", `/v3/payment_requests/${request.payment_request_id}`);
    expect(answer.body).toMatchObject({ status: "EXPIRED", updated: IN_30_MIN });
    await expect(x.payQr(request.payment_request_id)).rejects.toThrow(InvalidTransitionError);
    expect(r.received).toEqual([]);
  });
});

describe("payer actions and v3 webhooks", () => {
  const bodies = (r: Awaited<ReturnType<typeof receiver>>) => r.received.map((received) => received.body as unknown as PaymentWebhookBody);

  it("payQr: SUCCEEDED with a capture, and payment.capture reaches our URL with the token", async () => {
    const r = await receiver();
    const { clock, x } = await clocked({ callbackUrl: r.url });
    const request = await created(x);
    clock.advance(5_000);
    const delivery = await x.payQr(request.actions[0]!.value);
    expect(delivery).toMatchObject({ chargeId: request.payment_request_id, attempt: 1, status: 200 });
    const paid = x.paymentRequest(request.payment_request_id)!;
    expect(paid).toMatchObject({ status: "SUCCEEDED", captures: [{ capture_id: expect.stringMatching(/^cpt-/) as unknown, capture_amount: 100_000, capture_timestamp: "2026-11-26T10:00:05.000Z" }] });
    expect(r.received[0]!.headers["x-callback-token"]).toBe(TOKEN);
    expect(bodies(r)).toEqual([
      {
        event: "payment.capture",
        business_id: "biz-1",
        created: "2026-11-26T10:00:05.000Z",
        data: {
          payment_id: expect.stringMatching(/^py-[0-9a-f-]{36}$/) as unknown,
          ...pick(request, ["business_id", "payment_request_id", "reference_id", "type", "country", "currency", "request_amount", "capture_method", "channel_code"]),
          status: "SUCCEEDED",
          captures: paid.captures,
          metadata: { merchant_id: "42" },
          created: "2026-11-26T10:00:05.000Z",
          updated: "2026-11-26T10:00:05.000Z",
        },
      },
    ]);
    expect(x.paymentsOf(request.payment_request_id)).toEqual([bodies(r)[0]!.data]);
    await expect(x.payQr(request.payment_request_id)).rejects.toThrow(InvalidTransitionError);
  });

  it("payVa by account number: another amount than asked is captured as paid", async () => {
    const r = await receiver();
    const { x } = await clocked({ callbackUrl: r.url });
    const request = await created(x, "BRI_VIRTUAL_ACCOUNT");
    await x.payVa(request.actions[0]!.value, 90_000);
    expect(x.paymentRequest(request.payment_request_id)).toMatchObject({ status: "SUCCEEDED", request_amount: 100_000, captures: [{ capture_amount: 90_000 }] });
    expect(bodies(r)[0]).toMatchObject({ event: "payment.capture", data: { request_amount: 100_000, captures: [{ capture_amount: 90_000 }] } });
  });

  it("refuses a payer action that does not fit the request, or an unknown code", async () => {
    const { x } = await clocked();
    const qr = await created(x);
    const va = await created(x, "BCA_VIRTUAL_ACCOUNT", { reference_id: "cp-2" });
    await expect(x.payVa(qr.actions[0]!.value)).rejects.toThrow(/not va/);
    await expect(x.payQr(va.actions[0]!.value)).rejects.toThrow(/not qr/);
    await expect(x.approveCheckout(va.payment_request_id)).rejects.toThrow(/not redirect/);
    await expect(x.payVa("1076600000000000")).rejects.toThrow(/no payment request/);
    await expect(x.payVa(va.actions[0]!.value, 0)).rejects.toThrow(RangeError);
  });

  it("approveCheckout and declineCheckout: payment.capture, or payment.failure with USER_DID_NOT_AUTHORIZE", async () => {
    const r = await receiver();
    const { x } = await clocked({ callbackUrl: r.url });
    const approved = await created(x, "DANA");
    const declined = await created(x, "SHOPEEPAY", { reference_id: "cp-2", channel_properties: properties.DANA });
    await x.approveCheckout(approved.payment_request_id);
    await x.declineCheckout(declined.payment_request_id);
    expect(x.paymentRequest(declined.payment_request_id)).toMatchObject({ status: "FAILED", failure_code: "USER_DID_NOT_AUTHORIZE" });
    expect(bodies(r)).toMatchObject([
      { event: "payment.capture", data: { payment_request_id: approved.payment_request_id, status: "SUCCEEDED", captures: [{ capture_amount: 100_000 }] } },
      { event: "payment.failure", data: { payment_request_id: declined.payment_request_id, status: "FAILED", failure_code: "USER_DID_NOT_AUTHORIZE" } },
    ]);
    expect(bodies(r)[1]!.data).not.toHaveProperty("captures");
  });

  it("failPaymentRequest sends payment.failure with the code; expirePaymentRequest sends payment_request.expiry", async () => {
    const r = await receiver();
    const { x } = await clocked({ callbackUrl: r.url });
    const failed = await created(x, "BNI_VIRTUAL_ACCOUNT");
    const expired = await created(x, "QRIS", { reference_id: "cp-2" });
    await x.failPaymentRequest(failed.payment_request_id, "PARTNER_TIMEOUT_ERROR");
    await x.expirePaymentRequest(expired.payment_request_id);
    expect(bodies(r)).toMatchObject([
      { event: "payment.failure", data: { payment_id: expect.stringMatching(/^py-/) as unknown, status: "FAILED", failure_code: "PARTNER_TIMEOUT_ERROR" } },
      { event: "payment_request.expiry", data: { ...expired, status: "EXPIRED", updated: NOW } },
    ]);
    await expect(x.payQr(expired.payment_request_id)).rejects.toThrow(InvalidTransitionError);
    await expect(x.expirePaymentRequest(failed.payment_request_id)).rejects.toThrow(InvalidTransitionError);
  });

  it("callback: false changes the state silently, and the webhook retries like the charges' callbacks", async () => {
    const r = await receiver((n) => (n < 3 ? 503 : 200));
    const { x } = await clocked({ callbackUrl: r.url });
    const silent = await created(x);
    expect(await x.payQr(silent.payment_request_id, { callback: false })).toBeNull();
    expect(x.paymentRequest(silent.payment_request_id)!.status).toBe("SUCCEEDED");
    expect(r.received).toEqual([]);
    const retried = await created(x, "QRIS", { reference_id: "cp-2" });
    await x.payQr(retried.payment_request_id);
    expect(x.deliveries.map((d) => [d.chargeId, d.status])).toEqual([
      [retried.payment_request_id, 503],
      [retried.payment_request_id, 503],
      [retried.payment_request_id, 200],
    ]);
  });

  it("sendPaymentCallback resends the state's webhook, sends another event, alters and forges single deliveries", async () => {
    const r = await receiver();
    const { x } = await clocked({ callbackUrl: r.url });
    const request = await created(x);
    await expect(x.sendPaymentCallback(request.payment_request_id)).rejects.toThrow(/no webhook/);
    await x.payQr(request.payment_request_id);
    await x.sendPaymentCallback(request.payment_request_id);
    await x.sendPaymentCallback(request.payment_request_id, { event: "payment_request.expiry" });
    await x.sendPaymentCallback(request.payment_request_id, { overrides: { data: { request_amount: 1 } }, token: "forged" });
    await expect(x.sendPaymentCallback(request.payment_request_id, { event: "payment.failure" })).rejects.toThrow(/no FAILED payment/);
    const [original, again, expiry, forged] = bodies(r);
    expect(again).toEqual(original);
    expect(expiry).toMatchObject({ event: "payment_request.expiry", data: { payment_request_id: request.payment_request_id, status: "EXPIRED" } });
    expect(forged).toMatchObject({ event: "payment.capture", data: { request_amount: 1 } });
    expect(r.received.map((received) => received.headers["x-callback-token"])).toEqual([TOKEN, TOKEN, TOKEN, "forged"]);
    expect(x.paymentRequest(request.payment_request_id)!.status).toBe("SUCCEEDED");
  });

  it("amendPaymentRequest rewrites the record silently; a GET answers the new state", async () => {
    const r = await receiver();
    const { clock, x } = await clocked({ callbackUrl: r.url });
    const request = await created(x, "BCA_VIRTUAL_ACCOUNT");
    x.amendPaymentRequest(request.payment_request_id, { channel_properties: { expires_at: "2026-11-26T11:00:00.000Z" } });
    clock.advance(45 * 60_000);
    expect(x.paymentRequest(request.payment_request_id)!.status).toBe("ACCEPTING_PAYMENTS");
    const captures = [{ capture_id: "cpt-1", capture_amount: 50_000, capture_timestamp: NOW }];
    x.amendPaymentRequest(request.payment_request_id, { status: "SUCCEEDED", captures });
    const answer = await call(x, "GET", `/v3/payment_requests/${request.payment_request_id}`);
    expect(answer.body).toMatchObject({ status: "SUCCEEDED", captures, channel_properties: { display_name: "Coin Premium", expires_at: "2026-11-26T11:00:00.000Z" } });
    expect(r.received).toEqual([]);
  });

  it("emits created, updated (lazy expiry included) and callback events, with copies", async () => {
    const r = await receiver();
    const { clock, x } = await clocked({ callbackUrl: r.url });
    const seen: string[] = [];
    x.on("payment_request.created", (request) => seen.push(`created ${request.status}`));
    x.on("payment_request.updated", (request) => {
      seen.push(`updated ${request.status}`);
      request.status = "FAILED";
    });
    x.on("payment_request.callback", (request, delivery) => seen.push(`callback ${request.status} ${delivery.status}`));
    const paid = await created(x);
    await x.payQr(paid.payment_request_id);
    await created(x, "QRIS", { reference_id: "cp-2" });
    clock.advance(30 * 60_000);
    x.paymentRequests();
    expect(seen).toEqual(["created ACCEPTING_PAYMENTS", "updated SUCCEEDED", "callback SUCCEEDED 200", "created ACCEPTING_PAYMENTS", "updated EXPIRED"]);
    expect(x.paymentRequest(paid.payment_request_id)!.status).toBe("SUCCEEDED");
  });

  it("hands out copies: changing what it returned changes nothing", async () => {
    const { x } = await clocked();
    const request = await created(x);
    const copy = x.paymentRequest(request.payment_request_id)!;
    copy.status = "SUCCEEDED";
    copy.actions[0]!.value = "changed";
    x.paymentRequests()[0]!.request_amount = 1;
    expect(x.paymentRequest(request.payment_request_id)).toEqual(request);
  });
});

describe("checkout page", () => {
  it("shows the amount with Bayar and Batal; Bayar pays it and sends payment.capture; a second decision is refused", async () => {
    const r = await receiver();
    const { x } = await clocked({ callbackUrl: r.url });
    const request = await created(x, "DANA");
    const url = request.actions[0]!.value;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain("Rp100.000");
    expect(html).toContain(">Bayar</button>");
    expect(html).toContain(">Batal</button>");
    const approve = /action="([^"]+approve)"/.exec(html)![1]!;
    const done = await fetch(new URL(approve, x.apiBase), { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('href="https://t.me/test_bot"');
    expect(x.paymentRequest(request.payment_request_id)!.status).toBe("SUCCEEDED");
    await expect.poll(() => r.received.length).toBe(1);
    expect(r.received[0]!.body).toMatchObject({ event: "payment.capture" });
    expect((await fetch(`${url}/decline`, { method: "POST" })).status).toBe(409);
  });

  it("Batal declines it; an unknown id, or a request that is not a checkout, is 404", async () => {
    const { x } = await clocked();
    const request = await created(x, "LINKAJA", { channel_properties: properties.DANA });
    expect((await fetch(`${request.actions[0]!.value}/decline`, { method: "POST" })).status).toBe(200);
    expect(x.paymentRequest(request.payment_request_id)).toMatchObject({ status: "FAILED", failure_code: "USER_DID_NOT_AUTHORIZE" });
    const qr = await created(x, "QRIS", { reference_id: "cp-2" });
    expect((await fetch(`${x.apiBase}/v3/checkout/${qr.payment_request_id}`)).status).toBe(404);
    expect((await fetch(`${x.apiBase}/v3/checkout/pr-unknown/approve`, { method: "POST" })).status).toBe(409);
  });
});

describe("faults on the v3 paths", () => {
  it("create, get and cancel faults apply to payment requests too; alter changes a GET's answer only", async () => {
    const { x } = await clocked();
    x.injectFault({ op: "create", status: 503 });
    expect(await create(x)).toMatchObject({ status: 503, body: { error_code: "CHANNEL_UNAVAILABLE" } });
    const request = await created(x);
    const path = `/v3/payment_requests/${request.payment_request_id}`;
    x.injectFault({ op: "get", status: 500 });
    expect((await call(x, "GET", path)).status).toBe(500);
    x.injectFault({ op: "get", alter: { status: "SUCCEEDED" } });
    expect((await call(x, "GET", path)).body).toMatchObject({ status: "SUCCEEDED" });
    expect(x.paymentRequest(request.payment_request_id)!.status).toBe("ACCEPTING_PAYMENTS");
    x.injectFault({ op: "cancel", status: 500 });
    expect((await call(x, "POST", `${path}/cancel`)).status).toBe(500);
    expect(x.paymentRequest(request.payment_request_id)!.status).toBe("ACCEPTING_PAYMENTS");
  });

  it("createThenHang: the request exists though no answer came", async () => {
    const { x } = await clocked();
    x.injectFault({ op: "create", createThenHang: true });
    const answer = create(x, requestBody(), { signal: AbortSignal.timeout(200) });
    await expect(answer).rejects.toThrow();
    expect(x.paymentRequests()).toHaveLength(1);
  });
});
