/**
 * The Telegram webhook route of one instance (SQLite): an update sent twice is handled once, also when both copies
 * arrive at once, until Telegram's 24-hour redelivery horizon has passed; only Telegram's secret and a real update
 * get in.
 */
import { afterEach, describe, expect, it } from "vitest";
import { eventually, startHarness, webhookConfig, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";
import { postUpdate, textUpdate } from "./helpers/webhook-post.js";

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function start() {
  h = await startHarness({ config: await webhookConfig() });
  return (body: unknown, secret: string | null = h.config.telegramWebhookSecret!) => postUpdate(h.baseUrl, secret, body);
}

describe("POST /webhooks/telegram", () => {
  it("handles an update delivered twice at once, and again later, once", async () => {
    const post = await start();
    const sari = merchant(h, 7801);
    const saldo = textUpdate(sari.user, 990_001, "/saldo");

    const statuses = await Promise.all([post(saldo), post(saldo)]);
    expect(statuses.map((response) => response.status)).toEqual([200, 200]);
    expect((await post(saldo)).status).toBe(200);

    // Each answer came only when its update was handled or found handled: every reply is out by now.
    expect(sari.count("Saldo")).toBe(1);
    expect(sari.user.botMessages()).toHaveLength(1);
  });

  it("forgets handled updates after Telegram's 24-hour redelivery horizon", async () => {
    const post = await start();
    const sari = merchant(h, 7802);
    const saldo = textUpdate(sari.user, 990_002, "/saldo");
    await post(saldo);
    h.clock.advance(23 * 3_600_000);
    await post(saldo);
    expect(sari.count("Saldo")).toBe(1);

    // Only something very odd would send it again now; it is handled as new rather than kept forever.
    h.clock.advance(2 * 3_600_000);
    await eventually(async () => {
      await post(saldo);
      expect(sari.count("Saldo")).toBe(2);
    });
  });

  it("refuses a wrong or missing secret (401) and a body that is no update (400), handling nothing", async () => {
    const post = await start();
    const sari = merchant(h, 7803);
    const saldo = textUpdate(sari.user, 990_003, "/saldo");

    expect((await post(saldo, "wrong-secret-0123456789")).status).toBe(401);
    expect((await post(saldo, null)).status).toBe(401);
    expect((await post(saldo, `${h.config.telegramWebhookSecret}x`)).status).toBe(401);
    for (const body of ["[]", "{}", `{"update_id":"1"}`, `{"update_id":-1}`, "null"]) expect((await post(body)).status, body).toBe(400);
    expect((await post("{not json")).status).toBe(400);

    expect((await post(saldo)).status).toBe(200);
    await sari.expect("Saldo");
    expect(sari.user.botMessages()).toHaveLength(1);
    expect(h.tg.callsFor("sendMessage")).toHaveLength(1);
  });
});
