import { methodIds } from "../../src/payments/methods.js";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino, { type Level } from "pino";
import type { Db } from "../../db/sqlite/client.js";
import { openSqliteDatabase, type SqliteDatabase } from "../../db/sqlite/database.js";
import { startApp, type App } from "../../src/app.js";
import { ManualClock } from "../../src/clock.js";
import type { Config } from "../../src/config.js";
import { createTelegramEmulator, type TelegramEmulator } from "../../src/emulators/telegram/index.js";
import { createXenditEmulator, type XenditEmulator, type XenditEmulatorOptions } from "../../src/emulators/xendit/index.js";
import { freshPostgresDatabase } from "./postgres.js";
import { postgresTables, sqliteTables, type TestTables } from "./tables.js";

export const SECRET_KEY = "xnd_development_test_secret";
export const CALLBACK_TOKEN = "callback-token-for-tests";

/** The bot's limit in tests that are not about it. */
const UNPACED_RATE_PER_SECOND = 1_000;

export interface HarnessOptions {
  /** `xendit` is merged into the emulator's settings (e.g. only a timeoutMs). */
  config?: Partial<Omit<Config, "xendit" | "payments">> & { xendit?: Partial<Config["xendit"]>; payments?: Partial<Config["payments"]> };
  xendit?: Partial<XenditEmulatorOptions>;
  /** Keep the app's log lines in `logs`, for tests about what is logged: true keeps info and above, a level that level. */
  captureLogs?: boolean | Level;
  /**
   * The bot's messages per second (every reply, notification and copy). By default far above Telegram's 30, so that
   * tests of other things are not paced by it; the tests of the limit set it.
   */
  telegramRatePerSecond?: number;
}

export interface LogEntry {
  level: number;
  msg: string;
  err?: { message: string };
  [field: string]: unknown;
}

/**
 * The engine the harness runs the app on: TEST_DATABASE=postgres (a fresh database on the run's test cluster, see
 * vitest.config.ts) or, by default, SQLite. The same test files run on either; the few that need the SQLite file
 * itself say `describe.skipIf(onPostgres)`.
 */
export const onPostgres = isPostgres(process.env.TEST_DATABASE);

function isPostgres(engine: string | undefined): boolean {
  if (engine === "postgres") return true;
  if (engine === undefined || engine === "" || engine === "sqlite") return false;
  throw new Error(`TEST_DATABASE must be sqlite or postgres, not ${JSON.stringify(engine)}`);
}

/**
 * The real bot and HTTP server, started in-process against the local Telegram and Xendit emulators, with a manual
 * clock and a fresh database (SQLite, or PostgreSQL: onPostgres). `restart()` stops the app and starts it again on
 * the same database.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const clock = new ManualClock();
  const dir = mkdtempSync(join(tmpdir(), "cp-bot-"));
  const postgres = onPostgres ? await freshPostgresDatabase({ migrated: true }) : undefined;
  const tg: TelegramEmulator = await createTelegramEmulator();
  const xendit: XenditEmulator = await createXenditEmulator({
    secretKey: SECRET_KEY,
    callbackToken: CALLBACK_TOKEN,
    now: () => clock.now(),
    callbackRetry: { attempts: 3, delayMs: 20 },
    expireAfterMs: null,
    ...options.xendit,
  });
  const { xendit: xenditConfig, payments: paymentsConfig, ...configOverrides } = options.config ?? {};
  const config: Config = {
    botToken: "123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz",
    telegramApiRoot: tg.apiRoot,
    botMode: "polling",
    port: 0,
    databasePath: join(dir, "bot.sqlite"),
    databaseUrl: postgres?.url,
    xendit: { secretKey: SECRET_KEY, apiBase: xendit.apiBase, callbackToken: CALLBACK_TOKEN, timeoutMs: 1_000, ...xenditConfig },
    adminIds: [],
    logLevel: "silent",
    payments: { checkAfterSeconds: 70, maxChargesPerPhonePerHour: 5, maxChargesPerPhonePerHourTotal: 15, methods: [...methodIds], ...paymentsConfig },
    broadcast: { ratePerSecond: 25 },
    webhookRetentionDays: 90,
    invoiceSeller: { name: "Kasir Pintar", address: "Jl. Merdeka 1, Jakarta" },
    // Off unless a test turns it on: a run of "yesterday" at start would add audit rows and admin messages to every test.
    reconciliation: { hourWib: undefined, ratePerSecond: 5 },
    ...configOverrides,
  };
  const logs: LogEntry[] = [];
  const logger = options.captureLogs
    ? pino({ level: options.captureLogs === true ? "info" : options.captureLogs }, { write: (line: string) => void logs.push(JSON.parse(line) as LogEntry) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const start = async () => {
    const telegramRatePerSecond = options.telegramRatePerSecond ?? UNPACED_RATE_PER_SECOND;
    const app = await startApp(config, { clock, logger, pollIntervalMs: 25, notifyRetryBaseMs: 25, probeTimeoutMs: 250, telegramRatePerSecond });
    xendit.setCallbackUrl(`http://127.0.0.1:${app.port}/webhooks/xendit`);
    return app;
  };
  let app: App = await start();
  let running = true;
  // A test may point the app at a PostgreSQL database of its own (config.databaseUrl) on either engine's run.
  const tables: TestTables = config.databaseUrl
    ? postgresTables(config.databaseUrl)
    : sqliteTables((work) => (running ? (app.services.database as SqliteDatabase).exclusive(work) : onFile(config.databasePath, work)));

  return {
    tg,
    xendit,
    clock,
    config,
    logs,
    get app() {
      return app;
    },
    /** The tables with no store method, read and set up the same way on both engines (test/helpers/tables.ts). */
    table: tables.table,
    insert: tables.insert,
    update: tables.update,
    exec: tables.exec,
    get baseUrl() {
      return `http://127.0.0.1:${app.port}`;
    },
    async stopApp() {
      if (running) await app.stop();
      running = false;
    },
    async restart() {
      if (running) await app.stop();
      app = await start();
      running = true;
    },
    async close() {
      if (running) await app.stop();
      running = false;
      await Promise.all([tg.close(), xendit.close(), tables.close()]);
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The SQLite file while the app is stopped: what a crash leaves behind, or what an operator would see. */
async function onFile<T>(path: string, work: (db: Db) => T): Promise<T> {
  const database = openSqliteDatabase(path);
  try {
    return await database.exclusive(work);
  } finally {
    await database.close();
  }
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Polls until `check` passes (or throws its last error after `timeoutMs`). For state the app reaches asynchronously. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
}

/** A port nobody listens on now: webhook mode needs PUBLIC_URL, hence the port, before the app starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Harness config for webhook mode on a free port. */
export async function webhookConfig(): Promise<HarnessOptions["config"]> {
  const port = await freePort();
  return { botMode: "webhook", port, publicUrl: `http://127.0.0.1:${port}`, telegramWebhookSecret: "webhook-secret-0123456789" };
}
