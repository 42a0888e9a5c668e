import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CALLBACK_TOKEN, eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

const DAY_MS = 86_400_000;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const received = async () => (await h.table("webhookEvents")).map((row) => row.receivedAt.getTime());

async function postSucceeded(chargeId: string): Promise<void> {
  const charge = h.xendit.charge(chargeId)!;
  const body = { event: "ewallet.capture", data: { ...charge, status: "SUCCEEDED", capture_amount: charge.charge_amount } };
  const response = await fetch(`${h.baseUrl}/webhooks/xendit`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-callback-token": CALLBACK_TOKEN },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

describe("webhook_events retention", () => {
  it("prunes callbacks older than 90 days in the background and keeps newer ones", async () => {
    await merchant(h, 3101).topup();
    const chargeId = h.xendit.charges()[0]!.id;
    const start = h.clock.now().getTime();
    await postSucceeded(chargeId);
    h.clock.advance(2 * DAY_MS);
    await postSucceeded(chargeId);
    h.clock.advance(58 * DAY_MS);
    await postSucceeded(chargeId);
    expect(await received()).toEqual([start, start + 2 * DAY_MS, start + 60 * DAY_MS]);
    // 91 days after the first: it goes; the second is 89 days old and stays, like the third.
    h.clock.advance(31 * DAY_MS);
    await eventually(async () => expect(await received()).toEqual([start + 2 * DAY_MS, start + 60 * DAY_MS]));
  });

  it("removes a large backlog in batches, all of it", async () => {
    const old = new Date(h.clock.now().getTime() - 100 * DAY_MS);
    const rows = Array.from({ length: 1_200 }, (_, i) => ({
      receivedAt: old,
      chargeId: `ewc_${i}`,
      referenceId: `cp-${i}`,
      status: "SUCCEEDED",
      outcome: "unknown",
      body: "{}",
    }));
    await h.insert("webhookEvents", rows);
    h.clock.advance(2 * 3_600_000);
    await eventually(async () => expect(await received()).toEqual([]));
  });

  it("follows WEBHOOK_RETENTION_DAYS", async () => {
    await h.close();
    h = await startHarness({ config: { webhookRetentionDays: 7 } });
    await merchant(h, 3102).topup();
    await postSucceeded(h.xendit.charges()[0]!.id);
    h.clock.advance(6 * DAY_MS);
    await postSucceeded(h.xendit.charges()[0]!.id);
    h.clock.advance(2 * DAY_MS);
    await eventually(async () => expect(await received()).toHaveLength(1));
  });
});
