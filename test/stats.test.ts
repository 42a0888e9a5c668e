import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startOfWibDay } from "../src/format.js";
import { startBroadcast } from "./helpers/broadcast.js";
import { startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

const ADMIN_ID = 9001;
const DAY = 86_400_000;

let h: Harness;
let admin: Merchant;
beforeEach(async () => {
  h = await startHarness({ config: { adminIds: [ADMIN_ID], broadcast: { ratePerSecond: 200 } } });
  admin = merchant(h, ADMIN_ID, { first_name: "Admin" });
});
afterEach(async () => {
  await h.close();
});

const lastCharge = () => h.xendit.charges().at(-1)!.id;

async function paidTopup(m: Merchant, amount: string) {
  await m.topup({ amount });
  await h.xendit.pay(lastCharge());
  await m.expect("Pembayaran berhasil");
}

describe("/stats", () => {
  it("counts merchants, top-ups per Jakarta day range, pending payments, Coin Premium and broadcasts", async () => {
    // The clock starts on 26/11/2026 10:00 WIB. Day 0: a paid top-up that only the 30-day range sees.
    await paidTopup(merchant(h, 5001), "Rp100.000");
    h.clock.advance(10 * DAY);
    // Day 10: a declined top-up, inside 7 days of day 12 but not today.
    const budi = merchant(h, 5002);
    await budi.topup({ amount: "Rp250.000" });
    await h.xendit.reject(lastCharge());
    await budi.expect("Pembayaran gagal");
    h.clock.advance(2 * DAY);
    // Today: one paid, one still waiting for the merchant to tap Bayar.
    await paidTopup(merchant(h, 5003), "Rp500.000");
    await merchant(h, 5004).topup({ amount: "Rp50.000" });
    const blocked = merchant(h, 5005);
    await blocked.say("/start");
    await blocked.expect("Halo");
    await h.app.services.merchants.markBlocked(blocked.id);
    const muted = merchant(h, 5006);
    await muted.say("/start");
    await muted.expect("Halo");
    await h.app.services.broadcasts.mute(muted.id);

    await admin.say("/stats");
    const stats = (await admin.expect("Statistik")).text!;
    expect(stats).toContain("Total: 7 · Aktif: 6 · Memblokir bot: 1 · Mematikan pengumuman: 1");
    expect(stats).toContain("Hari ini: 2 top up, Rp500.000 berhasil dibayar, tingkat berhasil 100%");
    expect(stats).toContain("7 hari: 3 top up, Rp500.000 berhasil dibayar, tingkat berhasil 50%");
    expect(stats).toContain("30 hari: 4 top up, Rp600.000 berhasil dibayar, tingkat berhasil 67%");
    expect(stats).toContain("Menunggu pembayaran sekarang: 1 (Rp50.000)");
    expect(stats).toContain("Coin Premium beredar: Rp600.000");
    expect(stats).toContain("Belum ada pengumuman.");

    await startBroadcast(admin, "Terima kasih!", /^Semua merchant \(4\)$/);
    await admin.expect("Pengumuman #1 selesai", 5_000);
    await admin.say("/stats");
    const after = (await admin.expect("Statistik")).text!;
    expect(after).toMatch(/#1 \d\d\/\d\d\/2026 \d\d:\d\d WIB · semua merchant · selesai: 4\/4 terkirim, 0 gagal, 0 memblokir/);
  });

  it("answers in English for an admin who chose English", async () => {
    const english = merchant(h, 9002, { language_code: "en" });
    h.config.adminIds.push(english.id);
    await english.say("/stats");
    const stats = (await english.expect("Statistics")).text!;
    expect(stats).toContain("Today: 0 top-ups, Rp0 paid, success rate —");
    expect(stats).toContain("No announcements yet.");
  });

  it("is an unknown command for everyone else", async () => {
    const stranger = merchant(h, 7001);
    await stranger.say("/stats");
    expect((await stranger.expect("")).text).toBe("Perintah tidak dikenal. Ketik /bantuan untuk melihat yang bisa saya lakukan.");
  });
});

describe("Jakarta days", () => {
  it("start at 17:00 UTC", () => {
    expect(startOfWibDay(new Date("2026-11-26T16:59:59.999Z")).toISOString()).toBe("2026-11-25T17:00:00.000Z");
    expect(startOfWibDay(new Date("2026-11-26T17:00:00.000Z")).toISOString()).toBe("2026-11-26T17:00:00.000Z");
    expect(startOfWibDay(new Date("2026-11-26T03:00:00.000Z"), 6).toISOString()).toBe("2026-11-19T17:00:00.000Z");
  });
});
