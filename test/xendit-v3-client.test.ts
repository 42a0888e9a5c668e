import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import type { PaymentWebhookBody, XenditEmulator } from "../src/emulators/xendit/index.js";
import { GatewayError, type CreateChargeRequest, type PaymentGateway } from "../src/payments/gateway.js";
import { GatewayRouter } from "../src/payments/gateway-router.js";
import { methodById, type MethodId } from "../src/payments/methods.js";
import { readXenditCallback } from "../src/payments/xendit-callback.js";
import { XenditGateway } from "../src/payments/xendit.js";
import { XenditPaymentsGateway } from "../src/payments/xendit-v3.js";
import { emulator, receiver, SECRET } from "./helpers/xendit-api.js";

/** Our Payments API v3 client against the emulator: the wire format both sides agree on (STATE11), and its errors. */

const NOW = "2026-11-26T10:00:00.000Z";
const EXPIRES = new Date("2026-11-26T10:30:00.000Z");

async function setup(options: { key?: string; timeoutMs?: number } = {}) {
  const clock = new ManualClock(NOW);
  const r = await receiver();
  const x = await emulator({ now: () => clock.now(), callbackUrl: r.url });
  const config = { apiBase: x.apiBase, secretKey: options.key ?? SECRET, timeoutMs: options.timeoutMs ?? 1_000 };
  const gateway = new XenditPaymentsGateway(config);
  return { clock, r, x, gateway, router: new GatewayRouter({ ewallet: new XenditGateway(config), v3: gateway }) };
}

