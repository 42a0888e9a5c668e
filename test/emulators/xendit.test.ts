import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { createXenditEmulator, type Charge, type XenditEmulator } from "../../src/emulators/xendit/index.js";
import { call, emulator, receiver, SECRET, TOKEN, type CallOptions } from "../helpers/xendit-api.js";

const validBody = (overrides: Record<string, unknown> = {}) => ({
  reference_id: "cp-2026-000123",
  currency: "IDR",
  amount: 100_000,
  checkout_method: "ONE_TIME_PAYMENT",
  channel_code: "ID_OVO",
  channel_properties: { mobile_number: "+6281234567890" },
  metadata: { merchant_id: "42" },
  ...overrides,
});

const create = (x: XenditEmulator, body: unknown = validBody(), options?: CallOptions) =>
  call(x, "POST", "/ewallets/charges", body, options);

describe("POST /ewallets/charges", () => {
  it("creates a PENDING charge with Xendit's full charge object", async () => {
    const clock = new ManualClock("2026-11-26T10:00:00.000Z");
    const x = await emulator({ now: () => clock.now(), businessId: "5f27a14a9bf05c73dd040bc8", callbackUrl: "http://cb" });
    const { status, body } = await create(x);
    expect(status).toBe(202);
    expect(body).toEqual({
      id: expect.stringMatching(/^ewc_[0-9a-f]{32}$/) as unknown,
      business_id: "5f27a14a9bf05c73dd040bc8",
      reference_id: "cp-2026-000123",
      status: "PENDING",
      currency: "IDR",
      charge_amount: 100_000,
      capture_amount: null,
      refunded_amount: null,
      checkout_method: "ONE_TIME_PAYMENT",
      channel_code: "ID_OVO",
      channel_properties: { mobile_number: "+6281234567890" },
      actions: null,
      is_redirect_required: false,
      callback_url: "http://cb",
      created: "2026-11-26T10:00:00.000Z",
      updated: "2026-11-26T10:00:00.000Z",
      void_status: null,
      voided_at: null,
      capture_now: true,
      customer_id: null,
      payment_method_id: null,
      failure_code: null,
      basket: null,
      metadata: { merchant_id: "42" },
    });
    expect(x.charges()).toEqual([body]);
    expect(x.charge("cp-2026-000123")).toEqual(body);
    expect(x.requests).toEqual([{ method: "POST", path: "/ewallets/charges", status: 202, at: "2026-11-26T10:00:00.000Z" }]);
  });

  it.each([
    ["no Authorization", null],
    ["a wrong key", "xnd_development_wrong"],
  ])("answers 401 INVALID_API_KEY with %s", async (_label, key) => {
    const x = await emulator();
    const { status, body } = await create(x, validBody(), { key });
    expect(status).toBe(401);
    expect(body).toEqual({ error_code: "INVALID_API_KEY", message: expect.any(String) as unknown });
    expect(x.charges()).toEqual([]);
  });

  it("rejects a key sent with a password", async () => {
    const x = await emulator();
    const response = await fetch(`${x.apiBase}/ewallets/charges`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${SECRET}:secret`).toString("base64")}`, "content-type": "application/json" },
      body: JSON.stringify(validBody()),
    });
    expect(response.status).toBe(401);
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    ["missing reference_id", { reference_id: undefined }, 400, "API_VALIDATION_ERROR"],
    ["non-IDR currency", { currency: "PHP" }, 400, "UNSUPPORTED_CURRENCY"],
    ["amount below 100", { amount: 99 }, 400, "API_VALIDATION_ERROR"],
    ["amount above 20,000,000", { amount: 20_000_001 }, 400, "API_VALIDATION_ERROR"],
    ["fractional amount", { amount: 100.5 }, 400, "API_VALIDATION_ERROR"],
    ["amount as a string", { amount: "100000" }, 400, "API_VALIDATION_ERROR"],
    ["another checkout_method", { checkout_method: "TOKENIZED_PAYMENT" }, 400, "API_VALIDATION_ERROR"],
    ["a channel not activated", { channel_code: "ID_DANA" }, 403, "CHANNEL_NOT_ACTIVATED"],
    ["a malformed channel code", { channel_code: "ovo" }, 400, "API_VALIDATION_ERROR"],
    ["+62 with the local leading 0", { channel_properties: { mobile_number: "+62081234567890" } }, 400, "API_VALIDATION_ERROR"],
    ["a local 08 number", { channel_properties: { mobile_number: "081234567890" } }, 400, "API_VALIDATION_ERROR"],
    ["too few digits", { channel_properties: { mobile_number: "+628123456" } }, 400, "API_VALIDATION_ERROR"],
    ["too many digits", { channel_properties: { mobile_number: "+628123456789012" } }, 400, "API_VALIDATION_ERROR"],
    ["missing channel_properties", { channel_properties: undefined }, 400, "API_VALIDATION_ERROR"],
    ["metadata that is not an object", { metadata: "42" }, 400, "API_VALIDATION_ERROR"],
  ])("rejects %s", async (_label, overrides, status, errorCode) => {
    const x = await emulator();
    const response = await create(x, validBody(overrides));
    expect(response).toEqual({ status, body: { error_code: errorCode, message: expect.any(String) as unknown } });
    expect(x.charges()).toEqual([]);
  });

  it("accepts the shortest and longest OVO numbers and no metadata", async () => {
    const x = await emulator();
    const short = await create(x, validBody({ reference_id: "a", channel_properties: { mobile_number: "+6281234567" } }));
    const long = await create(x, validBody({ reference_id: "b", channel_properties: { mobile_number: "+62812345678901" }, metadata: undefined }));
    expect([short.status, long.status]).toEqual([202, 202]);
    expect(long.body.metadata).toBeNull();
  });

  it.each([
    ["malformed JSON", "{not json", "application/json", 400, "API_VALIDATION_ERROR"],
    ["a JSON array", "[]", "application/json", 400, "API_VALIDATION_ERROR"],
    ["a non-JSON content type", JSON.stringify(validBody()), "text/plain", 403, "UNSUPPORTED_CONTENT_TYPE"],
  ])("answers %s without crashing", async (_label, rawBody, contentType, status, errorCode) => {
    const x = await emulator();
    const response = await create(x, undefined, { rawBody, contentType });
    expect(response).toEqual({ status, body: { error_code: errorCode, message: expect.any(String) as unknown } });
    expect((await create(x)).status).toBe(202);
  });

  it("answers 404 on unknown routes", async () => {
    const x = await emulator();
    expect((await call(x, "GET", "/v2/invoices")).status).toBe(404);
    expect((await call(x, "DELETE", "/ewallets/charges")).status).toBe(404);
  });
});

