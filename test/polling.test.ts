/**
 * getUpdates failing for reasons that are not ours to fix: a second instance polling with the same token (409)
 * is waited out while HTTP keeps answering; a revoked token (401) ends the app with one line naming BOT_TOKEN.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Fault } from "../src/emulators/telegram/index.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Starts the app with getUpdates failing from its very first call. */
async function startWithFailingGetUpdates(fault: Omit<Fault, "method">) {
  h = await startHarness({ captureLogs: true });
  await h.stopApp();
  const handle = h.tg.injectFault({ method: "getUpdates", ...fault });
  await h.restart();
  return handle;
}

const getUpdatesAnswered = (code: number) => h.tg.callsFor("getUpdates").filter((c) => c.error_code === code).length;

describe("long polling", () => {
  it("waits out a 409 (another instance polling), logging it once, and then handles updates", async () => {
    const conflict = await startWithFailingGetUpdates({ status: 409, times: 3 });
    await eventually(() => expect(getUpdatesAnswered(409)).toBeGreaterThanOrEqual(2));
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    await eventually(() => expect(conflict.remaining).toBe(0), 5_000);

    const sari = merchant(h, 7101);
    await sari.say("/start");
    await sari.expect("Halo");
    const warnings = h.logs.filter((line) => /another instance is polling/.test(line.msg));
    expect(warnings).toHaveLength(1);
    expect(h.logs.some((line) => line.msg === "polling resumed")).toBe(true);
  });

  it("stops polling on a 401 (revoked token) and reports a one-line fatal error naming BOT_TOKEN", async () => {
    await startWithFailingGetUpdates({ status: 401, times: Infinity });
    const fatal = await h.app.fatal;
    expect(fatal.message).toMatch(/^BOT_TOKEN was rejected by Telegram/);
    expect(fatal.message).not.toContain("\n");
    expect(fatal.message).not.toContain(h.config.botToken);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(getUpdatesAnswered(401)).toBe(1);
    // Still serving HTTP until whoever started it stops it.
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it("refuses to start when the token is rejected at start-up, naming BOT_TOKEN", async () => {
    h = await startHarness();
    await h.stopApp();
    h.tg.injectFault({ method: "getMe", status: 401, times: 1 });
    await expect(h.restart()).rejects.toThrow(/^BOT_TOKEN was rejected by Telegram/);
  });
});
