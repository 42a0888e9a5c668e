import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { balanceOf } from "../src/payments/ledger.js";
import { startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ captureLogs: "debug" });
});
afterEach(async () => {
  await h.close();
});

describe("logs", () => {
  it("keep charge ids out of info, for a callback and for our own check alike", async () => {
    const sari = merchant(h, 7001);
    const ani = merchant(h, 7002);
    await sari.topup();
    await ani.topup({ phone: "081311112222" });
    const [paidByCallback, paidByCheck] = h.xendit.charges();
    await h.xendit.pay(paidByCallback!.id);
    await sari.expect("Pembayaran berhasil");
    await h.xendit.pay(paidByCheck!.id, { callback: false });
    h.clock.advance(71_000);
    await ani.expect("Pembayaran berhasil");
    expect((await balanceOf(h.app.services.database.stores, ani.id))).toBe(100_000);
    const lines = h.logs.map((entry) => ({ level: entry.level, text: JSON.stringify(entry) }));
    const info = lines.filter((line) => line.level >= 30);
    expect(info.some((line) => line.text.includes("charge created"))).toBe(true);
    expect(info.some((line) => line.text.includes("gateway report applied"))).toBe(true);
    for (const charge of [paidByCallback!, paidByCheck!]) {
      expect(info.filter((line) => line.text.includes(charge.id))).toEqual([]);
      expect(lines.some((line) => line.level === 20 && line.text.includes(charge.id))).toBe(true);
    }
  });
});