describe("GET /ewallets/charges/:id", () => {
  it("returns the charge, 404 DATA_NOT_FOUND for an unknown id, 401 without the key", async () => {
    const x = await emulator();
    const created = await create(x);
    const id = created.body.id as string;
    expect(await call(x, "GET", `/ewallets/charges/${id}`)).toEqual({ status: 200, body: created.body });
    const missing = await call(x, "GET", "/ewallets/charges/ewc_nope");
    expect(missing).toEqual({ status: 404, body: { error_code: "DATA_NOT_FOUND", message: expect.any(String) as unknown } });
    // A reference is not an id: reconciliation must use the charge id.
    expect((await call(x, "GET", "/ewallets/charges/cp-2026-000123")).status).toBe(404);
    expect((await call(x, "GET", `/ewallets/charges/${id}`, undefined, { key: "wrong" })).status).toBe(401);
  });

  it("reports an ignored push as FAILED once the window has passed on the injected clock", async () => {
    const clock = new ManualClock("2026-11-26T10:00:00.000Z");
    const x = await emulator({ now: () => clock.now() });
    const id = (await create(x)).body.id as string;
    clock.advance(59_999);
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).body.status).toBe("PENDING");
    clock.advance(1);
    const { body } = await call(x, "GET", `/ewallets/charges/${id}`);
    expect(body).toMatchObject({ status: "FAILED", failure_code: "USER_DID_NOT_AUTHORIZE_THE_PAYMENT", updated: "2026-11-26T10:01:00.000Z" });
    await expect(x.pay(id)).rejects.toThrow(/FAILED/);
  });
});

