import { expect, it } from "vitest";
import { CallbackRepeats } from "../../src/payments/callback-repeats.js";
import { ManualClock } from "../../src/clock.js";
import { at, contract, peer } from "./engines.js";

const event = (referenceId: string) => ({ event: "ewallet.capture", chargeId: null, referenceId, status: "SUCCEEDED", outcome: "credited", body: "{}" });

contract("WebhookEventStore", (db) => {
  it("prune deletes the rows received before the cutoff, a batch at a time", async () => {
    for (const [i, time] of ["09:00:00", "09:10:00", "09:20:00", "09:30:00", "09:40:00", "10:00:00", "10:30:00"].entries()) {
      await db().stores.webhookEvents.record(event(`r${i}`), at(time));
    }
    const batches = [];
    for (let i = 0; i < 4; i++) batches.push(await db().stores.webhookEvents.prune(at("10:00:00"), 2));
    expect(batches).toEqual([2, 2, 1, 0]);
    expect(await db().stores.webhookEvents.prune(at("11:00:00"), 10)).toBe(2);
  });

  it("counts repeats per charge, event and status, adding up and keeping the first and last time", async () => {
    const repeat = { referenceId: "r1", chargeId: "c1", event: "ewallet.capture", status: "SUCCEEDED", outcome: "duplicate" };
    const store = () => db().stores.webhookEvents;
    expect(await store().countRepeats(repeat, 3, at("09:00:00"))).toBe(3);
    expect(await store().countRepeats(repeat, 2, at("09:05:00"))).toBe(5);
    expect(await store().countRepeats({ ...repeat, status: "FAILED", outcome: "stale" }, 1, at("09:06:00"))).toBe(1);
    expect(await store().countRepeats({ ...repeat, chargeId: "c2" }, 1, at("09:07:00"))).toBe(1);
    await store().pruneRepeats(at("09:06:30"));
    expect(await store().countRepeats(repeat, 1, at("09:08:00"))).toBe(1);
    expect(await store().countRepeats({ ...repeat, chargeId: "c2" }, 1, at("09:09:00"))).toBe(2);
  });

  it("counts the repeats of the same callbacks on two instances at once without a deadlock, none lost", async () => {
    const clock = new ManualClock();
    const instances = [new CallbackRepeats({ database: db(), clock }), new CallbackRepeats({ database: await peer(db()), clock })];
    const callback = (status: string) => ({ referenceId: "r1", chargeId: "c1", event: "ewallet.capture", status, outcome: "duplicate", body: () => "{}" });
    const statuses = ["SUCCEEDED", "FAILED", "PENDING"];
    // Each instance's batches hold all three callbacks, arriving in a different order on each.
    const counted = [];
    for (let round = 0; round < 20; round++) {
      for (const [i, repeats] of instances.entries()) {
        const order = i === 0 ? statuses : [...statuses].reverse();
        for (const status of order) counted.push(repeats.record(callback(status)), repeats.record(callback(status)));
      }
      await Promise.all(counted);
    }
    const store = db().stores.webhookEvents;
    for (const status of statuses) expect(await store.countRepeats(callback(status), 0, at("09:00:00"))).toBe(80);
  });
});
