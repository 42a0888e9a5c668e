import type { ChatMessage, CreateUserOptions, EmulatedUser } from "../../src/emulators/telegram/index.js";
import { eventually, type Harness } from "./harness.js";

export type Pattern = string | RegExp;

const textOf = (message: ChatMessage) => message.text ?? message.caption ?? "";
const matches = (message: ChatMessage, pattern: Pattern) =>
  typeof pattern === "string" ? textOf(message).includes(pattern) : pattern.test(textOf(message));

/** A merchant in the emulated Telegram, with the steps a person takes in the chat. */
export class Merchant {
  readonly user: EmulatedUser;

  constructor(
    private readonly h: Harness,
    options: CreateUserOptions,
  ) {
    this.user = h.tg.createUser(options);
  }

  get id(): number {
    return this.user.id;
  }

  say(text: string): Promise<unknown> {
    return this.user.sendText(text);
  }

  /** The next bot message (after the last one awaited) whose text matches. */
  expect(pattern: Pattern, timeoutMs = 4_000): Promise<ChatMessage> {
    return this.user.waitForBotMessage((m) => matches(m, pattern), { timeoutMs });
  }

  /** Presses a button on a bot message, waiting until the button is there (messages are edited asynchronously). */
  async press(message: ChatMessage, label: string): Promise<string> {
    return eventually(() => this.user.click(message.message_id, label));
  }

  /** /topup → amount → E-Wallet → OVO → Lanjutkan → number → OK; resolves with the "sent" message. */
  async topup({ amount = "Rp100.000", phone = "0812-3456-7890" }: { amount?: string; phone?: string } = {}): Promise<ChatMessage> {
    await this.say("/topup");
    await this.press(await this.expect("Pilih nominal"), amount);
    const method = await this.expect("Pilih metode pembayaran");
    await this.press(method, "E-Wallet");
    await this.press(method, "OVO");
    await this.press(await this.expect("Ringkasan top up"), "✅ Lanjutkan");
    await this.expect("Masukkan nomor HP aktif");
    await this.say(phone);
    await this.press(await this.expect("Tekan OK"), "OK");
    return this.expect(/Konfirmasi Pembayaran|belum menjawab|Masih ada pembayaran|tidak dapat|terlalu banyak/i);
  }

  /** Bot messages containing `pattern`, to count notifications. */
  count(pattern: Pattern): number {
    return this.user.botMessages().filter((m) => matches(m, pattern)).length;
  }
}

export function merchant(h: Harness, id: number, options: Partial<CreateUserOptions> = {}): Merchant {
  return new Merchant(h, { id, first_name: `Merchant${id}`, language_code: "id", ...options });
}
