/**
 * GET /readyz: ready while the database answers and every background loop finishes its passes; a loop stalled in a
 * pass (a Telegram that never answers the outbox's send) or a database that does not answer makes it 503, naming
 * what is wrong. /healthz keeps answering liveness. A scrape of /metrics meanwhile still answers, without the counts
 * the database holds.
 */
import { afterEach, describe, expect, it } from "vitest";
import { databaseDown } from "./helpers/faults.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";
import { scrape, valueOf } from "./helpers/prometheus.js";

const TOKEN = "metrics-token-0123456789";

let h: Harness;
afterEach(async () => {
  await h.close();
});

async function readiness(): Promise<{ status: number; body: { ok: boolean; database: string; stale: { loop: string; secondsSinceLastPass: number }[] } }> {
  const response = await fetch(`${h.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as never };
}

describe("GET /readyz", () => {
  it("is 200 while the loops run, 503 naming the outbox while its send hangs, 200 again once the pass ends", async () => {
    h = await startHarness();
    expect(await readiness()).toEqual({ status: 200, body: { ok: true, database: "ok", stale: [] } });
    const sari = merchant(h, 3001);
    await sari.topup();
    // Telegram takes the payment notification and never answers.
    const hang = h.tg.injectFault({ method: "sendMessage", chatId: sari.id, times: 1, status: "hang" });
    expect((await h.xendit.pay(h.xendit.charges()[0]!.id))?.status).toBe(200);
    await eventually(() => expect(hang.remaining).toBe(0));

    h.clock.advance(29_000);
    expect((await readiness()).status).toBe(200);
    h.clock.advance(2_000);
    // The other loops go on finishing passes on the advanced clock; the outbox's pass started before and hangs.
    await eventually(async () => expect(await readiness()).toEqual({ status: 503, body: { ok: false, database: "ok", stale: [{ loop: "outbox", secondsSinceLastPass: 31 }] } }));
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);

    hang.remove();
    await eventually(async () => expect(await readiness()).toEqual({ status: 200, body: { ok: true, database: "ok", stale: [] } }));
  });

  it("is 503 while the database does not answer, and 200 again when it does; /metrics answers without the database's counts", async () => {
    h = await startHarness({ config: { metrics: { token: TOKEN } } });
    const sari = merchant(h, 3001);
    await sari.topup();
    expect(valueOf((await scrape(h.baseUrl, TOKEN)).samples, "coinpremium_topups", { status: "pending" })).toBe(1);

    const restore = await databaseDown(h);
    try {
      await eventually(async () => expect(await readiness()).toMatchObject({ status: 503, body: { ok: false, database: "unreachable" } }));
      const during = await scrape(h.baseUrl, TOKEN);
      expect(during.status).toBe(200);
      expect(valueOf(during.samples, "coinpremium_metrics_database_up")).toBe(0);
      expect(valueOf(during.samples, "coinpremium_topups")).toBeUndefined();
      expect(valueOf(during.samples, "coinpremium_outbox_pending")).toBeUndefined();
      expect(valueOf(during.samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    } finally {
      await restore();
    }
    await eventually(async () => expect(await readiness()).toEqual({ status: 200, body: { ok: true, database: "ok", stale: [] } }), 8_000);
    const after = await scrape(h.baseUrl, TOKEN);
    expect(valueOf(after.samples, "coinpremium_metrics_database_up")).toBe(1);
    expect(valueOf(after.samples, "coinpremium_topups", { status: "pending" })).toBe(1);
  });
});
