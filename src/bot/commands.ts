import type { I18n } from "@grammyjs/i18n";
import type { Api, Context } from "grammy";

const commandNames = ["start", "topup", "saldo", "status", "riwayat", "toko", "pengumuman", "bantuan", "batal", "language"] as const;

type Translate = (key: string) => string;

function commandList(t: Translate) {
  return commandNames.map((command) => ({ command, description: t(`cmd-${command}`) }));
}

/** Indonesian by default, English for Telegram clients set to English. */
export async function registerCommands(api: Api, i18n: I18n<Context>): Promise<void> {
  await api.setMyCommands(commandList((key) => i18n.t("id", key)));
  await api.setMyCommands(commandList((key) => i18n.t("en", key)), { language_code: "en" });
}

/** After /language, the command menu of that chat follows the merchant's choice, not their client's. */
export async function setChatCommands(api: Api, chatId: number, t: Translate): Promise<void> {
  await api.setMyCommands(commandList(t), { scope: { type: "chat", chat_id: chatId } });
}
