/**
 * Three instances of the app in webhook mode on one PostgreSQL database, behind one load balancer: Telegram
 * updates and Xendit callbacks reach whichever instance is next, the same callback sometimes two of them at the
 * same moment, and one instance dies by kill -9 in the middle of a flood of callbacks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/harness.js";
import { merchant, type Merchant } from "../helpers/merchant.js";
import { postgresUrl } from "../helpers/postgres.js";
import { Cluster, type SeededTopup } from "./cluster.js";

const PAID = "Pembayaran berhasil";
/** How long an outbox row claimed by an instance is its own (CLAIM_MS of src/bot/outbox-dispatcher.ts). */
const DISPATCHER_CLAIM_MS = 60_000;
const STUCK_AFTER_MS = 4_000;

let cluster: Cluster;

beforeAll(async () => {
  if (postgresUrl) cluster = await Cluster.start({ size: 3 });
});

afterAll(async () => {
  await cluster?.close();
});

/** Successful sendMessage calls per chat whose text contains `pattern`. */
function sentPerChat(pattern: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of cluster.tg.callsFor("sendMessage")) {
    if (!call.ok || !String(call.params.text).includes(pattern)) continue;
    const chat = Number(call.params.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

/** The top-ups of these merchants: each succeeded, one ledger row each for its amount, one invoice, one notification. */
async function expectSettledOnce(merchantIds: number[]): Promise<void> {
  const rows = await cluster.sql<{ merchant_id: string; status: string; amount: number; credits: number; credited: string | null; invoices: number }>(
    `select t.merchant_id, t.status, t.amount,
            (select count(*)::int from ledger_entries l where l.topup_id = t.id) as credits,
            (select sum(l.amount)::text from ledger_entries l where l.topup_id = t.id) as credited,
            (select count(*)::int from invoices i where i.topup_id = t.id) as invoices
       from topups t where t.merchant_id = any($1::bigint[])`,
    [merchantIds],
  );
  expect(rows).toHaveLength(merchantIds.length);
  const wrong = rows.filter((r) => r.status !== "succeeded" || r.credits !== 1 || r.credited !== String(r.amount) || r.invoices !== 1);
  expect(wrong.slice(0, 5)).toEqual([]);
  // Every notification is out, and each merchant got exactly one (a late duplicate would come within moments).
  await runOutStuckClaims();
  await eventually(async () => {
    const [row] = await cluster.sql<{ pending: number }>(`select count(*)::int as pending from outbox where status <> 'sent'`);
    expect(row?.pending).toBe(0);
  }, 15_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const told = sentPerChat(PAID);
  // How many merchants got how many notifications: { 1: everyone }.
  expect(tally(merchantIds.map((id) => told.get(id) ?? 0))).toEqual({ 1: merchantIds.length });
}

/**
 * An outbox row stays claimed for a minute (the dispatcher's CLAIM_MS) when its instance died holding it, or when
 * the database refused the write that ends the claim (the pool exhausted under the flood): then another instance
 * sends it. Once everything else is out, the clock is moved past those claims instead of waiting the minute.
 */
async function runOutStuckClaims(): Promise<void> {
  await eventually(async () => {
    const [row] = await cluster.sql<{ unclaimed: number }>("select count(*)::int as unclaimed from outbox where status <> 'sent' and claimed_until is null");
    expect(row?.unclaimed).toBe(0);
  }, 20_000);
  // Claims taken before now that are still held a few seconds later are stuck: a live instance's claim waits at most
  // about a second for its turn at Telegram's pace (MAX_IN_FLIGHT at 30/s), then a send takes milliseconds.
  const takenBefore = new Date(Date.now() + DISPATCHER_CLAIM_MS);
  await new Promise((resolve) => setTimeout(resolve, STUCK_AFTER_MS));
  await cluster.sql("update outbox set claimed_until = now() where status <> 'sent' and claimed_until < $1", [takenBefore]);
}

function tally(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Invoice numbers INV/CP/<month>/<n>: in every month 1…count, no gap, no duplicate. */
async function expectInvoiceNumbersGapFree(): Promise<void> {
  const rows = await cluster.sql<{ number: string }>("select number from invoices");
  const perMonth = new Map<string, number[]>();
  for (const { number } of rows) {
    const [, month, n] = /^INV\/CP\/(.+)\/(\d{6})$/.exec(number)!;
    perMonth.set(month!, [...(perMonth.get(month!) ?? []), Number(n)]);
  }
  for (const numbers of perMonth.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
}

/** /topup up to the amount prompt. */
async function openTopup(m: Merchant) {
  await m.say("/topup");
  return m.expect("Pilih nominal");
}

/** From the method prompt to the bot's answer to OK. */
async function finishTopup(m: Merchant) {
  const method = await m.expect("Pilih metode pembayaran");
  await m.press(method, "E-Wallet");
  await m.press(method, "OVO");
  await m.press(await m.expect("Ringkasan top up"), "✅ Lanjutkan");
  await m.expect("Masukkan nomor HP aktif");
  await m.say("0812-3456-7890");
  await m.press(await m.expect("Tekan OK"), "OK");
  return m.expect(/Konfirmasi Pembayaran|belum menjawab|Masih ada pembayaran|tidak dapat|terlalu banyak/i);
}

const chargeOf = async (merchantId: number) =>
  (await cluster.sql<{ charge_id: string }>("select charge_id from topups where merchant_id = $1", [merchantId]))[0]!.charge_id;

describe.skipIf(!postgresUrl)("three instances behind one load balancer", () => {
  it("credits every top-up once, tells every merchant once and numbers invoices without gaps, duplicates reaching two instances at once", async () => {
    // Merchants in the chat: each update goes to the next instance, so every step runs where the last did not.
    const chatting = Array.from({ length: 4 }, (_, i) => merchant(cluster, 61_000_000 + i));
    const answers = await Promise.all(chatting.map((m) => openTopup(m).then(async (prompt) => (await m.press(prompt, "Rp100.000"), finishTopup(m)))));
    for (const answer of answers) expect(answer.text).toMatch(/Konfirmasi Pembayaran/);
    const seeded = await cluster.seedPendingTopups(150, 62_000_000);
    const charges = [...(await Promise.all(chatting.map((m) => chargeOf(m.id)))), ...seeded.map((t) => t.chargeId)];

    // Every third payment's callback reaches two instances at the same moment (as after a timed-out delivery);
    // the rest come from Xendit, in turn. Either is sent again after a 5xx, as Xendit does.
    // Payments come in waves of 25 at once (the flood is the last test's).
    const pairs = [[0, 1], [1, 2], [2, 0]];
    const statuses: (number | undefined)[] = [];
    for (let from = 0; from < charges.length; from += 25) {
      const wave = charges.slice(from, from + 25).map(async (chargeId, j) => {
        const i = from + j;
        if (i % 3 !== 0) return (await cluster.xendit.pay(chargeId))?.status;
        await cluster.xendit.pay(chargeId, { callback: false });
        return (await cluster.deliverCallback(chargeId, pairs[(i / 3) % 3]!)).at(-1);
      });
      statuses.push(...(await Promise.all(wave)));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const callbacksPerInstance = [0, 1, 2].map((i) => cluster.balancer.forwarded.filter((f) => f.backend === i && f.path === "/webhooks/xendit").length);
    expect(Math.min(...callbacksPerInstance)).toBeGreaterThan(30);

    await expectSettledOnce([...chatting.map((m) => m.id), ...seeded.map((t) => t.merchantId)]);
    await expectInvoiceNumbersGapFree();
  });

  it("handles two updates of one chat that reach two instances at once one after the other: the conversation goes on", async () => {
    // A double tap on an amount, its two callback queries handed to two instances at the same moment. One after
    // the other, the second finds the conversation at the next step and is answered as a stale button; at once,
    // both would run from the same saved state, both send the next step, and the last to save would win.
    const tapping = Array.from({ length: 6 }, (_, i) => merchant(cluster, 63_000_000 + i));
    await Promise.all(
      tapping.map(async (m, i) => {
        const prompt = await openTopup(m);
        const taps = [m.user.pressUpdate(prompt.message_id, "Rp250.000"), m.user.pressUpdate(prompt.message_id, "Rp250.000")];
        const statuses = await Promise.all(taps.map((tap, j) => cluster.deliverUpdate(tap, [(i + j) % 3])));
        expect(statuses).toEqual([200, 200]);
        expect((await finishTopup(m)).text).toMatch(/Konfirmasi Pembayaran/);
      }),
    );
    for (const m of tapping) {
      expect(sentPerChat("Pilih metode pembayaran").get(m.id)).toBe(1);
      expect(m.user.callbackAnswers.filter((a) => a.text === "Tombol ini sudah tidak berlaku.")).toHaveLength(1);
    }
    const topups = await cluster.sql<{ merchant_id: string; amount: number; status: string }>(
      "select merchant_id, amount, status from topups where merchant_id = any($1::bigint[]) order by merchant_id",
      [tapping.map((m) => m.id)],
    );
    expect(topups).toEqual(tapping.map((m) => ({ merchant_id: String(m.id), amount: 250_000, status: "pending" })));
  });

  it("loses nothing and doubles nothing when one instance is killed with -9 in the middle of a flood of callbacks", async () => {
    const seeded: SeededTopup[] = await cluster.seedPendingTopups(600, 64_000_000);
    // Telegram refuses sendMessage until the kill is over, so that no notification is in flight when the process
    // dies (one accepted by Telegram but not yet marked sent would be sent again: delivery is at least once).
    const outage = cluster.tg.injectFault({ method: "sendMessage", status: 502, times: Infinity });
    let acknowledged = 0;
    let killed: Promise<void> | undefined;
    const victim = 1;
    cluster.xendit.on("callback", (_charge, delivery) => {
      if (delivery.status === 200 && ++acknowledged === 200) killed = cluster.kill(victim);
    });
    const lasts = await Promise.all(seeded.map((t) => cluster.xendit.pay(t.chargeId)));
    cluster.xendit.removeAllListeners("callback");
    await killed;
    outage.remove();

    // Each callback was answered 200 in the end; some only after Xendit retried one that the killed instance
    // had taken (a 502 from the balancer), on a survivor.
    expect(lasts.filter((d) => d?.status !== 200)).toEqual([]);
    const references = new Set(seeded.map((t) => t.chargeId));
    const retried = cluster.xendit.deliveries.filter((d) => references.has(d.chargeId) && d.status !== 200);
    expect(retried.length).toBeGreaterThan(0);
    expect(cluster.instances[victim]).toBeUndefined();

    // A notification the dead instance held claimed is sent by a survivor once the claim runs out (runOutStuckClaims).
    await expectSettledOnce(seeded.map((t) => t.merchantId));
    await expectInvoiceNumbersGapFree();
  });
});
