/**
 * Callback → notification: a steady 20 distinct SUCCEEDED callbacks a second (a busy day's peak) to the real app (its
 * own process, SQLite, logs at info) while the Telegram emulator answers each Bot API call after 30 ms, as
 * Telegram's round trip would. For each callback, the time from sending it to the emulator receiving its merchant's
 * sendMessage; beside it, the callback's own HTTP answer time and the emulator's delay. Then checks that every
 * merchant got exactly one sendMessage.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "undici";
import { systemClock } from "../src/clock.js";
import { createTelegramEmulator } from "../src/emulators/telegram/index.js";
import { createXenditEmulator } from "../src/emulators/xendit/index.js";
import { BOT_TOKEN, CALLBACK_TOKEN, percentile, SECRET_KEY, sleep, startChildServer, until } from "./lib.js";
import { ewalletScheme, FIRST_MERCHANT, seed } from "./webhook.js";

export interface NotifyLatencyResult {
  callbacks: number;
  perSecond: number;
  telegramDelayMs: number;
  /** Callback sent → its sendMessage received by the emulator. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The callback's HTTP answer. */
  answerP50Ms: number;
  answerP99Ms: number;
  /** Callbacks not answered 2xx. */
  failed: number;
  /** Every merchant got exactly one sendMessage. */
  notifiedOnce: boolean;
}

export async function runNotifyLatencyBench({ perSecond = 20, seconds = 30, telegramDelayMs = 30 } = {}): Promise<NotifyLatencyResult> {
  const callbacks = perSecond * seconds;
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-notify-"));
  const databasePath = join(dir, "bot.sqlite");
  const xendit = await createXenditEmulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  const tg = await createTelegramEmulator({ responseDelayMs: telegramDelayMs });
  try {
    const now = systemClock.now();
    await seed({ databasePath }, ewalletScheme, callbacks, now);
    for (let i = 0; i < callbacks; i++) tg.createUser({ id: FIRST_MERCHANT + i, first_name: `Toko ${i}` });
    const app = await startChildServer({
      BENCH_SERVER: "app",
      BOT_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      XENDIT_API_BASE: xendit.apiBase,
      XENDIT_SECRET_KEY: SECRET_KEY,
      XENDIT_CALLBACK_TOKEN: CALLBACK_TOKEN,
      PORT: "0",
      LOG_LEVEL: "info",
      DATABASE_PATH: databasePath,
    });
    const pool = new Pool(`http://127.0.0.1:${app.port}`, { connections: 8, keepAliveTimeout: 4_000 });
    const sentAt = new Float64Array(callbacks);
    const answerMs = new Float64Array(callbacks);
    let failed = 0;
    try {
      const at = now.toISOString();
      const started = Date.now();
      const posts: Promise<void>[] = [];
      for (let i = 0; i < callbacks; i++) {
        // On a schedule, not after the previous answer: a steady rate whatever the latency.
        const due = started + (i * 1000) / perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        sentAt[i] = Date.now();
        posts.push(
          pool
            .request({ path: "/webhooks/xendit", method: "POST", headers: { "content-type": "application/json", "x-callback-token": CALLBACK_TOKEN }, body: ewalletScheme.body(i, at) })
            .then(async (response) => {
              await response.body.dump();
              answerMs[i] = Date.now() - sentAt[i]!;
              if (response.statusCode < 200 || response.statusCode >= 300) failed++;
            }),
        );
      }
      await Promise.all(posts);
      await until(() => notified(tg) >= callbacks, 30_000, 50);
      await sleep(500);
    } finally {
      await pool.close();
      await app.stop();
    }

    // The emulator stamps a call when it arrives (ApiCall.at), before its delay.
    const firstArrival = new Map<number, number>();
    const perChat = new Map<number, number>();
    for (const call of tg.callsFor("sendMessage")) {
      const chatId = Number(call.params.chat_id);
      if (call.ok) perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
      if (!firstArrival.has(chatId)) firstArrival.set(chatId, call.at);
    }
    const latencies = Array.from({ length: callbacks }, (_, i) => (firstArrival.get(FIRST_MERCHANT + i) ?? Number.POSITIVE_INFINITY) - sentAt[i]!);
    let notifiedOnce = perChat.size === callbacks;
    for (let i = 0; i < callbacks && notifiedOnce; i++) notifiedOnce = perChat.get(FIRST_MERCHANT + i) === 1;
    return {
      callbacks,
      perSecond,
      telegramDelayMs,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
      answerP50Ms: percentile(answerMs, 50),
      answerP99Ms: percentile(answerMs, 99),
      failed,
      notifiedOnce,
    };
  } finally {
    await Promise.all([tg.close(), xendit.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const notified = (tg: Awaited<ReturnType<typeof createTelegramEmulator>>) => new Set(tg.callsFor("sendMessage").filter((c) => c.ok).map((c) => c.params.chat_id)).size;
