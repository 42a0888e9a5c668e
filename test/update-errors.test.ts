/**
 * A handler that fails (here: the database refuses the write) gets the merchant an apology and is logged, in
 * webhook mode as in polling mode, and the bot goes on answering.
 */
import { afterEach, describe, expect, it } from "vitest";
import { failUpdates } from "./helpers/faults.js";
import { startHarness, webhookConfig, type Harness, type HarnessOptions } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function failingHandler(config: HarnessOptions["config"]): Promise<void> {
  h = await startHarness({ config, captureLogs: true });
  await failUpdates(h, "merchants", { of: "store_name" });
  const sari = merchant(h, 7401);
  await sari.say("/toko Warung Sari");
  await sari.expect("Maaf, terjadi kesalahan");
  expect(h.logs.filter((line) => line.msg === "update failed")).toHaveLength(1);
  await sari.say("/saldo");
  await sari.expect("Saldo");
  expect(sari.count("Maaf, terjadi kesalahan")).toBe(1);
}

describe("a handler that fails", () => {
  it("polling: the merchant gets an apology and the bot goes on", async () => {
    await failingHandler({});
  });

  it("webhook: the merchant gets an apology (not a 500 and the update again) and the bot goes on", async () => {
    await failingHandler(await webhookConfig());
  });
});
