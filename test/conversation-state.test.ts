import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually, startHarness, type Harness } from "./helpers/harness.js";
import { merchant, type Merchant } from "./helpers/merchant.js";

let h: Harness;
let sari: Merchant;
const ADMIN_ID = 4009;

beforeEach(async () => {
  h = await startHarness({ config: { adminIds: [ADMIN_ID] } });
  sari = merchant(h, 4001);
});
afterEach(async () => {
  await h.close();
});

const HOUR = 60 * 60 * 1000;

/** The size in bytes of a chat's stored conversation state. */
async function storedBytes(chatId: number): Promise<number | undefined> {
  const row = (await h.table("conversationStates")).find((state) => state.key === String(chatId));
  return row && Buffer.byteLength(row.value);
}

const sticker = { sticker: { file_id: "s", file_unique_id: "s", type: "regular" as const, width: 1, height: 1, is_animated: false, is_video: false } };

/** Junk a merchant may send at a step, each with the answer it must get. */
type Junk = { send: (m: Merchant) => Promise<unknown>; answer: string };

/** A step of a conversation: how to get there, what junk it gets, and how the conversation then ends well. */
interface Step {
  who: () => Merchant;
  reach: (m: Merchant) => Promise<void>;
  junk: Junk[];
  finish: (m: Merchant) => Promise<void>;
}

const confirmNumber = async (m: Merchant) => {
  await m.say("0812-3456-7890");
  await m.press(await m.expect("Tekan OK"), "OK");
  await m.expect("Konfirmasi Pembayaran");
  expect(h.xendit.charges()).toEqual([expect.objectContaining({ charge_amount: 100_000 })]);
};

const steps: Record<string, Step> = {
  "the top-up's amount": {
    who: () => sari,
    reach: async (m) => {
      await m.say("/topup");
      await m.expect("Pilih nominal");
    },
    junk: [
      { send: (m) => m.user.sendMessage(sticker), answer: "pilih salah satu tombol" },
      { send: (m) => m.say("halo kak, bisa dibantu?"), answer: "Nominal tidak terbaca" },
      { send: (m) => m.say("5000"), answer: "Nominal minimal" },
      { send: (m) => m.say("60jt"), answer: "Nominal maksimal" },
    ],
    finish: async (m) => {
      await m.say("100rb");
      const method = await m.expect("Pilih metode");
      await m.press(method, "E-Wallet");
      await m.press(method, "OVO");
      await m.press(await m.expect("Ringkasan"), "✅ Lanjutkan");
      await m.expect("Masukkan nomor HP");
      await confirmNumber(m);
    },
  },
  "the top-up's OVO number": {
    who: () => sari,
    reach: async (m) => void (await m.toPhoneStep()),
    junk: [
      { send: (m) => m.user.sendMessage(sticker), answer: "pilih salah satu tombol" },
      { send: (m) => m.say("12345"), answer: "Nomor HP tidak valid" },
      { send: (m) => m.say("021 1234 5678"), answer: "bukan nomor HP seluler" },
    ],
    finish: confirmNumber,
  },
  "the broadcast's audience": {
    who: () => merchant(h, ADMIN_ID, { first_name: "Admin" }),
    reach: async (m) => {
      await sari.say("/start");
      await sari.expect("Halo");
      await m.say("/broadcast");
      await m.expect("Pengumuman baru");
      await m.say("Promo akhir pekan");
      await m.expect("Siapa yang menerima");
    },
    junk: [
      { send: (m) => m.say("semua saja"), answer: "Gunakan tombol di atas" },
      { send: (m) => m.user.sendMessage(sticker), answer: "Gunakan tombol di atas" },
    ],
    finish: async (m) => {
      const audience = m.user.botMessages().find((message) => (message.text ?? "").includes("Siapa yang menerima"))!;
      await m.press(audience, audience.reply_markup!.inline_keyboard[0]![0]!.text);
      await m.press(await m.expect("Pratinjau"), "✅ Kirim");
      await m.expect("mulai dikirim");
      await sari.expect("Promo akhir pekan");
    },
  },
};

/** Sends junk messages `from` up to `to`, cycling through the kinds, and waits until all `to` so far were answered. */
async function sendJunk(m: Merchant, kinds: Junk[], from: number, to: number): Promise<Map<string, number>> {
  for (let n = from; n < to; n++) await kinds[n % kinds.length]!.send(m);
  const expected = new Map<string, number>();
  for (let n = 0; n < to; n++) expected.set(kinds[n % kinds.length]!.answer, (expected.get(kinds[n % kinds.length]!.answer) ?? 0) + 1);
  await eventually(() => {
    for (const [answer, times] of expected) expect(m.count(answer)).toBe(times);
  }, 30_000);
  return expected;
}

describe("400 junk messages at one step", () => {
  it.each(Object.keys(steps))("at %s: each answered once, the stored state stays small and flat, the conversation completes", async (name) => {
    const step = steps[name]!;
    const m = step.who();
    await step.reach(m);
    // Measured once the first junk message was answered: the step's own write is done by then.
    await sendJunk(m, step.junk, 0, 1);
    const before = (await storedBytes(m.id))!;
    const answered = await sendJunk(m, step.junk, 1, 400);
    const after = (await storedBytes(m.id))!;
    expect(after).toBeLessThan(10_000);
    expect(after).toBe(before);

    await step.finish(m);
    // The later steps replayed the conversation: not one answer to the junk was sent again.
    for (const [answer, times] of answered) expect(m.count(answer)).toBe(times);
    expect(m.count("terjadi kesalahan")).toBe(0);
  });
});

describe("an abandoned conversation", () => {
  it("goes on within 24 h of its last step, is gone after, and its row is pruned", async () => {
    await sari.say("/topup");
    const prompt = await sari.expect("Pilih nominal");
    // The state is written after the reply: the clock moves only once it is stored.
    const started = await eventually(async () => {
      const bytes = await storedBytes(sari.id);
      expect(bytes).toBeDefined();
      return bytes!;
    });
    h.clock.advance(23 * HOUR);
    await sari.press(prompt, "Rp100.000");
    const method = await sari.expect("Pilih metode");
    await eventually(async () => expect(await storedBytes(sari.id)).toBeGreaterThan(started));

    h.clock.advance(24 * HOUR + 60_000);
    await sari.press(method, "E-Wallet");
    await eventually(() => expect(sari.user.callbackAnswers.at(-1)?.text).toBe("Tombol ini sudah tidak berlaku."));
    expect(sari.user.messages().find((m) => m.message_id === method.message_id)?.text).toContain("Pilih metode");

    // Any later write prunes the rows of abandoned conversations.
    const budi = merchant(h, 4002);
    await budi.say("/topup");
    await budi.expect("Pilih nominal");
    await eventually(async () => expect(await storedBytes(budi.id)).toBeGreaterThan(0));
    expect(await storedBytes(sari.id)).toBeUndefined();

    // Sari simply starts again.
    await sari.say("/topup");
    await sari.press(await sari.expect("Pilih nominal"), "Rp50.000");
    await sari.expect("Pilih metode");
    expect(sari.count("terjadi kesalahan")).toBe(0);
  });
});
