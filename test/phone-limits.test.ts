import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant, type TopupOptions } from "./helpers/merchant.js";

const BUDI_PHONE = "081299998888";

let h: Harness;
beforeEach(async () => {
  // Two requests per merchant and number an hour, four per number across all merchants.
  h = await startHarness({ config: { payments: { checkAfterSeconds: 70, maxChargesPerPhonePerHour: 2, maxChargesPerPhonePerHourTotal: 4 } } });
});
afterEach(async () => {
  await h.close();
});

/** A request OVO sends and the payer declines at once, so the merchant may start the next one. */
async function declined(m: Merchant, options: TopupOptions = {}): Promise<void> {
  expect((await m.topup({ phone: BUDI_PHONE, ...options })).text).toContain("Konfirmasi Pembayaran");
  await h.xendit.reject(h.xendit.charges().at(-1)!.id);
  await m.expect("Pembayaran gagal");
}

async function limited(m: Merchant, options: TopupOptions = {}): Promise<void> {
  expect((await m.topup({ phone: BUDI_PHONE, ...options })).text).toContain("terlalu banyak permintaan");
}

describe("push spam cannot lock the owner of a number out", () => {
  it("someone typing a stranger's number uses up only their own cap; the owner still tops up, by contact and by typing", async () => {
    const mallory = merchant(h, 6001);
    const budi = merchant(h, 6002);
    await declined(mallory);
    await declined(mallory);
    await limited(mallory);
    await declined(budi, { contact: { userId: budi.id } });
    // Typed, the number is anybody's: under the ceiling (3 of 4) it is still accepted.
    await declined(budi);
    expect(h.xendit.charges()).toHaveLength(4);
  });

  it("the ceiling counts every merchant; the owner's own shared number is exempt from it, not from their own cap", async () => {
    const [first, second, third] = [merchant(h, 6001), merchant(h, 6003), merchant(h, 6004)];
    const budi = merchant(h, 6002);
    for (const m of [first, second]) {
      await declined(m);
      await declined(m);
    }
    await limited(third);
    await limited(budi);
    await declined(budi, { contact: { userId: budi.id } });
    await declined(budi, { contact: { userId: budi.id } });
    await limited(budi, { contact: { userId: budi.id } });
    expect(h.xendit.charges()).toHaveLength(6);
    h.clock.advance(3_600_001);
    await declined(third);
  });

  it("a contact card of someone else, or one without a user id, counts as a typed number", async () => {
    const [first, second, third] = [merchant(h, 6001), merchant(h, 6003), merchant(h, 6004)];
    const budi = merchant(h, 6002);
    for (const m of [first, second]) {
      await declined(m);
      await declined(m);
    }
    await limited(third, { contact: { userId: budi.id } });
    await limited(third, { contact: {} });
    await declined(budi, { contact: { userId: budi.id } });
  });
});