describe("callbacks", () => {
  it("pay: SUCCEEDED, and the doc's ewallet.capture body reaches our URL with the token", async () => {
    const clock = new ManualClock("2026-11-26T10:00:00.000Z");
    const r = await receiver();
    const x = await emulator({ now: () => clock.now(), callbackUrl: r.url, businessId: "5f27a14a9bf05c73dd040bc8" });
    const created = (await create(x)).body as unknown as Charge;
    const updates: Charge[] = [];
    x.on("charge.updated", (charge) => updates.push(charge));
    clock.advance(5_000);

    const delivery = await x.pay(created.id);

    const paid = { ...created, status: "SUCCEEDED", capture_amount: 100_000, updated: "2026-11-26T10:00:05.000Z" };
    const expectedBody = { event: "ewallet.capture", business_id: "5f27a14a9bf05c73dd040bc8", created: "2026-11-26T10:00:05.000Z", data: paid };
    expect(r.received).toHaveLength(1);
    expect(r.received[0]?.headers["x-callback-token"]).toBe(TOKEN);
    expect(r.received[0]?.headers["content-type"]).toBe("application/json");
    expect(r.received[0]?.body).toEqual(expectedBody);
    expect(delivery).toEqual({ chargeId: created.id, attempt: 1, status: 200, at: "2026-11-26T10:00:05.000Z", body: expectedBody });
    expect(x.deliveries).toEqual([delivery]);
    expect(x.charge(created.id)).toEqual(paid);
    expect(updates).toEqual([paid]);
    await expect(x.pay(created.id)).rejects.toThrow(/SUCCEEDED/);
  });

  it("reject: FAILED with the failure code in the callback", async () => {
    const r = await receiver();
    const x = await emulator({ callbackUrl: r.url });
    await create(x);
    await x.reject("cp-2026-000123", "INSUFFICIENT_BALANCE");
    expect(r.received[0]?.body.data).toMatchObject({ status: "FAILED", failure_code: "INSUFFICIENT_BALANCE", capture_amount: null });
    await create(x, validBody({ reference_id: "second" }));
    await x.reject("second");
    expect(r.received[1]?.body.data.failure_code).toBe("USER_DECLINED_PAYMENT");
  });

  it("retries non-2xx answers, recording each delivery, and stops at the first 2xx", async () => {
    const r = await receiver((n) => (n < 3 ? 500 : 204));
    const x = await emulator({ callbackUrl: r.url, callbackRetry: { attempts: 5, delayMs: 5 } });
    const seen: number[] = [];
    x.on("callback", (_charge, delivery) => seen.push(delivery.status));
    await create(x);
    const final = await x.pay("cp-2026-000123");
    expect(x.deliveries.map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 500], [3, 204]]);
    expect(final?.status).toBe(204);
    expect(seen).toEqual([500, 500, 204]);
  });

  it("gives up after the configured attempts and records unreachable receivers as status 0", async () => {
    const r = await receiver();
    const url = r.url;
    await r.close();
    const x = await emulator({ callbackUrl: url, callbackRetry: { attempts: 2, delayMs: 5 } });
    await create(x);
    const final = await x.pay("cp-2026-000123");
    expect(x.deliveries.map((d) => d.status)).toEqual([0, 0]);
    expect(final?.error).toMatch(/fetch failed/);
  });

  it("does not retry a receiver that timed out, as Xendit does not", async () => {
    const r = await receiver(() => null);
    const x = await emulator({ callbackUrl: r.url, callbackTimeoutMs: 50 });
    await create(x);
    const final = await x.pay("cp-2026-000123");
    expect(x.deliveries).toHaveLength(1);
    expect(final).toMatchObject({ status: 0, error: expect.stringMatching(/timeout|aborted/i) as unknown });
  });

  it("pay with callback: false succeeds silently", async () => {
    const r = await receiver();
    const x = await emulator({ callbackUrl: r.url });
    await create(x);
    expect(await x.pay("cp-2026-000123", { callback: false })).toBeNull();
    expect(x.charge("cp-2026-000123")?.status).toBe("SUCCEEDED");
    expect(r.received).toHaveLength(0);
    expect(x.deliveries).toHaveLength(0);
  });

  it("amend rewrites the gateway's record silently, outside the lifecycle, and a GET answers the new state", async () => {
    const clock = new ManualClock("2026-11-26T10:00:00.000Z");
    const r = await receiver();
    const x = await emulator({ now: () => clock.now(), callbackUrl: r.url });
    const id = (await create(x)).body.id as string;
    await x.pay(id);
    const updates: Charge[] = [];
    x.on("charge.updated", (charge) => updates.push(charge));
    clock.advance(60_000);

    const captured = x.amend(id, { capture_amount: 90_000 });
    expect(captured).toMatchObject({ status: "SUCCEEDED", capture_amount: 90_000, charge_amount: 100_000, updated: "2026-11-26T10:01:00.000Z" });
    // A paid charge voided, then (against the lifecycle) paid again: amend checks no transition.
    x.amend(id, { status: "VOIDED" });
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).body).toMatchObject({ status: "VOIDED", capture_amount: 90_000 });
    x.amend(id, { status: "SUCCEEDED", capture_amount: 100_000 });
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).body).toMatchObject({ status: "SUCCEEDED", capture_amount: 100_000 });

    expect(r.received).toHaveLength(1); // the pay's callback only
    expect(updates.map((u) => u.status)).toEqual(["SUCCEEDED", "VOIDED", "SUCCEEDED"]);
    expect(() => x.amend("ewc_nope", { status: "FAILED" })).toThrow(/no charge/);
  });

  it("expire sends no callback unless asked, and pay needs no callback URL", async () => {
    const r = await receiver();
    const x = await emulator();
    await create(x, validBody({ reference_id: "a" }));
    await create(x, validBody({ reference_id: "b" }));
    await create(x, validBody({ reference_id: "c" }));
    expect(await x.pay("a")).toBeNull();
    x.setCallbackUrl(r.url);
    expect(await x.expire("b")).toBeNull();
    expect(r.received).toHaveLength(0);
    await x.expire("c", { callback: true });
    expect(r.received.map((d) => d.body.data.failure_code)).toEqual(["USER_DID_NOT_AUTHORIZE_THE_PAYMENT"]);
  });

  it("sendCallback resends, crafts and forges single deliveries", async () => {
    const r = await receiver((n) => (r.received[n - 1]?.headers["x-callback-token"] === TOKEN ? 200 : 401));
    const x = await emulator({ callbackUrl: r.url });
    await create(x);
    await x.pay("cp-2026-000123");

    const duplicate = await x.sendCallback("cp-2026-000123");
    const outOfOrder = await x.sendCallback("cp-2026-000123", { overrides: { data: { status: "FAILED", failure_code: "USER_DECLINED_PAYMENT" } } });
    const forged = await x.sendCallback("cp-2026-000123", { token: "guess" });

    expect(duplicate.status).toBe(200);
    expect(duplicate.body.data).toEqual(r.received[0]?.body.data);
    expect(outOfOrder.body.data).toMatchObject({ status: "FAILED", failure_code: "USER_DECLINED_PAYMENT", charge_amount: 100_000 });
    expect(r.received[2]?.body.data.status).toBe("FAILED");
    expect(forged.status).toBe(401);
    expect(x.deliveries).toHaveLength(4);
    expect(x.charge("cp-2026-000123")?.status).toBe("SUCCEEDED");
  });
});

