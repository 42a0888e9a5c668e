/**
 * GET /metrics over real HTTP, parsed from Prometheus' text format: off unless configured, behind its bearer token on
 * the main server or on a loopback-only server of its own, and counting what really happened.
 */
import { createConnection, createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { addMerchants, startBroadcast } from "./helpers/broadcast.js";
import { eventually, freePort, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";
import { scrape, valueOf } from "./helpers/prometheus.js";

const TOKEN = "metrics-token-0123456789";
const ADMIN_ID = 9001;

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe("GET /metrics access", () => {
  it("is 404 when neither METRICS_TOKEN nor METRICS_PORT is set", async () => {
    h = await startHarness();
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect(h.app.metricsAddress).toBeUndefined();
  });

  it("with METRICS_TOKEN: 401 with WWW-Authenticate without the token or with a wrong one, 200 with it", async () => {
    h = await startHarness({ config: { metrics: { token: TOKEN } } });
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, TOKEN, "Bearer "]) {
      const response = await fetch(`${h.baseUrl}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
      expect([authorization, response.status]).toEqual([authorization, 401]);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(await response.text()).not.toContain("coinpremium_");
    }
    const { status, contentType, samples } = await scrape(h.baseUrl, TOKEN);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(samples, "coinpremium_metrics_database_up")).toBe(1);
    expect(valueOf(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
  });

  it("with METRICS_PORT: a server on 127.0.0.1 only, without a token; nothing on the main server", async () => {
    const port = await freePort();
    h = await startHarness({ config: { metrics: { port } } });
    expect(h.app.metricsAddress).toMatchObject({ address: "127.0.0.1", port });
    expect((await scrape(`http://127.0.0.1:${port}`)).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(404);
    // Every other interface of this machine refuses the connection.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal && i.family === "IPv4")
      .map((i) => i!.address);
    for (const address of others) await expect(connect(address, port)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe("a start that fails half-way", () => {
  it("METRICS_PORT already taken: start-up fails and closes what it had opened; the next start works", async () => {
    const port = await freePort();
    h = await startHarness({ config: { port } });
    await h.stopApp();
    const metricsPort = await freePort();
    const taken = await listenOn(metricsPort);
    try {
      h.config.metrics = { port: metricsPort };
      await expect(h.restart()).rejects.toThrow(/EADDRINUSE/);
      // The main server it had started is closed again: its port is free.
      const reopened = await listenOn(port);
      await new Promise((resolve) => reopened.close(resolve));
    } finally {
      taken.close();
    }
    h.config.metrics = undefined;
    // On PostgreSQL a lease left behind by the failed start would keep this one from polling.
    await h.restart();
    const sari = merchant(h, 3001);
    await sari.say("/saldo");
    await sari.expect("Saldo Coin Premium");
  });
});

describe("GET /metrics values", () => {
  it("counts callbacks by outcome, top-ups by method and status, gateway calls and errors, the outbox, exceptions and broadcast sends", async () => {
    h = await startHarness({ config: { metrics: { token: TOKEN }, adminIds: [ADMIN_ID], broadcast: { ratePerSecond: 200 } } });
    const metrics = async () => (await scrape(h.baseUrl, TOKEN)).samples;
    const before = await metrics();
    expect(valueOf(before, "coinpremium_callbacks_total")).toBeUndefined();
    expect(valueOf(before, "coinpremium_topups")).toBeUndefined();
    expect(valueOf(before, "coinpremium_outbox_pending")).toBe(0);
    expect(valueOf(before, "coinpremium_outbox_oldest_pending_age_seconds")).toBe(0);
    expect(valueOf(before, "coinpremium_payment_checks_due")).toBe(0);
    expect(valueOf(before, "coinpremium_exceptions_open")).toBe(0);

    const sari = merchant(h, 3001);
    await sari.topup();
    const paid = h.xendit.charges()[0]!;
    expect((await h.xendit.pay(paid.id))?.status).toBe(200);
    await sari.expect("Pembayaran berhasil");
    expect((await h.xendit.sendCallback(paid.id))?.status).toBe(200);
    const budi = merchant(h, 3002);
    await budi.topup({ phone: "082222222222" });
    // OVO down at Xendit: refused before anything was created.
    h.xendit.injectFault({ op: "create", status: 503, times: 1 });
    const ani = merchant(h, 3003);
    await ani.topup({ phone: "083333333333" });
    await h.app.services.database.stores.exceptions.open({ key: "flagged:1", kind: "flagged", topupId: 1, reason: "test" }, h.clock.now());

    const after = await metrics();
    expect(valueOf(after, "coinpremium_callbacks_total", { outcome: "credited" })).toBe(1);
    expect(valueOf(after, "coinpremium_callbacks_total", { outcome: "duplicate" })).toBe(1);
    expect(valueOf(after, "coinpremium_callbacks_total", { outcome: "error" })).toBeUndefined();
    expect(valueOf(after, "coinpremium_topups", { method: "ID_OVO", status: "succeeded" })).toBe(1);
    expect(valueOf(after, "coinpremium_topups", { method: "ID_OVO", status: "pending" })).toBe(1);
    expect(valueOf(after, "coinpremium_gateway_request_duration_seconds_count", { operation: "createCharge" })).toBe(3);
    expect(valueOf(after, "coinpremium_gateway_errors_total", { operation: "createCharge", failure: "declined" })).toBe(1);
    expect(valueOf(after, "coinpremium_outbox_pending")).toBe(0);
    expect(valueOf(after, "coinpremium_exceptions_open")).toBe(1);

    const admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
    await addMerchants(h, 5, 100_000);
    h.tg.setBlocked(100_002, true);
    await startBroadcast(admin, "Promo akhir tahun", /^Semua merchant \(8\)$/);
    await admin.expect("Pengumuman #1 selesai", 10_000);
    const broadcast = await metrics();
    expect(valueOf(broadcast, "coinpremium_broadcast_sends_total", { result: "sent" })).toBe(7);
    expect(valueOf(broadcast, "coinpremium_broadcast_sends_total", { result: "blocked" })).toBe(1);
    expect(valueOf(broadcast, "coinpremium_broadcast_rate_per_second")).toBeGreaterThan(0);
  });

  it("reports how old the oldest pending notification is while Telegram refuses it", async () => {
    h = await startHarness({ config: { metrics: { token: TOKEN } } });
    const sari = merchant(h, 3001);
    await sari.topup();
    h.tg.injectFault({ method: "sendMessage", chatId: sari.id, times: Infinity, status: 502 });
    expect((await h.xendit.pay(h.xendit.charges()[0]!.id))?.status).toBe(200);
    await eventually(async () => expect((await h.table("outbox"))[0]?.attempts).toBeGreaterThan(0));
    h.clock.advance(90_000);
    const samples = (await scrape(h.baseUrl, TOKEN)).samples;
    expect(valueOf(samples, "coinpremium_outbox_pending")).toBe(1);
    expect(valueOf(samples, "coinpremium_outbox_oldest_pending_age_seconds")).toBe(90);
  });
});

function connect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port }, () => {
      socket.end();
      resolve();
    });
    socket.on("error", reject);
  });
}

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}
