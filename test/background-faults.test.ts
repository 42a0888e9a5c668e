/**
 * A database write that fails inside a background loop (disk full, locked past the busy timeout, a constraint)
 * is logged and retried later; it neither ends the process nor holds back other work, and nothing is sent twice.
 * A trigger plays the failing write.
 */
import { afterEach, describe, expect, it } from "vitest";
import { addMerchants, broadcastCopies, copiesPerChat, startBroadcast } from "./helpers/broadcast.js";
import { failUpdates } from "./helpers/faults.js";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant } from "./helpers/merchant.js";

let h: Harness;
afterEach(async () => {
  await h.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A paid top-up's callback: answered 2xx and announced, i.e. the process still serves Xendit and Telegram. */
async function paidAndTold(id: number, phone: string): Promise<void> {
  const m = merchant(h, id);
  await m.topup({ phone });
  const charge = h.xendit.charges().find((c) => c.channel_properties.mobile_number === `+62${phone.slice(1)}`)!;
  expect((await h.xendit.pay(charge.id))?.status).toBe(200);
  await m.expect("Pembayaran berhasil");
}

describe("a database write failing in a background loop", () => {
  it("broadcast worker: the process stays up, and each copy's outcome is recorded once the database is back", async () => {
    const adminId = 9001;
    h = await startHarness({ config: { adminIds: [adminId], broadcast: { ratePerSecond: 200 } } });
    const admin = merchant(h, adminId, { first_name: "Admin" });
    await addMerchants(h, 20, 100_000);
    const restore = await failUpdates(h, "broadcast_recipients", { when: "NEW.status = 'sent'" });
    await startBroadcast(admin, "Promo akhir tahun", /^Semua merchant \(20\)$/);
    await eventually(() => expect(broadcastCopies(h, adminId).length).toBeGreaterThan(0));
    await pause(200);

    await paidAndTold(9501, "081234567890");
    const copiesDuringFault = broadcastCopies(h, adminId).length;
    expect(copiesDuringFault).toBeLessThan(20);

    await restore();
    const report = await admin.expect("Pengumuman #1 selesai", 10_000);
    expect(report.text).toContain("Terkirim: 20");
    const perChat = copiesPerChat(broadcastCopies(h, adminId));
    expect(perChat.size).toBe(20);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    const rows = await h.table("broadcastRecipients");
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });

  it("outbox dispatcher: a notification whose 'sent' cannot be written is not sent again, and is marked sent later", async () => {
    h = await startHarness();
    const sari = merchant(h, 9502);
    await sari.topup();
    const restore = await failUpdates(h, "outbox", { when: "NEW.status = 'sent'" });
    expect((await h.xendit.pay(h.xendit.charges()[0]!.id))?.status).toBe(200);
    await sari.expect("Pembayaran berhasil");
    // Several retry times pass on the clock while the write keeps failing.
    for (let i = 0; i < 5; i++) {
      h.clock.advance(5_000);
      await pause(60);
    }
    expect(sari.count("Pembayaran berhasil")).toBe(1);

    await restore();
    const outbox = () => h.table("outbox");
    await eventually(async () => expect((await outbox()).map((row) => row.status)).toEqual(["sent"]));
    h.clock.advance(60_000);
    await pause(100);
    expect(sari.count("Pembayaran berhasil")).toBe(1);
  });

  it("payment checks: a top-up whose update fails does not hold back the others and is checked again later", async () => {
    h = await startHarness();
    const ani = merchant(h, 9503);
    const budi = merchant(h, 9504);
    await ani.topup({ phone: "081111111111" });
    await budi.topup({ phone: "082222222222" });
    const stuck = (await h.app.services.topups.latest(ani.id))!;
    // Its outcome cannot be written (the claim, which changes no status, can: a row nothing can be written to at
    // all cannot be claimed either, and as the earliest due it would hold back the others).
    const restore = await failUpdates(h, "topups", { when: `OLD.id = ${stuck.id} AND NEW.status <> OLD.status` });
    // Both are overdue (never paid); Ani's comes first and cannot be written.
    h.clock.advance(71_000);
    await budi.expect("⌛");
    expect((await h.app.services.topups.latest(budi.id))?.status).toBe("expired");
    expect((await h.app.services.topups.get(stuck.id))?.status).toBe("pending");

    await paidAndTold(9505, "083333333333");

    await restore();
    // Checked again once its claim runs out (the gateway's timeout plus 45 s).
    h.clock.advance(60_000);
    await ani.expect("⌛");
    expect((await h.app.services.topups.get(stuck.id))?.status).toBe("expired");
  });
});
