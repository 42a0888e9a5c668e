import { InlineKeyboard } from "grammy";
import type { NoticeButton } from "../notifications/outbox.js";

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A notice's rows of buttons as Telegram's inline keyboard, their labels in the recipient's language. */
export function noticeKeyboard(t: Translate, buttons: NoticeButton[][]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const buttonRow of buttons) {
    for (const button of buttonRow) {
      const text = t(button.textKey, button.vars);
      if ("url" in button) keyboard.url(text, button.url);
      else keyboard.text(text, button.data);
    }
    keyboard.row();
  }
  return keyboard;
}