describe("faults", () => {
  it("createThenHang: the client times out, yet the charge exists", async () => {
    const x = await emulator();
    x.injectFault({ op: "create", createThenHang: true });
    const attempt = create(x, validBody(), { signal: AbortSignal.timeout(150) });
    await expect(attempt).rejects.toMatchObject({ name: "TimeoutError" });
    expect(x.charges()).toHaveLength(1);
    expect(x.charge("cp-2026-000123")?.status).toBe("PENDING");
    expect(x.requests[0]?.status).toBe(0);
    // The fault is spent: the next call is answered.
    expect((await create(x, validBody({ reference_id: "next" }))).status).toBe(202);
  });

  it("answers an injected 503 the given number of times, in Xendit's error shape", async () => {
    const x = await emulator();
    x.injectFault({ op: "create", status: 503, times: 2 });
    const first = await create(x);
    expect(first).toEqual({ status: 503, body: { error_code: "CHANNEL_UNAVAILABLE", message: expect.any(String) as unknown } });
    expect((await create(x)).status).toBe(503);
    expect(x.charges()).toHaveLength(0);
    expect((await create(x)).status).toBe(202);
  });

  it("applies get faults to GET only, with a custom error code, and clearFaults drops them", async () => {
    const x = await emulator();
    x.injectFault({ op: "get", status: 500, errorCode: "SOMETHING_ELSE" });
    const id = (await create(x)).body.id as string;
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).body.error_code).toBe("SOMETHING_ELSE");
    x.injectFault({ op: "get", status: 500 });
    x.clearFaults();
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).status).toBe(200);
  });

  it("answers an injected 404 on GET as Xendit's DATA_NOT_FOUND", async () => {
    const x = await emulator();
    const id = (await create(x)).body.id as string;
    x.injectFault({ op: "get", status: 404 });
    expect(await call(x, "GET", `/ewallets/charges/${id}`)).toEqual({ status: 404, body: { error_code: "DATA_NOT_FOUND", message: expect.any(String) as unknown } });
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).status).toBe(200);
  });

  it("alter answers a GET with the charge's fields changed, and leaves the charge itself alone", async () => {
    const x = await emulator();
    const id = (await create(x)).body.id as string;
    x.injectFault({ op: "get", alter: { reference_id: "cp-someone-else", status: "SUCCEEDED" }, times: 2 });
    for (let i = 0; i < 2; i++) {
      const altered = await call(x, "GET", `/ewallets/charges/${id}`);
      expect(altered.status).toBe(200);
      expect(altered.body).toMatchObject({ id, reference_id: "cp-someone-else", status: "SUCCEEDED", charge_amount: 100_000 });
    }
    expect((await call(x, "GET", `/ewallets/charges/${id}`)).body).toMatchObject({ reference_id: "cp-2026-000123", status: "PENDING" });
    expect(x.charge(id)?.status).toBe("PENDING");
    // An unknown charge stays a 404: there is nothing to alter.
    x.injectFault({ op: "get", alter: { status: "SUCCEEDED" } });
    expect((await call(x, "GET", "/ewallets/charges/ewc_unknown")).status).toBe(404);
  });

  it("hang never answers until releaseHung drops the connection", async () => {
    const x = await emulator();
    x.injectFault({ op: "create", hang: true });
    const attempt = create(x);
    await expect.poll(() => x.requests.length).toBe(1);
    x.releaseHung();
    await expect(attempt).rejects.toThrow(/fetch failed/);
    expect(x.charges()).toHaveLength(0);
  });

  it("delayMs answers normally, that much later", async () => {
    const x = await emulator();
    x.injectFault({ op: "create", delayMs: 300 });
    const started = Date.now();
    expect((await create(x)).status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(x.charges()).toHaveLength(1);
  });

  it("rejects a fault with no or several behaviours", async () => {
    const x = await emulator();
    expect(() => x.injectFault({ op: "create" })).toThrow();
    expect(() => x.injectFault({ op: "create", status: 500, hang: true })).toThrow();
    expect(() => x.injectFault({ op: "get", createThenHang: true })).toThrow();
    expect(() => x.injectFault({ op: "create", alter: { status: "SUCCEEDED" } })).toThrow();
    expect(() => x.injectFault({ op: "get", status: 500, alter: { status: "SUCCEEDED" } })).toThrow();
    expect(() => x.injectFault({ op: "create", hang: true, delayMs: 10 })).toThrow();
  });
});

