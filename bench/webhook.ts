/**
 * Webhook confirmations: distinct SUCCEEDED callbacks for seeded pending top-ups, posted over 64 keep-alive
 * connections to the real app (its own process, logs at info), against a bare express JSON endpoint measured the
 * same way in the same run. The app runs on SQLite (on disk, WAL), then, when a PostgreSQL server is installed, on
 * PostgreSQL with one instance and with three instances behind a load balancer (its own process too). After each,
 * checks the ledger and the notifications: every top-up credited once, every merchant told once.
 * Two kinds of callback: OVO's `ewallet.capture` (the e-wallet charges API) and, for QRIS top-ups, Payments API
 * v3's `payment.capture` (SQLite only: the database work after reading the body is the same).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { openDatabase, type DatabaseSettings } from "../db/open.js";
import type { PaymentDetails } from "../db/stores.js";
import { systemClock } from "../src/clock.js";
import { createTelegramEmulator } from "../src/emulators/telegram/index.js";
import { createXenditEmulator } from "../src/emulators/xendit/index.js";
import { DEFAULT_MERCHANT_NAME, newNmid, qrisString } from "../src/emulators/xendit/qris.js";
import { methodById } from "../src/payments/methods.js";
import { findServerBinaries, startCluster, type PostgresCluster } from "../test/helpers/postgres-cluster.js";
import { BOT_TOKEN, CALLBACK_TOKEN, SECRET_KEY, overKeepAlive, postAll, sleep, startChildServer, until, type ChildServer, type LoadResult } from "./lib.js";

/** One run of the app under the load, and what it left in the database and in Telegram. */
export interface AppRow {
  load: LoadResult;
  /** load req/s ÷ bare req/s. */
  ratio: number;
  /** Callbacks not answered 2xx under the load, sent again afterwards (as Xendit does) before the checks. */
  resent: number;
  creditedOnce: boolean;
  credited: number;
  notificationsSent: number;
  /** Every merchant got exactly one sendMessage from the outbox. */
  notifiedOnce: boolean;
  /** From the start of the measured load until every notification was sent. */
  notifyDrainMs: number;
  /** Sent at Telegram's pace (the app's own, ~30/s) while the load ran; the rest after a restart without the pace. */
  sentAtPace: number;
}

export interface WebhookBenchResult {
  callbacks: number;
  connections: number;
  bare: LoadResult;
  sqlite: AppRow;
  /** Why the PostgreSQL rows were not run, or their results. */
  postgres: { skipped: string } | { oneInstance: AppRow; threeInstances: AppRow };
}

export const FIRST_MERCHANT = 50_000_000;

/** What differs between the APIs: the seeded top-up's method and payment details, and the callback Xendit sends. */
export interface CallbackScheme {
  /** The top-up's own fields beyond reference, merchant and amount. */
  topup(i: number, now: Date): { phone: string | null; channelCode?: string; expiresAt?: Date };
  chargeId(i: number): string;
  details?(i: number, now: Date): PaymentDetails;
  body(i: number, at: string): string;
}

/** Pending top-ups with their charge ids, one per merchant, written through the stores. */
export async function seed(settings: DatabaseSettings, scheme: CallbackScheme, count: number, now: Date): Promise<void> {
  const database = await openDatabase(settings);
  await database.transaction(async (s) => {
    for (let i = 0; i < count; i++) {
      const id = FIRST_MERCHANT + i;
      await s.merchants.register({ id, chatId: id, firstName: `Toko ${i}`, lastName: null, username: null, telegramLanguage: i % 5 === 0 ? "en" : "id" }, now);
      const topup = await s.topups.create({
        referenceId: reference(i),
        requestKey: `bench:${i}`,
        merchantId: id,
        amount: amount(i),
        ...scheme.topup(i, now),
        createdAt: now,
        // No payment check during the run: the callbacks are what is measured.
        checkAt: new Date(now.getTime() + 3_600_000),
      });
      await s.topups.recordCharge(topup.id, scheme.chargeId(i), now, scheme.details?.(i, now));
    }
  });
  await database.close();
}

