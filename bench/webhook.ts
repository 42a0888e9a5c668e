/**
 * Webhook confirmations: distinct SUCCEEDED callbacks for seeded pending top-ups, posted over 64 keep-alive
 * connections to the real app (its own process, SQLite on disk in WAL mode, logs at info), against a bare
 * express JSON endpoint measured the same way in the same run. Then checks the ledger and the notifications.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../db/open.js";
import { systemClock } from "../src/clock.js";
import { createTelegramEmulator } from "../src/emulators/telegram/index.js";
import { createXenditEmulator } from "../src/emulators/xendit/index.js";
import { BOT_TOKEN, CALLBACK_TOKEN, SECRET_KEY, postAll, startChildServer, until, type LoadResult } from "./lib.js";

export interface WebhookBenchResult {
  callbacks: number;
  connections: number;
  app: LoadResult;
  bare: LoadResult;
  /** app req/s ÷ bare req/s. */
  ratio: number;
  creditedOnce: boolean;
  credited: number;
  notificationsSent: number;
  /** Every merchant got exactly one sendMessage from the outbox. */
  notifiedOnce: boolean;
  /** From the start of the measured load until every notification was sent. */
  notifyDrainMs: number;
}

const FIRST_MERCHANT = 50_000_000;

/** Pending top-ups with their charge ids, one per merchant, written through the stores. */
async function seed(databasePath: string, count: number, now: Date): Promise<void> {
  const database = await openDatabase({ databasePath });
  await database.transaction(async (s) => {
    for (let i = 0; i < count; i++) {
      const id = FIRST_MERCHANT + i;
      await s.merchants.register({ id, chatId: id, firstName: `Toko ${i}`, lastName: null, username: null, telegramLanguage: i % 5 === 0 ? "en" : "id" }, now);
      const topup = await s.topups.create({
        referenceId: reference(i),
        requestKey: `bench:${i}`,
        merchantId: id,
        amount: amount(i),
        phone: phone(i),
        createdAt: now,
        // No payment check during the run: the callbacks are what is measured.
        checkAt: new Date(now.getTime() + 3_600_000),
      });
      await s.topups.recordCharge(topup.id, chargeId(i), now);
    }
  });
  await database.close();
}

const reference = (i: number) => `cp-bench-${String(i).padStart(6, "0")}`;
const chargeId = (i: number) => `ewc_bench_${String(i).padStart(6, "0")}`;
const amount = (i: number) => 50_000 + (i % 20) * 25_000;
const phone = (i: number) => `+62812${String(i).padStart(7, "0")}`;

function callbackBody(i: number, at: string): string {
  return JSON.stringify({
    event: "ewallet.capture",
    business_id: "5f27a14a9bf05c73dd040bc8",
    created: at,
    data: {
      id: chargeId(i),
      business_id: "5f27a14a9bf05c73dd040bc8",
      reference_id: reference(i),
      status: "SUCCEEDED",
      currency: "IDR",
      charge_amount: amount(i),
      capture_amount: amount(i),
      refunded_amount: null,
      checkout_method: "ONE_TIME_PAYMENT",
      channel_code: "ID_OVO",
      channel_properties: { mobile_number: phone(i) },
      actions: null,
      is_redirect_required: false,
      callback_url: "https://example.invalid/webhooks/xendit",
      created: at,
      updated: at,
      void_status: null,
      voided_at: null,
      capture_now: true,
      customer_id: null,
      payment_method_id: null,
      failure_code: null,
      basket: null,
      metadata: { merchant_id: String(FIRST_MERCHANT + i) },
    },
  });
}

export async function runWebhookBench({ callbacks = 20_000, warmup = 1_000, connections = 64 } = {}): Promise<WebhookBenchResult> {
  const total = warmup + callbacks;
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-webhook-"));
  const databasePath = join(dir, "bot.sqlite");
  const tg = await createTelegramEmulator();
  const xendit = await createXenditEmulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  try {
    const now = systemClock.now();
    await seed(databasePath, total, now);
    for (let i = 0; i < total; i++) tg.createUser({ id: FIRST_MERCHANT + i, first_name: `Toko ${i}` });
    const at = now.toISOString();
    const bodies = Array.from({ length: total }, (_, i) => callbackBody(i, at));
    const warmBodies = bodies.slice(0, warmup);
    const measured = bodies.slice(warmup);
    const headers = { "x-callback-token": CALLBACK_TOKEN };

    const bareServer = await startChildServer({ BENCH_SERVER: "bare" });
    const bareOrigin = `http://127.0.0.1:${bareServer.port}`;
    await postAll(bareOrigin, "/webhooks/xendit", warmBodies, { connections, headers });
    const { result: bare } = await postAll(bareOrigin, "/webhooks/xendit", measured, { connections, headers });
    await bareServer.stop();

    const appServer = await startChildServer({
      BENCH_SERVER: "app",
      BOT_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      XENDIT_API_BASE: xendit.apiBase,
      XENDIT_SECRET_KEY: SECRET_KEY,
      XENDIT_CALLBACK_TOKEN: CALLBACK_TOKEN,
      DATABASE_PATH: databasePath,
      PORT: "0",
      LOG_LEVEL: "info",
    });
    const appOrigin = `http://127.0.0.1:${appServer.port}`;
    await postAll(appOrigin, "/webhooks/xendit", warmBodies, { connections, headers });
    const loadStarted = Date.now();
    const { result: app } = await postAll(appOrigin, "/webhooks/xendit", measured, { connections, headers });

    const reader = new Database(databasePath, { readonly: true });
    const countOf = (sql: string) => (reader.prepare(sql).pluck().get() as number | null) ?? 0;
    await until(() => countOf("select count(*) from outbox where status = 'sent'") >= total, 300_000, 200);
    const notifyDrainMs = Date.now() - loadStarted;
    await appServer.stop();

    const ledger = reader.prepare("select count(*) as n, count(distinct topup_id) as distinctTopups, coalesce(sum(amount), 0) as sum from ledger_entries").get() as {
      n: number;
      distinctTopups: number;
      sum: number;
    };
    let expectedSum = 0;
    for (let i = 0; i < total; i++) expectedSum += amount(i);
    const succeeded = countOf("select count(*) from topups where status = 'succeeded'");
    const creditedOnce = ledger.n === total && ledger.distinctTopups === total && ledger.sum === expectedSum && succeeded === total;
    const notificationsSent = countOf("select count(*) from outbox where status = 'sent'");
    const outboxRows = countOf("select count(*) from outbox");
    reader.close();

    const perChat = new Map<number, number>();
    for (const call of tg.callsFor("sendMessage")) {
      if (!call.ok) continue;
      const chatId = Number(call.params.chat_id);
      perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
    }
    let notifiedOnce = outboxRows === total && notificationsSent === total && perChat.size === total;
    for (let i = 0; i < total && notifiedOnce; i++) notifiedOnce = perChat.get(FIRST_MERCHANT + i) === 1;

    return {
      callbacks,
      connections,
      app,
      bare,
      ratio: app.rps / bare.rps,
      creditedOnce,
      credited: ledger.n,
      notificationsSent,
      notifiedOnce,
      notifyDrainMs,
    };
  } finally {
    await Promise.all([tg.close(), xendit.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