describe("duplicate reference_id", () => {
  it("is accepted by default, creating a second charge", async () => {
    const x = await emulator();
    const first = await create(x);
    const second = await create(x);
    expect(second.status).toBe(202);
    expect(x.charges().map((c) => c.id)).toEqual([first.body.id, second.body.id]);
    expect(x.charge("cp-2026-000123")?.id).toBe(second.body.id);
  });

  it("is refused with 400 DUPLICATE_ERROR under the reject policy", async () => {
    const x = await emulator();
    x.duplicateReferencePolicy = "reject";
    await create(x);
    expect((await create(x)).body.error_code).toBe("DUPLICATE_ERROR");
    expect(x.charges()).toHaveLength(1);
  });
});

describe("testModeAmounts", () => {
  it.each([
    [10_100, 403, "CHANNEL_NOT_ACTIVATED"],
    [10_101, 503, "CHANNEL_UNAVAILABLE"],
    [10_102, 500, "SERVER_ERROR"],
  ])("amount %i fails the create with %i", async (amount, status, errorCode) => {
    const x = await emulator({ testModeAmounts: true });
    const response = await create(x, validBody({ amount }));
    expect([response.status, response.body.error_code]).toEqual([status, errorCode]);
    expect(x.charges()).toHaveLength(0);
  });

  it.each([
    [20_103, "ACCOUNT_ACCESS_BLOCKED"],
    [20_104, "INVALID_MERCHANT_CREDENTIALS"],
    [20_105, "USER_DECLINED_PAYMENT"],
    [20_106, "INVALID_ACCOUNT_DETAILS"],
  ])("amount %i answers PENDING, then a FAILED %s callback", async (amount, failureCode) => {
    const r = await receiver();
    const x = await emulator({ testModeAmounts: true, callbackUrl: r.url });
    const callback = once(x, "callback");
    expect((await create(x, validBody({ amount }))).body.status).toBe("PENDING");
    await callback;
    expect(r.received[0]?.body.data).toMatchObject({ status: "FAILED", failure_code: failureCode });
  });

  it("any other amount succeeds almost at once", async () => {
    const r = await receiver();
    const x = await emulator({ testModeAmounts: true, callbackUrl: r.url });
    const callback = once(x, "callback");
    await create(x, validBody({ amount: 50_000 }));
    await callback;
    expect(r.received[0]?.body.data).toMatchObject({ status: "SUCCEEDED", capture_amount: 50_000 });
  });

  it("is off by default: those amounts are ordinary", async () => {
    const x = await emulator();
    expect((await create(x, validBody({ amount: 10_100 }))).status).toBe(202);
  });
});

