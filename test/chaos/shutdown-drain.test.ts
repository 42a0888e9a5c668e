/**
 * SIGTERM (app.stop()) while a merchant's OK is waiting on a slow Xendit create (16 s, XENDIT_TIMEOUT_MS 18 s):
 * the handler finishes, the top-up gets its charge id and the merchant the confirmation, and only then does the
 * database close. Polling mode used to give up after a fixed 15 s; webhook mode, once Telegram was answered at
 * 9 s and the connection closed, not at all.
 */
import { describe, expect, it } from "vitest";
import { startHarness, webhookConfig, type HarnessOptions } from "../helpers/harness.js";
import { merchant } from "../helpers/merchant.js";

const CREATE_DELAY_MS = 16_000;

async function stopDuringSlowCreate(config: HarnessOptions["config"]): Promise<void> {
  const h = await startHarness({ config: { ...config, xendit: { timeoutMs: 18_000 } }, captureLogs: true });
  try {
    const sari = merchant(h, 9601);
    await sari.toPhoneStep();
    await sari.say("0812-3456-7890");
    const ok = await sari.expect("Tekan OK");
    h.xendit.injectFault({ op: "create", delayMs: CREATE_DELAY_MS });
    await sari.press(ok, "OK");
    await expect.poll(() => h.xendit.requests.some((r) => r.method === "POST" && r.path === "/ewallets/charges")).toBe(true);

    const started = Date.now();
    await h.stopApp();
    const stoppedAt = Date.now();
    expect(stoppedAt - started).toBeGreaterThanOrEqual(CREATE_DELAY_MS - 500);

    const [topup] = await h.table("topups");
    expect(topup).toMatchObject({ status: "pending", chargeId: h.xendit.charges()[0]!.id });
    const confirmation = h.tg.callsFor("sendMessage").find((c) => c.ok && /Konfirmasi Pembayaran/.test(String(c.params.text)));
    expect(confirmation).toBeDefined();
    expect(confirmation!.at).toBeLessThanOrEqual(stoppedAt);
    expect(h.logs.filter((line) => line.level >= 50)).toEqual([]);
  } finally {
    await h.close();
  }
}

describe.concurrent("stopping while an update waits on Xendit", () => {
  it("polling: waits past the 15 s floor, as long as XENDIT_TIMEOUT_MS needs", async () => {
    await stopDuringSlowCreate({});
  });

  it("webhook: waits for a handler still running after Telegram got its answer at 9 s", async () => {
    await stopDuringSlowCreate(await webhookConfig());
  });
});
