/**
 * BOT_MODE=polling with three instances: exactly one polls (two pollers would get 409s from Telegram, turn and
 * turn about), and when it dies by kill -9 another takes polling over within seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { merchant } from "../helpers/merchant.js";
import { postgresUrl } from "../helpers/postgres.js";
import { Cluster } from "./cluster.js";

let cluster: Cluster;

beforeAll(async () => {
  if (postgresUrl) cluster = await Cluster.start({ size: 3, mode: "polling" });
});

afterAll(async () => {
  await cluster?.close();
});

describe.skipIf(!postgresUrl)("polling with three instances", () => {
  it("has exactly one instance polling, another within seconds after it is killed with -9, and no 409 storm", async () => {
    const m = merchant(cluster, 66_000_000);
    const pollers = (since = 0) => [0, 1, 2].filter((i) => cluster.telegramCalls(i, "getUpdates").some((call) => call.at >= since));

    await m.say("/start");
    await m.expect("Coin Premium", 10_000);
    // A second for any other instance to (wrongly) start polling too.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pollers()).toHaveLength(1);
    const [first] = pollers();

    const killedAt = Date.now();
    await cluster.kill(first!);
    await m.say("/saldo");
    await m.expect("Saldo Coin Premium", 15_000);
    const takenOverInMs = Math.min(...pollers(killedAt).flatMap((i) => cluster.telegramCalls(i, "getUpdates").filter((c) => c.at >= killedAt).map((c) => c.at))) - killedAt;
    expect(takenOverInMs).toBeLessThan(10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(pollers(killedAt)).toHaveLength(1);
    expect(pollers(killedAt)).not.toContain(first);

    const conflicts = cluster.tg.callsFor("getUpdates").filter((call) => call.error_code === 409);
    expect(conflicts).toHaveLength(0);
  });
});