const BUSINESS_ID = "5f27a14a9bf05c73dd040bc8";
const serial = (i: number) => String(i).padStart(6, "0");
const reference = (i: number) => `cp-bench-${serial(i)}`;
export const amount = (i: number) => 50_000 + (i % 20) * 25_000;
const phone = (i: number) => `+62812${String(i).padStart(7, "0")}`;

/** OVO: the e-wallet charges API's `ewallet.capture`. */
export const ewalletScheme: CallbackScheme = {
  topup: (i) => ({ phone: phone(i) }),
  chargeId: (i) => `ewc_bench_${serial(i)}`,
  body: (i, at) => JSON.stringify({
    event: "ewallet.capture",
    business_id: BUSINESS_ID,
    created: at,
    data: {
      id: ewalletScheme.chargeId(i),
      business_id: BUSINESS_ID,
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
  }),
};

const nmid = newNmid();
const paymentRequestId = (i: number) => `pr-00000000-0000-4000-8000-${serial(i).padStart(12, "0")}`;
/** A dynamic QRIS string like Xendit's (the emulator's), carrying the amount and the request. */
const qrString = (i: number) => qrisString({ merchantName: DEFAULT_MERCHANT_NAME, amount: amount(i), reference: paymentRequestId(i).slice(3, 28), nmid });
const QRIS_MINUTES = methodById("QRIS").expiresInMinutes!;

/** QRIS: Payments API v3's `payment.capture`, whose data is the payment of our payment request (as the emulator sends it). */
export const qrisScheme: CallbackScheme = {
  topup: (_i, now) => ({ phone: null, channelCode: "QRIS", expiresAt: new Date(now.getTime() + QRIS_MINUTES * 60_000) }),
  chargeId: paymentRequestId,
  details: (i, now) => ({ payCode: qrString(i), expiresAt: new Date(now.getTime() + QRIS_MINUTES * 60_000) }),
  body: (i, at) =>
    JSON.stringify({
      event: "payment.capture",
      business_id: BUSINESS_ID,
      created: at,
      data: {
        payment_id: `py-00000000-0000-4000-8000-${serial(i).padStart(12, "0")}`,
        business_id: BUSINESS_ID,
        payment_request_id: paymentRequestId(i),
        reference_id: reference(i),
        type: "PAY",
        country: "ID",
        currency: "IDR",
        request_amount: amount(i),
        capture_method: "AUTOMATIC",
        channel_code: "QRIS",
        status: "SUCCEEDED",
        captures: [{ capture_id: `cpt-00000000-0000-4000-8000-${serial(i).padStart(12, "0")}`, capture_amount: amount(i), capture_timestamp: at }],
        metadata: { merchant_id: String(FIRST_MERCHANT + i) },
        created: at,
        updated: at,
      },
    }),
};

/** The few reads the checks need, on either engine. */
export interface Reader {
  count(sql: string): Promise<number>;
  close(): Promise<void>;
}

export function sqliteReader(path: string): Reader {
  const db = new Database(path, { readonly: true });
  return { count: (sql) => Promise.resolve(Number(db.prepare(sql).pluck().get() ?? 0)), close: () => Promise.resolve(void db.close()) };
}

function postgresReader(url: string): Reader {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return { count: async (sql) => Number((await pool.query<{ n: unknown }>(`select (${sql}) as n`)).rows[0]?.n ?? 0), close: () => pool.end() };
}

interface Load {
  warmBodies: string[];
  measured: string[];
  total: number;
  connections: number;
  headers: Record<string, string>;
}

/**
 * Warms up and measures with notifications flowing at the app's own pace (Telegram's ~30 msg/s: 21,000 would take
 * ~13 min), then restarts the servers without the pace (`drain`: the emulator has no limit) until every
 * notification is out, which also proves none is lost or sent twice across a restart; stops them, then checks the
 * ledger and what Telegram received. Servers are started with the emulator's apiRoot; `origin` is where the load goes.
 */
async function measureApp(
  load: Load,
  bare: LoadResult,
  reader: () => Reader,
  start: (telegramApiRoot: string, drain: boolean) => Promise<{ origin: string; stop: () => Promise<void> }>,
): Promise<AppRow> {
  const tg = await createTelegramEmulator();
  try {
    for (let i = 0; i < load.total; i++) tg.createUser({ id: FIRST_MERCHANT + i, first_name: `Toko ${i}` });
    const target = await start(tg.apiRoot, false);
    const options = { connections: load.connections, headers: load.headers };
    const { warm, loadStarted, measured } = await overKeepAlive(target.origin, load.connections, async (pool) => {
      const warm = await postAll(pool, "/webhooks/xendit", load.warmBodies, options);
      const loadStarted = Date.now();
      return { warm, loadStarted, measured: await postAll(pool, "/webhooks/xendit", load.measured, options) };
    });
    const resent = await resendUnacknowledged(target.origin, [...unacknowledged(load.warmBodies, warm.statusOf), ...unacknowledged(load.measured, measured.statusOf)], options);
    const result = measured.result;

    const db = reader();
    const sentCount = () => db.count("select count(*) from outbox where status = 'sent'");
    const sentAtPace = await sentCount();
    await target.stop();
    const drainer = await start(tg.apiRoot, true);
    await until(async () => (await sentCount()) >= load.total, 600_000, 200);
    const notifyDrainMs = Date.now() - loadStarted;
    await drainer.stop();

    let expectedSum = 0;
    for (let i = 0; i < load.total; i++) expectedSum += amount(i);
    const credited = await db.count("select count(*) from ledger_entries");
    const creditedOnce =
      credited === load.total &&
      (await db.count("select count(distinct topup_id) from ledger_entries")) === load.total &&
      (await db.count("select coalesce(sum(amount), 0) from ledger_entries")) === expectedSum &&
      (await db.count("select count(*) from topups where status = 'succeeded'")) === load.total;
    const notificationsSent = await db.count("select count(*) from outbox where status = 'sent'");
    const outboxRows = await db.count("select count(*) from outbox");
    await db.close();

    const perChat = new Map<number, number>();
    for (const call of tg.callsFor("sendMessage")) {
      if (!call.ok) continue;
      const chatId = Number(call.params.chat_id);
      perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
    }
    let notifiedOnce = outboxRows === load.total && notificationsSent === load.total && perChat.size === load.total;
    for (let i = 0; i < load.total && notifiedOnce; i++) notifiedOnce = perChat.get(FIRST_MERCHANT + i) === 1;
    return { load: result, ratio: result.rps / bare.rps, resent, creditedOnce, credited, notificationsSent, notifiedOnce, notifyDrainMs, sentAtPace };
  } finally {
    await tg.close();
  }
}

const unacknowledged = (bodies: string[], statusOf: Int16Array) => bodies.filter((_, i) => statusOf[i]! < 200 || statusOf[i]! >= 300);

/** Xendit sends a callback again until it gets a 2xx; so does the bench, after the measurement. How many it resent. */
async function resendUnacknowledged(origin: string, bodies: string[], options: { connections: number; headers: Record<string, string> }): Promise<number> {
  let left = bodies;
  for (let round = 0; left.length > 0 && round < 10; round++) {
    await sleep(1_000);
    const { statusOf } = await overKeepAlive(origin, options.connections, (pool) => postAll(pool, "/webhooks/xendit", left, options));
    left = unacknowledged(left, statusOf);
  }
  return bodies.length;
}

export interface WebhookBenchOptions {
  callbacks?: number;
  /** Callbacks sent before the measured ones: with 1,000, both servers were still compiling their first 0.5 s measured. */
  warmup?: number;
  connections?: number;
  scheme?: CallbackScheme;
  /** Also on PostgreSQL (when a server is installed). */
  postgres?: boolean;
}

export async function runWebhookBench({
  callbacks = 20_000,
  warmup = 3_000,
  connections = 64,
  scheme = ewalletScheme,
  postgres: onPostgres = true,
}: WebhookBenchOptions = {}): Promise<WebhookBenchResult> {
  const total = warmup + callbacks;
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-webhook-"));
  const databasePath = join(dir, "bot.sqlite");
  const xendit = await createXenditEmulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  try {
    const now = systemClock.now();
    const at = now.toISOString();
    const bodies = Array.from({ length: total }, (_, i) => scheme.body(i, at));
    const load: Load = { warmBodies: bodies.slice(0, warmup), measured: bodies.slice(warmup), total, connections, headers: { "x-callback-token": CALLBACK_TOKEN } };

    const bareServer = await startChildServer({ BENCH_SERVER: "bare" });
    const bareOrigin = `http://127.0.0.1:${bareServer.port}`;
    const { result: bare } = await overKeepAlive(bareOrigin, connections, async (pool) => {
      await postAll(pool, "/webhooks/xendit", load.warmBodies, { connections, headers: load.headers });
      return postAll(pool, "/webhooks/xendit", load.measured, { connections, headers: load.headers });
    });
    await bareServer.stop();

    const appEnv = (telegramApiRoot: string, database: Record<string, string>, drain: boolean) => ({
      BENCH_SERVER: "app",
      BOT_TOKEN,
      TELEGRAM_API_ROOT: telegramApiRoot,
      XENDIT_API_BASE: xendit.apiBase,
      XENDIT_SECRET_KEY: SECRET_KEY,
      XENDIT_CALLBACK_TOKEN: CALLBACK_TOKEN,
      PORT: "0",
      LOG_LEVEL: "info",
      ...database,
      ...(drain ? { BENCH_NOTIFY_RATE: "100000" } : {}),
    });

    await seed({ databasePath }, scheme, total, now);
    const sqlite = await measureApp(load, bare, () => sqliteReader(databasePath), async (apiRoot, drain) => origin(await startChildServer(appEnv(apiRoot, { DATABASE_PATH: databasePath }, drain))));

    const postgres = onPostgres
      ? await runPostgresRows(load, bare, scheme, now, (apiRoot, url, drain) => appEnv(apiRoot, { DATABASE_URL: url }, drain))
      : { skipped: "SQLite only for this callback" };
    return { callbacks, connections, bare, sqlite, postgres };
  } finally {
    await xendit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One instance, then three behind a load balancer, each on a copy of one seeded database. */
async function runPostgresRows(
  load: Load,
  bare: LoadResult,
  scheme: CallbackScheme,
  now: Date,
  appEnv: (telegramApiRoot: string, databaseUrl: string, drain: boolean) => Record<string, string>,
): Promise<WebhookBenchResult["postgres"]> {
  const bin = findServerBinaries();
  if (bin === undefined) return { skipped: "no PostgreSQL server installed (apt-get install postgresql)" };
  const server = await startCluster(bin);
  try {
    const seeded = await createDatabase(server, "bench_seeded");
    await seed({ databaseUrl: seeded, onPoolError: () => undefined }, scheme, load.total, now);
    const copy = (name: string) => createDatabase(server, `${name} template bench_seeded`);

    const one = await copy("bench_one");
    const oneInstance = await measureApp(load, bare, () => postgresReader(one), async (apiRoot, drain) => origin(await startChildServer(appEnv(apiRoot, one, drain))));

    const three = await copy("bench_three");
    const threeInstances = await measureApp(load, bare, () => postgresReader(three), async (apiRoot, drain) => {
      const instances = await Promise.all([0, 1, 2].map(() => startChildServer(appEnv(apiRoot, three, drain))));
      const balancer = await startChildServer({ BENCH_SERVER: "balancer", BACKENDS: instances.map((i) => origin(i).origin).join(",") });
      return {
        origin: origin(balancer).origin,
        stop: async () => {
          await balancer.stop();
          await Promise.all(instances.map((instance) => instance.stop()));
        },
      };
    });
    return { oneInstance, threeInstances };
  } finally {
    await server.stop();
  }
}

function origin(server: ChildServer): { origin: string; stop: () => Promise<void> } {
  return { origin: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
}

function databaseUrl(server: PostgresCluster, name: string): string {
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.href;
}

/** `create database <definition>` on the server; the URL of the database named first in it. */
async function createDatabase(server: PostgresCluster, definition: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(`create database ${definition}`);
  } finally {
    await client.end();
  }
  return databaseUrl(server, definition.split(" ")[0]!);
}
