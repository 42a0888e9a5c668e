/**
 * Alerts to the admins' chat that need no Prometheus: once per incident, not per event, and again for the next one.
 * The outbox's oldest pending notification older than 5 minutes (Telegram refusing it, the clock moved on), and
 * callbacks that cannot be recorded (the database refusing the top-up's update: answered 5xx).
 */
import { afterEach, describe, expect, it } from "vitest";
import { failUpdates } from "./helpers/faults.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";
import { paidTopup } from "./helpers/payments.js";
import { scrape, valueOf } from "./helpers/prometheus.js";

const ADMIN_ID = 9001;
const TOKEN = "metrics-token-0123456789";
const MINUTE = 60_000;

let h: Harness;
let admin: Merchant;
afterEach(async () => {
  await h.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for a few passes of the alerts' check (15 poll intervals of 25 ms). */
const someChecks = () => pause(1_000);

async function setUp() {
  h = await startHarness({ config: { adminIds: [ADMIN_ID], metrics: { token: TOKEN } } });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
  await admin.say("/start");
  await admin.expect("Halo");
}

describe("admin alerts", () => {
  it("the outbox's oldest notification pending over 5 minutes: told once while it lasts, its end told, told again when it recurs", async () => {
    await setUp();
    const sari = merchant(h, 3001);
    await sari.topup();
    let refuse = h.tg.injectFault({ method: "sendMessage", chatId: sari.id, times: Infinity, status: 502 });
    expect((await h.xendit.pay(h.xendit.charges()[0]!.id))?.status).toBe(200);
    await eventually(async () => expect((await h.table("outbox")).find((row) => row.chatId === sari.id)?.attempts).toBeGreaterThan(0));

    h.clock.advance(5 * MINUTE - 1_000);
    await someChecks();
    expect(admin.count("Notifikasi tertunda")).toBe(0);
    h.clock.advance(2_000);
    const alert = await admin.expect("Notifikasi tertunda");
    expect(alert.text).toContain("selama 5 menit (1 menunggu)");
    for (let i = 0; i < 3; i++) {
      h.clock.advance(5 * MINUTE);
      await someChecks();
    }
    expect(admin.count("Notifikasi tertunda")).toBe(1);

    refuse.remove();
    h.clock.advance(5_000);
    await sari.expect("Pembayaran berhasil");
    await admin.expect("Notifikasi lancar lagi");
    await someChecks();
    expect(admin.count("Notifikasi lancar lagi")).toBe(1);

    refuse = h.tg.injectFault({ method: "sendMessage", chatId: sari.id, times: Infinity, status: 502 });
    await paidTopup(h, sari, 50_000, 2);
    h.clock.advance(6 * MINUTE);
    await admin.expect("Notifikasi tertunda");
    expect(admin.count("Notifikasi tertunda")).toBe(2);
    refuse.remove();
  });

  it("callbacks that cannot be recorded: told once however many fail, its end told after one is recorded again", async () => {
    await setUp();
    const sari = merchant(h, 3001);
    await sari.topup();
    const chargeId = h.xendit.charges()[0]!.id;
    const restore = await failUpdates(h, "topups");
    // Xendit's three attempts all fail, and one more later.
    expect((await h.xendit.pay(chargeId))?.status).toBe(500);
    const alert = await admin.expect("Callback Xendit gagal dicatat");
    expect(alert.text).toMatch(/Sejak \d\d\/\d\d\/\d{4} \d\d:\d\d WIB/);
    h.clock.advance(MINUTE);
    expect((await h.xendit.sendCallback(chargeId)).status).toBe(500);
    h.clock.advance(MINUTE);
    await someChecks();
    expect(admin.count("Callback Xendit gagal dicatat")).toBe(1);
    expect(valueOf((await scrape(h.baseUrl, TOKEN)).samples, "coinpremium_callbacks_total", { outcome: "error" })).toBe(4);

    await restore();
    expect((await h.xendit.sendCallback(chargeId)).status).toBe(200);
    await sari.expect("Pembayaran berhasil");
    await admin.expect("Callback Xendit tercatat lagi");
    await someChecks();
    expect(admin.count("Callback Xendit gagal dicatat")).toBe(1);
    expect(admin.count("Callback Xendit tercatat lagi")).toBe(1);
  });
});
