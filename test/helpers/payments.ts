import type { Harness } from "./harness.js";
import type { Merchant } from "./merchant.js";

/**
 * A paid top-up made through the service and the emulator's real callback (faster than the chat, same path after
 * OK); the clock then moves a minute, so that payments are ordered.
 */
export async function paidTopup(h: Harness, m: Merchant, amount: number, n: number): Promise<void> {
  const result = await h.app.services.topups.start({ method: "OVO", merchantId: m.id, amount, phone: "+6281234567890", requestKey: `seed-${m.id}-${n}` });
  if (result.kind !== "pending") throw new Error(result.kind);
  await h.xendit.pay(result.topup.chargeId!);
  h.clock.advance(60_000);
}
