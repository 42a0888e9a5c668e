import type { ApiCall, EmulatedUser } from "../../src/emulators/telegram/index.js";
import type { Harness } from "./harness.js";
import type { Merchant } from "./merchant.js";

/** Many merchants at once, as /start would have registered them: one insert, and known to the emulated Telegram. */
export async function addMerchants(h: Harness, count: number, firstId: number): Promise<EmulatedUser[]> {
  const ids = Array.from({ length: count }, (_, i) => firstId + i);
  const language = (id: number) => (id % 2 === 0 ? "id" : "en");
  const now = h.clock.now();
  await h.insert(
    "merchants",
    ids.map((id) => ({ id, chatId: id, firstName: `Toko${id}`, telegramLanguage: language(id), createdAt: now, updatedAt: now })),
  );
  return ids.map((id) => h.tg.createUser({ id, first_name: `Toko${id}`, language_code: language(id) }));
}

/** /broadcast → the message → the audience → Kirim; resolves with the status message. */
export async function startBroadcast(admin: Merchant, text: string, audienceLabel: RegExp) {
  await admin.say("/broadcast");
  await admin.expect("Pengumuman baru");
  await admin.user.sendMessage({ text, entities: [{ type: "bold", offset: 0, length: Math.min(5, text.length) }] });
  const audience = await admin.expect("Siapa yang menerima");
  const label = audience.reply_markup!.inline_keyboard.flat().find((b) => audienceLabel.test(b.text))!.text;
  await admin.press(audience, label);
  const preview = await admin.expect("Pratinjau");
  await admin.press(preview, "✅ Kirim");
  return admin.expect("mulai dikirim");
}

/** The broadcast's copyMessage calls (the admin's own preview left out). */
export function broadcastCopies(h: Pick<Harness, "tg">, adminId: number): ApiCall[] {
  return h.tg.callsFor("copyMessage").filter((c) => Number(c.params.chat_id) !== adminId);
}

/** Successful copies per chat id. */
export function copiesPerChat(calls: ApiCall[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of calls.filter((c) => c.ok)) {
    const chat = Number(call.params.chat_id);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

