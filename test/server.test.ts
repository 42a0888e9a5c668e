import { afterEach, describe, expect, it } from "vitest";
import { eventually, freePort, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("HTTP server", () => {
  it("GET /healthz answers when the database answers, with the roles this instance holds; unknown paths are 404", async () => {
    h = await startHarness();
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    // One process on its SQLite file holds every role.
    expect(await health.json()).toEqual({ ok: true, database: "ok", leases: { broadcast: true, polling: true } });
    expect((await fetch(`${h.baseUrl}/nope`)).status).toBe(404);
  });

  it("webhook mode: sets the webhook with a secret, takes updates only with that secret", async () => {
    const port = await freePort();
    const secret = "webhook-secret-0123456789";
    h = await startHarness({
      config: { botMode: "webhook", port, publicUrl: `http://127.0.0.1:${port}`, telegramWebhookSecret: secret },
    });
    const setWebhook = h.tg.callsFor("setWebhook").at(-1);
    expect(setWebhook?.params).toMatchObject({ url: `http://127.0.0.1:${port}/webhooks/telegram`, secret_token: secret });
    expect(h.tg.callsFor("getUpdates")).toHaveLength(0);

    const sari = merchant(h, 7001, { first_name: "Sari" });
    await sari.say("/start");
    await sari.expect("Halo, Sari");

    const forged = await fetch(`${h.baseUrl}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" },
      body: JSON.stringify({ update_id: 999, message: { message_id: 1, date: 0, chat: { id: 7001, type: "private" }, text: "/saldo" } }),
    });
    expect(forged.status).toBe(401);
    // No poller in webhook mode, so no polling role.
    expect(await (await fetch(`${h.baseUrl}/healthz`)).json()).toEqual({ ok: true, database: "ok", leases: { broadcast: true } });
  });

  it("stops cleanly and starts again on the same database", async () => {
    h = await startHarness();
    const sari = merchant(h, 7002);
    await sari.topup();
    await h.restart();
    await h.xendit.pay(h.xendit.charges()[0]!.id);
    await sari.expect("Pembayaran berhasil");
  });

  it("shows admin commands only in admins' chats", async () => {
    h = await startHarness({ config: { adminIds: [4242] } });
    const names = (scope?: { type: "chat"; chat_id: number }) => h!.tg.myCommands(scope).map((c) => c.command);
    // The menu is registered behind start-up.
    await eventually(() => expect(names({ type: "chat", chat_id: 4242 })).toEqual(expect.arrayContaining(["topup", "broadcast", "broadcast_cancel", "stats", "koreksi", "audit", "ekspor", "masalah", "rekonsiliasi"])));
    expect(names()).toContain("topup");
    expect(names()).not.toContain("broadcast");
    // An admin who chose English keeps an English menu across restarts.
    await h.app.services.merchants.register({ id: 4242, chatId: 4242, firstName: "Rudi" });
    await h.app.services.merchants.setLanguage(4242, "en");
    await h.restart();
    const stats = () => h!.tg.myCommands({ type: "chat", chat_id: 4242 }).find((c) => c.command === "stats");
    await eventually(() => expect(stats()?.description).toMatch(/statistics/));
  });
});
