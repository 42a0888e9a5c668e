/**
 * A storm of one callback: a credited payment's SUCCEEDED callback re-sent for 6 s over 32 keep-alive connections
 * to the real app (its own process, SQLite, logs at info), beside a bare node:http endpoint hit the same way in the
 * same run. Afterwards nothing about money or messages may have changed, the merchant was told once, and every
 * repeat answered 2xx is counted in callback_repeats.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../src/clock.js";
import { createTelegramEmulator } from "../src/emulators/telegram/index.js";
import { createXenditEmulator } from "../src/emulators/xendit/index.js";
import { BOT_TOKEN, CALLBACK_TOKEN, SECRET_KEY, overKeepAlive, postAll, postFor, startChildServer, until, type LoadResult } from "./lib.js";
import { ewalletScheme, FIRST_MERCHANT, seed, sqliteReader, type Reader } from "./webhook.js";

export interface StormResult {
  durationMs: number;
  connections: number;
  bare: LoadResult;
  app: LoadResult;
  ratio: number;
  /** Rows of every table a callback could change, before and after the storm: equal when nothing changed. */
  unchanged: boolean;
  /** sendMessage calls the merchant got (the one notice of the credit). */
  toldTimes: number;
  /** Repeats counted in callback_repeats, and how many the storm (warm-up included) got answered 200. */
  counted: number;
  answered: number;
}

/** What a repeat must leave alone: money, the top-up, its invoice and the merchant's messages. */
async function footprint(db: Reader): Promise<number[]> {
  return Promise.all(
    [
      "select count(*) from ledger_entries",
      "select coalesce(sum(amount), 0) from ledger_entries",
      "select count(*) from outbox",
      "select count(*) from invoices",
      "select max(updated_at) from topups",
      "select count(*) from exceptions",
    ].map((sql) => db.count(sql)),
  );
}

export async function runDuplicateStormBench({ durationMs = 6_000, connections = 32 } = {}): Promise<StormResult> {
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-storm-"));
  const databasePath = join(dir, "bot.sqlite");
  const xendit = await createXenditEmulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  const tg = await createTelegramEmulator();
  const headers = { "x-callback-token": CALLBACK_TOKEN };
  try {
    const now = systemClock.now();
    const body = ewalletScheme.body(0, now.toISOString());

    const bareServer = await startChildServer({ BENCH_SERVER: "node-http" });
    const bareOrigin = `http://127.0.0.1:${bareServer.port}`;
    const bare = await overKeepAlive(bareOrigin, connections, async (pool) => {
      await postFor(pool, "/webhooks/xendit", body, { durationMs: 1_000, connections, headers });
      return postFor(pool, "/webhooks/xendit", body, { durationMs, connections, headers });
    });
    await bareServer.stop();

    await seed({ databasePath }, ewalletScheme, 1, now);
    tg.createUser({ id: FIRST_MERCHANT, first_name: "Toko 0" });
    const server = await startChildServer({
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
    const origin = `http://127.0.0.1:${server.port}`;
    const db = sqliteReader(databasePath);
    try {
      const { before, warm, app } = await overKeepAlive(origin, connections, async (pool) => {
        await postAll(pool, "/webhooks/xendit", [body], { connections: 1, headers });
        await until(async () => (await db.count("select count(*) from outbox where status = 'sent'")) === 1, 30_000);
        const before = await footprint(db);
        const warm = await postFor(pool, "/webhooks/xendit", body, { durationMs: 1_000, connections, headers });
        return { before, warm, app: await postFor(pool, "/webhooks/xendit", body, { durationMs, connections, headers }) };
      });
      const after = await footprint(db);
      await server.stop();
      const counted = await db.count("select coalesce(sum(count), 0) from callback_repeats");
      const toldTimes = tg.callsFor("sendMessage").filter((call) => call.ok && Number(call.params.chat_id) === FIRST_MERCHANT).length;
      return {
        durationMs,
        connections,
        bare,
        app,
        ratio: app.rps / bare.rps,
        unchanged: before.every((value, i) => value === after[i]),
        toldTimes,
        counted,
        // The warm-up's repeats are counted too.
        answered: (warm.statuses[200] ?? 0) + (app.statuses[200] ?? 0),
      };
    } finally {
      await db.close();
      await server.stop();
    }
  } finally {
    await tg.close();
    await xendit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