let references = 0;
function request(method: MethodId, overrides: Partial<CreateChargeRequest> = {}): CreateChargeRequest {
  return {
    referenceId: `cp-20261126-${++references}`,
    amount: 100_000,
    method: methodById(method),
    merchantId: 42,
    expiresAt: EXPIRES,
    returnUrl: "https://t.me/test_bot",
    displayName: "Kasir Pintar",
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<Pick<GatewayError, "failure" | "code" | "httpStatus">> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  const { failure: kind, code, httpStatus } = error as GatewayError;
  return { failure: kind, code, httpStatus };
}

describe("XenditPaymentsGateway against the emulator", () => {
  it.each<[MethodId, "qr" | "va" | "redirect"]>([
    ["QRIS", "qr"],
    ["BCA_VA", "va"],
    ["PERMATA_VA", "va"],
    ["DANA", "redirect"],
    ["LINKAJA", "redirect"],
  ])("%s: creates a pending charge with the payer's %s action and the expiry; get and cancel answer it", async (method, kind) => {
    const { x, gateway } = await setup();
    const asked = request(method);
    const charge = await gateway.createCharge(asked);
    const sent = x.paymentRequest(asked.referenceId)!;
    expect(sent).toMatchObject({ request_amount: 100_000, channel_code: methodById(method).channelCode, metadata: { merchant_id: "42" }, channel_properties: { expires_at: EXPIRES.toISOString() } });
    const value = sent.actions[0]!.value;
    const action = kind === "qr" ? { kind, qrString: value } : kind === "va" ? { kind, accountNumber: value } : { kind, url: value };
    expect(charge).toEqual({
      id: sent.payment_request_id,
      referenceId: asked.referenceId,
      status: "PENDING",
      currency: "IDR",
      amount: 100_000,
      failureCode: null,
      action,
      expiresAt: EXPIRES,
    });
    expect(await gateway.getCharge(charge.id)).toEqual(charge);
    expect(await gateway.cancelCharge(charge.id)).toEqual({ ...charge, status: "CANCELED" });
    expect(x.paymentRequest(charge.id)!.status).toBe("CANCELED");
  });

  it("sends what each flow needs: a VA's display name, a redirect's HTTPS return URLs", async () => {
    const { x, gateway } = await setup();
    await gateway.createCharge(request("BNI_VA", { referenceId: "va" }));
    await gateway.createCharge(request("SHOPEEPAY", { referenceId: "ewallet" }));
    expect(x.paymentRequest("va")!.channel_properties).toEqual({ expires_at: EXPIRES.toISOString(), display_name: "Kasir Pintar" });
    expect(x.paymentRequest("ewallet")!.channel_properties).toEqual({
      expires_at: EXPIRES.toISOString(),
      success_return_url: "https://t.me/test_bot",
      failure_return_url: "https://t.me/test_bot",
    });
  });

  it("get: a paid request is SUCCEEDED for what was captured; an expired one EXPIRED", async () => {
    const { clock, x, gateway } = await setup();
    const va = await gateway.createCharge(request("BRI_VA"));
    await x.payVa(va.id, 75_000);
    expect(await gateway.getCharge(va.id)).toMatchObject({ status: "SUCCEEDED", amount: 75_000 });
    const qr = await gateway.createCharge(request("QRIS"));
    clock.advance(30 * 60_000);
    expect(await gateway.getCharge(qr.id)).toMatchObject({ status: "EXPIRED", failureCode: "EXPIRED" });
  });

  it("cancel: a request paid meanwhile is answered SUCCEEDED, unchanged", async () => {
    const { x, gateway } = await setup();
    const charge = await gateway.createCharge(request("QRIS"));
    await x.payQr(charge.id);
    expect(await gateway.cancelCharge(charge.id)).toMatchObject({ status: "SUCCEEDED", amount: 100_000 });
  });

  it("the router sends v3 methods and pr- ids to v3, OVO and ewc_ ids to the e-wallet API", async () => {
    const { x, router } = await setup();
    const qr = await router.createCharge(request("QRIS"));
    const ovo = await router.createCharge(request("OVO", { phone: "+6281234567890", expiresAt: undefined }));
    expect(qr.id).toMatch(/^pr-/);
    expect(ovo.id).toMatch(/^ewc_/);
    expect((await router.getCharge(qr.id)).id).toBe(qr.id);
    expect((await router.getCharge(ovo.id)).id).toBe(ovo.id);
    expect(await failure(router.cancelCharge(ovo.id))).toMatchObject({ failure: "declined", code: "NOT_CANCELLABLE" });
    expect(x.requests.map((r) => `${r.method} ${r.path.replace(/(pr-|ewc_)[\w-]+/, "$1…")}`)).toEqual([
      "POST /v3/payment_requests",
      "POST /ewallets/charges",
      "GET /v3/payment_requests/pr-…",
      "GET /ewallets/charges/ewc_…",
    ]);
  });
});

describe("XenditPaymentsGateway errors", () => {
  it("a wrong key is misconfigured (401 INVALID_API_KEY), on create, get and cancel", async () => {
    const { gateway } = await setup({ key: "xnd_development_wrong" });
    const expected = { failure: "misconfigured", code: "INVALID_API_KEY", httpStatus: 401 };
    expect(await failure(gateway.createCharge(request("QRIS")))).toEqual(expected);
    expect(await failure(gateway.getCharge("pr-1"))).toEqual(expected);
    expect(await failure(gateway.cancelCharge("pr-1"))).toEqual(expected);
  });

  it("a call without the api-version header is refused: the client always names it", async () => {
    const { x } = await setup();
    const response = await fetch(`${x.apiBase}/v3/payment_requests/pr-1`, { headers: { authorization: `Basic ${Buffer.from(`${SECRET}:`).toString("base64")}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_code: "API_VALIDATION_ERROR" });
  });

  it("a channel not activated is misconfigured; a request the API refuses is declined", async () => {
    const { x, gateway } = await setup();
    x.injectFault({ op: "create", status: 403, errorCode: "CHANNEL_NOT_ACTIVATED" });
    expect(await failure(gateway.createCharge(request("DANA")))).toEqual({ failure: "misconfigured", code: "CHANNEL_NOT_ACTIVATED", httpStatus: 403 });
    // The emulator's own validation: an expiry already past.
    const refused = await failure(gateway.createCharge(request("QRIS", { expiresAt: new Date("2026-11-26T09:00:00.000Z") })));
    expect(refused).toEqual({ failure: "declined", code: "API_VALIDATION_ERROR", httpStatus: 400 });
    // A redirect without a return URL is refused before anything is made.
    expect(await failure(gateway.createCharge(request("DANA", { returnUrl: undefined })))).toMatchObject({ failure: "declined", httpStatus: 400 });
    x.duplicateReferencePolicy = "reject";
    const asked = request("QRIS");
    await gateway.createCharge(asked);
    expect(await failure(gateway.createCharge(asked))).toEqual({ failure: "declined", code: "DUPLICATE_ERROR", httpStatus: 400 });
    expect(await failure(gateway.getCharge("pr-unknown"))).toEqual({ failure: "declined", code: "DATA_NOT_FOUND", httpStatus: 404 });
    expect(await failure(gateway.cancelCharge("pr-unknown"))).toEqual({ failure: "declined", code: "DATA_NOT_FOUND", httpStatus: 404 });
  });

  it("a 5xx, a timeout and a dropped connection are uncertain: the request may exist", async () => {
    const { x, gateway } = await setup({ timeoutMs: 200 });
    x.injectFault({ op: "create", status: 500 });
    expect(await failure(gateway.createCharge(request("QRIS")))).toEqual({ failure: "uncertain", code: "SERVER_ERROR", httpStatus: 500 });
    x.injectFault({ op: "cancel", status: 503, errorCode: "SERVER_ERROR" });
    expect(await failure(gateway.cancelCharge("pr-1"))).toEqual({ failure: "uncertain", code: "SERVER_ERROR", httpStatus: 503 });
    x.injectFault({ op: "create", createThenHang: true });
    const asked = request("BCA_VA");
    expect(await failure(gateway.createCharge(asked))).toEqual({ failure: "uncertain", code: "TIMEOUT", httpStatus: undefined });
    expect(x.paymentRequest(asked.referenceId)).toBeDefined();
    x.injectFault({ op: "get", hang: true });
    const got = gateway.getCharge("pr-1");
    await new Promise((resolve) => setTimeout(resolve, 50));
    x.releaseHung();
    expect(await failure(got)).toEqual({ failure: "uncertain", code: "NETWORK_ERROR", httpStatus: undefined });
  });

  it("an answer we cannot read is uncertain (INVALID_RESPONSE)", async () => {
    const { x, gateway } = await setup();
    const charge = await gateway.createCharge(request("QRIS"));
    x.injectFault({ op: "get", alter: { status: "SOMETHING_NEW" as "EXPIRED" } });
    expect(await failure(gateway.getCharge(charge.id))).toEqual({ failure: "uncertain", code: "INVALID_RESPONSE", httpStatus: 200 });
    x.injectFault({ op: "get", alter: { request_amount: "100000" as unknown as number } });
    expect(await failure(gateway.getCharge(charge.id))).toEqual({ failure: "uncertain", code: "INVALID_RESPONSE", httpStatus: 200 });
  });
});

describe("readXenditCallback reads the emulator's v3 webhooks", () => {
  async function webhooks(act: (x: XenditEmulator, gateway: PaymentGateway) => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const { r, x, gateway } = await setup();
    await act(x, gateway);
    if (r.received.length === 0) await once(x, "payment_request.callback");
    return r.received.map((received) => received.body as unknown as Record<string, unknown>);
  }

  it("payment.capture: SUCCEEDED under the payment request's id, for the captured amount", async () => {
    let id = "";
    const [body] = await webhooks(async (x, gateway) => {
      const charge = await gateway.createCharge(request("MANDIRI_VA", { referenceId: "cp-capture" }));
      id = charge.id;
      await x.payVa(charge.id, 120_000);
    });
    expect((body as unknown as PaymentWebhookBody).data).toHaveProperty("payment_id");
    expect(readXenditCallback(body!)).toEqual({
      kind: "capture",
      event: "payment.capture",
      charge: { id, referenceId: "cp-capture", status: "SUCCEEDED", currency: "IDR", amount: 120_000, failureCode: null },
    });
  });

  it("payment.failure: FAILED with the failure code", async () => {
    const [body] = await webhooks(async (x, gateway) => {
      const charge = await gateway.createCharge(request("DANA", { referenceId: "cp-failure" }));
      await x.declineCheckout(charge.id);
    });
    expect(readXenditCallback(body!)).toMatchObject({ kind: "capture", event: "payment.failure", charge: { referenceId: "cp-failure", status: "FAILED", failureCode: "USER_DID_NOT_AUTHORIZE" } });
  });

  it("payment_request.expiry: EXPIRED, with the request's expiry", async () => {
    const [body] = await webhooks(async (x, gateway) => {
      const charge = await gateway.createCharge(request("QRIS", { referenceId: "cp-expiry" }));
      await x.expirePaymentRequest(charge.id);
    });
    expect(readXenditCallback(body!)).toMatchObject({
      kind: "capture",
      event: "payment_request.expiry",
      charge: { referenceId: "cp-expiry", status: "EXPIRED", failureCode: "EXPIRED", expiresAt: EXPIRES },
    });
  });

  it("a v3 webhook whose data is not a payment is ignored, naming its payment request", async () => {
    let id = "";
    const [body] = await webhooks(async (x, gateway) => {
      id = (await gateway.createCharge(request("QRIS", { referenceId: "cp-broken" }))).id;
      await x.payQr(id);
    });
    const broken = { ...body, data: { ...(body!.data as Record<string, unknown>), request_amount: "lots" } };
    expect(readXenditCallback(broken)).toMatchObject({ kind: "ignored", record: { event: "payment.capture", chargeId: id, referenceId: "cp-broken", status: "SUCCEEDED" } });
  });
});
