/**
 * GET /readyz: ready while the database answers and every background loop finishes its passes; a database that does
 * not answer makes it 503, naming what is wrong (a loop stalled in a pass would be named too). A notification whose
 * send hangs does not stall the outbox: its other chats' notices go on. /healthz keeps answering liveness. A scrape of /metrics meanwhile still answers, without the counts
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
  it("stays 200 while one notification's send hangs: the outbox's passes go on, and another merchant is told meanwhile", async () => {
    h = await startHarness();
    expect(await readiness()).toEqual({ status: 200, body: { ok: true, database: "ok", stale: [] } });
    const sari = merchant(h, 3001);
    const budi = merchant(h, 3002);
    await sari.topup();
    await budi.topup();
    // Telegram takes Sari's payment notification and never answers.
    const hang = h.tg.injectFault({ method: "sendMessage", chatId: sari.id, times: 1, status: "hang" });
    const [sariCharge, budiCharge] = h.xendit.charges();
    expect((await h.xendit.pay(sariCharge!.id))?.status).toBe(200);
    await eventually(() => expect(hang.remaining).toBe(0));
    expect((await h.xendit.pay(budiCharge!.id))?.status).toBe(200);
    await eventually(() => expect(budi.count("berhasil")).toBe(1));

    h.clock.advance(31_000);
    await eventually(async () => expect(await readiness()).toEqual({ status: 200, body: { ok: true, database: "ok", stale: [] } }));
    hang.remove();
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
