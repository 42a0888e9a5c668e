/**
 * Conversation cost: full top-up conversations (/topup → amount → E-Wallet → OVO → Lanjutkan → number → OK,
 * 7 updates) through `bot.handleUpdate`, with the real middleware stack and SQLite (on disk, WAL) for the
 * conversation state. Telegram is answered in-process: the bot gets a fake `client.fetch` (createBot's `client`
 * option), which conversations inherit because they build their Api from the bot's client options; so the
 * auto-retry transformers on bot.api and inside conversations stay in the path. The gateway is an in-process fake.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiClientOptions } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import pino from "pino";
import { data } from "../conversations/topup-steps.js";
import { openSqliteDatabase } from "../db/sqlite/database.js";
import { createBot } from "../src/bot/index.js";
import { systemClock } from "../src/clock.js";
import type { Config } from "../src/config.js";
import { DEFAULT_BOT } from "../src/emulators/telegram/index.js";
import type { PaymentGateway } from "../src/payments/gateway.js";
import { methodIds } from "../src/payments/methods.js";
import { createServices } from "../src/services.js";
import { BOT_TOKEN, CALLBACK_TOKEN, SECRET_KEY, median, percentile } from "./lib.js";

export interface ConversationBenchResult {
  conversations: number;
  updatesPerConversation: number;
  medianMs: number;
  p99Ms: number;
  /** Median time of each step, first (/topup) to last (OK: replays the whole conversation and creates the charge). */
  stepMedianMs: number[];
  firstMs: number;
  lastMs: number;
  /** lastMs ÷ firstMs. */
  lastToFirst: number;
  telegramCallsPerConversation: number;
}

const botInfo: UserFromGetMe = { ...DEFAULT_BOT, id: 777, first_name: "Bench Bot", username: "bench_bot" };

/** The Bot API answered in-process: every call succeeds; sent messages get ids so buttons can point at them. */
function fakeTelegram() {
  let nextMessageId = 1;
  let calls = 0;
  const lastSent = new Map<number, number>();
  const date = () => Math.floor(Date.now() / 1000);
  const answer = (method: string, payload: Record<string, unknown>): unknown => {
    const chat = { id: Number(payload.chat_id), type: "private", first_name: "Toko" };
    switch (method) {
      case "getMe":
        return botInfo;
      case "sendMessage": {
        const message_id = nextMessageId++;
        lastSent.set(chat.id, message_id);
        return { message_id, date: date(), chat, from: botInfo, text: payload.text };
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
        return { message_id: payload.message_id, date: date(), edit_date: date(), chat, from: botInfo, text: "…" };
      default:
        return true;
    }
  };
  const fetch = (url: string, init: { body?: unknown }) => {
    calls++;
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = typeof init.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const body = { ok: true, result: answer(method, payload) };
    return Promise.resolve({ json: () => Promise.resolve(body) });
  };
  return {
    /** As grammY's `client.fetch` (typed after node-fetch, whose types are not installed). */
    client: { fetch } as unknown as ApiClientOptions,
    lastSent: (chatId: number) => lastSent.get(chatId) ?? 0,
    nextUserMessageId: () => nextMessageId++,
    get calls() {
      return calls;
    },
  };
}

const gateway: PaymentGateway = {
  createCharge: (request) =>
    Promise.resolve({ id: `ewc_${request.referenceId}`, referenceId: request.referenceId, status: "PENDING", currency: "IDR", amount: request.amount, failureCode: null }),
  getCharge: () => Promise.reject(new Error("not used")),
  cancelCharge: () => Promise.reject(new Error("not used")),
};

export async function runConversationBench({ conversations = 300, warmup = 30 } = {}): Promise<ConversationBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-conv-"));
  const database = openSqliteDatabase(join(dir, "bot.sqlite"));
  try {
    const clock = systemClock;
    const logger = pino({ level: "silent" });
    const config: Config = {
      botToken: BOT_TOKEN,
      telegramApiRoot: "http://telegram.invalid",
      botMode: "polling",
      port: 0,
      databasePath: join(dir, "bot.sqlite"),
      xendit: { secretKey: SECRET_KEY, apiBase: "http://xendit.invalid", callbackToken: CALLBACK_TOKEN, timeoutMs: 1_000 },
      adminIds: [],
      logLevel: "silent",
      payments: { checkAfterSeconds: 70, maxChargesPerPhonePerHour: 5, maxChargesPerPhonePerHourTotal: 15, methods: [...methodIds] },
      broadcast: { ratePerSecond: 25 },
      webhookRetentionDays: 90,
      invoiceSeller: { name: "Kasir Pintar", address: "Jakarta" },
      reconciliation: { hourWib: 2, ratePerSecond: 5 },
    };
    const { services, i18n } = createServices({ config, database, clock, logger, gateway });
    const telegram = fakeTelegram();
    const bot = createBot(services, i18n, { client: telegram.client });
    await bot.init();

    let updateId = 1;
    const date = () => Math.floor(Date.now() / 1000);
    const from = (id: number) => ({ id, is_bot: false, first_name: `Toko ${id}`, language_code: "id" });
    const chat = (id: number) => ({ id, type: "private" as const, first_name: `Toko ${id}` });
    const text = (id: number, value: string): Update => ({
      update_id: updateId++,
      message: {
        message_id: telegram.nextUserMessageId(),
        date: date(),
        chat: chat(id),
        from: from(id),
        text: value,
        ...(value.startsWith("/") && { entities: [{ type: "bot_command" as const, offset: 0, length: value.length }] }),
      },
    });
    // A button on the bot's latest message in the chat, as the merchant sees it.
    const press = (id: number, data: string): Update => ({
      update_id: updateId++,
      callback_query: {
        id: `cq-${updateId}`,
        from: from(id),
        chat_instance: `ci-${id}`,
        data,
        message: { message_id: telegram.lastSent(id), date: date(), chat: chat(id), from: botInfo, text: "…" },
      },
    });
    const steps: ((id: number) => Update)[] = [
      (id) => text(id, "/topup"),
      (id) => press(id, data.amount(100_000)),
      (id) => press(id, data.group("ewallet")),
      (id) => press(id, data.method("OVO")),
      (id) => press(id, data.proceed),
      (id) => text(id, `0812-${String(id % 10_000).padStart(4, "0")}-${String(Math.floor(id / 10_000) % 10_000).padStart(4, "0")}`),
      (id) => press(id, data.ok),
    ];

    const times: number[][] = steps.map(() => []);
    const all: number[] = [];
    const callsBefore = { n: 0 };
    for (let c = 0; c < warmup + conversations; c++) {
      const id = 810_000_000 + c;
      if (c === warmup) callsBefore.n = telegram.calls;
      for (const [index, step] of steps.entries()) {
        const update = step(id);
        const started = performance.now();
        await bot.handleUpdate(update);
        const ms = performance.now() - started;
        if (c >= warmup) {
          times[index]!.push(ms);
          all.push(ms);
        }
      }
      const topup = await services.topups.latest(id);
      if (topup?.status !== "pending") throw new Error(`conversation ${c} did not create a pending top-up (got ${topup?.status ?? "none"})`);
    }

    const stepMedianMs = times.map((t) => median(t));
    const firstMs = stepMedianMs[0]!;
    const lastMs = stepMedianMs.at(-1)!;
    return {
      conversations,
      updatesPerConversation: steps.length,
      medianMs: median(all),
      p99Ms: percentile(all, 99),
      stepMedianMs,
      firstMs,
      lastMs,
      lastToFirst: lastMs / firstMs,
      telegramCallsPerConversation: (telegram.calls - callsBefore.n) / conversations,
    };
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
