import type { I18n } from "@grammyjs/i18n";
import type { Api, Context } from "grammy";

const commandNames = ["start", "topup", "saldo", "status", "riwayat", "toko", "pengumuman", "bantuan", "batal", "language"];
/** Shown only in admins' own chats; for everyone else these commands do not exist. */
const adminCommandNames = ["broadcast", "broadcast_cancel", "stats", "koreksi", "audit", "ekspor", "masalah", "rekonsiliasi"];

type Translate = (key: string) => string;

function commandList(t: Translate, admin: boolean) {
  const names = admin ? [...commandNames, ...adminCommandNames] : commandNames;
  return names.map((command) => ({ command, description: t(`cmd-${command}`) }));
}

/** Indonesian by default, English for Telegram clients set to English; admins also see their commands. */
export async function registerCommands(
  api: Api,
  i18n: I18n<Context>,
  adminIds: number[],
  languageOf: (userId: number) => Promise<"id" | "en">,
): Promise<void> {
  await api.setMyCommands(commandList((key) => i18n.t("id", key), false));
  await api.setMyCommands(commandList((key) => i18n.t("en", key), false), { language_code: "en" });
  // An admin who never opened the bot has no chat yet: that one admin's menu waits for /language or a restart.
  await Promise.allSettled(
    adminIds.map(async (id) => {
      const locale = await languageOf(id);
      await setChatCommands(api, id, (key) => i18n.t(locale, key), true);
    }),
  );
}

/** After /language, the command menu of that chat follows the merchant's choice, not their client's. */
export async function setChatCommands(api: Api, chatId: number, t: Translate, admin: boolean): Promise<void> {
  await api.setMyCommands(commandList(t, admin), { scope: { type: "chat", chat_id: chatId } });
}
