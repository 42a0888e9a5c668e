import type { ChatMessage, CreateUserOptions, EmulatedUser } from "../../src/emulators/telegram/index.js";
import { eventually, type Harness } from "./harness.js";

export type Pattern = string | RegExp;

const textOf = (message: ChatMessage) => message.text ?? message.caption ?? "";
const matches = (message: ChatMessage, pattern: Pattern) =>
  typeof pattern === "string" ? textOf(message).includes(pattern) : pattern.test(textOf(message));

/** What the merchant looks for at each step, in their language. */
const labels = {
  id: {
    amount: "Pilih nominal",
    method: "Pilih metode pembayaran",
    summary: "Ringkasan top up",
    proceed: "✅ Lanjutkan",
    phone: "Masukkan nomor HP aktif",
    ok: "Tekan OK",
    outcome: /Konfirmasi Pembayaran|belum menjawab|Masih ada pembayaran|tidak dapat|terlalu banyak/i,
  },
  en: {
    amount: "Choose an amount",
    method: "Choose a payment method",
    summary: "Top-up summary",
    proceed: "✅ Continue",
    phone: "Enter the active phone number",
    ok: "Tap OK",
    outcome: /notification was sent|has not answered|still waiting|cannot|Too many/i,
  },
};

export interface TopupOptions {
  amount?: string;
  phone?: string;
  /** Sends the number as a contact card instead of typing it; `userId` is whose card it is (📱 sends the sender's own). */
  contact?: { userId?: number };
}

/** A merchant in the emulated Telegram, with the steps a person takes in the chat. */
export class Merchant {
  readonly user: EmulatedUser;
  private readonly language: "id" | "en";
  /** Buttons pressed so far (press() only): what a flow costs the merchant. */
  taps = 0;

  constructor(h: Pick<Harness, "tg">, options: CreateUserOptions) {
    this.user = h.tg.createUser(options);
    this.language = options.language_code === "en" ? "en" : "id";
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
    const id = await eventually(() => this.user.click(message.message_id, label));
    this.taps++;
    return id;
  }

  /** /topup → an amount button (or `typed`, after Nominal lain), up to the method step. */
  async toMethodStep({ amount = "Rp100.000", typed }: { amount?: string; typed?: string } = {}): Promise<ChatMessage> {
    const l = labels[this.language];
    await this.say("/topup");
    const amounts = await this.expect(l.amount);
    if (typed === undefined) await this.press(amounts, amount);
    else await this.say(typed);
    return this.expect(l.method);
  }

  /** Presses `path` on the method step's message (edited in place), then Lanjutkan on the summary. */
  async chooseMethod(method: ChatMessage, ...path: string[]): Promise<void> {
    for (const label of path) await this.press(method, label);
    await this.press(await this.expect(labels[this.language].summary), labels[this.language].proceed);
  }

  /** /topup → amount → E-Wallet → OVO → Lanjutkan, up to the question for the OVO number. */
  async toPhoneStep({ amount = "Rp100.000" }: { amount?: string } = {}): Promise<ChatMessage> {
    const l = labels[this.language];
    await this.say("/topup");
    await this.press(await this.expect(l.amount), amount);
    const method = await this.expect(l.method);
    await this.press(method, "E-Wallet");
    await this.press(method, "OVO");
    await this.press(await this.expect(l.summary), l.proceed);
    return this.expect(l.phone);
  }

  /** The whole top-up up to OK; resolves with the bot's answer to OK ("sent", or why not). */
  async topup({ amount = "Rp100.000", phone = "0812-3456-7890", contact }: TopupOptions = {}): Promise<ChatMessage> {
    const l = labels[this.language];
    await this.toPhoneStep({ amount });
    if (contact) await this.user.sendMessage({ contact: { phone_number: phone, first_name: "Kontak", ...(contact.userId !== undefined && { user_id: contact.userId }) } });
    else await this.say(phone);
    await this.press(await this.expect(l.ok), "OK");
    return this.expect(l.outcome);
  }

  /** Bot messages containing `pattern`, to count notifications. */
  count(pattern: Pattern): number {
    return this.user.botMessages().filter((m) => matches(m, pattern)).length;
  }
}

export function merchant(h: Pick<Harness, "tg">, id: number, options: Partial<CreateUserOptions> = {}): Merchant {
  return new Merchant(h, { id, first_name: `Merchant${id}`, language_code: "id", ...options });
}