describe("void", () => {
  it("voids a SUCCEEDED charge and refuses anything else", async () => {
    const x = await emulator();
    const id = (await create(x)).body.id as string;
    expect((await call(x, "POST", `/ewallets/charges/${id}/void`)).status).toBe(400);
    await x.pay(id);
    const { status, body } = await call(x, "POST", `/ewallets/charges/${id}/void`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "VOIDED", void_status: "SUCCEEDED", voided_at: expect.any(String) as unknown });
    expect((await call(x, "POST", "/ewallets/charges/ewc_nope/void")).status).toBe(404);
  });
});

describe("close", () => {
  it("does not hang on a hung request or a pending retry", async () => {
    const r = await receiver(() => 500);
    const x = await createXenditEmulator({
      secretKey: SECRET,
      callbackToken: TOKEN,
      callbackUrl: r.url,
      callbackRetry: { attempts: 6, delayMs: 60_000 },
    });
    x.injectFault({ op: "create", createThenHang: true });
    const hung = create(x).catch((error: unknown) => error);
    await expect.poll(() => x.charges().length).toBe(1);
    const paying = x.pay("cp-2026-000123");
    await expect.poll(() => x.deliveries.length).toBe(1);

    const started = Date.now();
    await x.close();
    await x.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await hung).toBeInstanceOf(Error);
    expect((await paying)?.status).toBe(500);
    expect(x.deliveries).toHaveLength(1);
  });
});
