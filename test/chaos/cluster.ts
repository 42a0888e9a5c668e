/**
 * Several instances of the real app, each a process of its own (test/chaos/app-process.ts, configured by the
 * environment like production), on one fresh PostgreSQL database, with one Telegram emulator and one Xendit
 * emulator, behind a load balancer that is their one PUBLIC_URL (test/helpers/load-balancer.ts). Each instance
 * reaches Telegram through a tap of its own, so a test can tell which instance made which Bot API call.
 */
import { fork, type ChildProcess } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase } from "../../db/open.js";
import { createTelegramEmulator, type TelegramEmulator } from "../../src/emulators/telegram/index.js";
import { createXenditEmulator, type XenditEmulator, type XenditEmulatorOptions } from "../../src/emulators/xendit/index.js";
import { LoadBalancer, TARGET_HEADER, type Forwarded } from "../helpers/load-balancer.js";
import { freshPostgresDatabase, type FreshDatabase } from "../helpers/postgres.js";

export const BOT_TOKEN = "123456:CLUSTER-TOKEN-abcdefghijklmnopqrstuvwxyz";
export const WEBHOOK_SECRET = "cluster-webhook-secret-0123456789";
const SECRET_KEY = "xnd_development_cluster_secret";
const CALLBACK_TOKEN = "callback-token-for-the-cluster";

export interface ClusterOptions {
  size?: number;
  mode?: "webhook" | "polling";
  /** More environment for every instance (ADMIN_IDS, BROADCAST_RATE_PER_SECOND…). */
  env?: Record<string, string>;
  xendit?: Partial<XenditEmulatorOptions>;
}

export interface Instance {
  index: number;
  child: ChildProcess;
  origin: string;
  /** Resolves when the process has exited, however. */
  exited: Promise<void>;
}

export interface SeededTopup {
  merchantId: number;
  referenceId: string;
  chargeId: string;
  amount: number;
}

export class Cluster {
  readonly instances: (Instance | undefined)[];
  private readonly pool: pg.Pool;
  private started = 0;

  private constructor(
    readonly tg: TelegramEmulator,
    readonly xendit: XenditEmulator,
    readonly database: FreshDatabase,
    /** The load balancer: PUBLIC_URL; `forwarded` says which instance got what. */
    readonly balancer: LoadBalancer,
    /** Instance i's way to Telegram, with a log of its calls. */
    readonly taps: LoadBalancer[],
    private readonly options: Required<Pick<ClusterOptions, "mode" | "env">>,
    private readonly logDir: string,
  ) {
    this.instances = taps.map(() => undefined);
    this.pool = new pg.Pool({ connectionString: database.url, max: 4 });
  }

  static async start({ size = 3, mode = "webhook", env = {}, xendit: xenditOptions }: ClusterOptions = {}): Promise<Cluster> {
    const [tg, database, balancer] = await Promise.all([
      createTelegramEmulator(),
      freshPostgresDatabase(),
      LoadBalancer.start(size, { healthPath: "/healthz", healthEveryMs: 100, record: true }),
    ]);
    const xendit = await createXenditEmulator({
      secretKey: SECRET_KEY,
      callbackToken: CALLBACK_TOKEN,
      callbackUrl: `${balancer.url}/webhooks/xendit`,
      // Xendit retries a 5xx or an unreachable receiver; here for 10 s, more often than its real schedule.
      callbackRetry: { attempts: 50, delayMs: 200 },
      expireAfterMs: null,
      ...xenditOptions,
    });
    const taps = await Promise.all(Array.from({ length: size }, () => LoadBalancer.start(1, { record: true })));
    for (const tap of taps) tap.attach(0, tg.apiRoot);
    const cluster = new Cluster(tg, xendit, database, balancer, taps, { mode, env }, mkdtempSync(join(tmpdir(), "cp-cluster-")));
    await Promise.all(taps.map((_, i) => cluster.start(i)));
    return cluster;
  }

  get publicUrl(): string {
    return this.balancer.url;
  }

  /** Starts instance `index` (again, after a kill) and puts it behind the balancer once it is ready. */
  async start(index: number): Promise<Instance> {
    const log = openSync(join(this.logDir, `instance-${index}-${++this.started}.log`), "a");
    const child = fork(fileURLToPath(new URL("./app-process.ts", import.meta.url)), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, ...this.environment(index) },
      stdio: ["ignore", log, log, "ipc"],
    });
    closeSync(log);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const port = await new Promise<number>((resolve, reject) => {
      child.once("exit", (code, signal) => reject(new Error(`instance ${index} exited with ${code ?? signal} before it was ready (log: ${this.logDir})`)));
      child.on("message", (message: { type?: string; port?: number }) => {
        if (message.type === "ready" && typeof message.port === "number") resolve(message.port);
      });
    });
    const instance = { index, child, origin: `http://127.0.0.1:${port}`, exited };
    this.instances[index] = instance;
    this.balancer.attach(index, instance.origin);
    return instance;
  }

  /** kill -9: the balancer is not told; its health check and the refused connections take the instance out. */
  async kill(index: number): Promise<void> {
    const instance = this.instances[index];
    if (!instance) return;
    instance.child.kill("SIGKILL");
    await instance.exited;
    this.instances[index] = undefined;
  }

  /** SIGTERM, as a rolling deploy stops an instance: it drains and gives up its leases. */
  async stop(index: number): Promise<void> {
    const instance = this.instances[index];
    if (!instance) return;
    this.balancer.detach(index);
    instance.child.kill("SIGTERM");
    await instance.exited;
    this.instances[index] = undefined;
  }

  /** Bot API calls instance `index` made (through its tap), optionally of one method. */
  telegramCalls(index: number, method?: string): Forwarded[] {
    const calls = this.taps[index]!.forwarded;
    return method === undefined ? calls : calls.filter((call) => call.path.split("?")[0]!.endsWith(`/${method}`));
  }

  /** POSTs through the balancer; `to` sends it to those instances only, all at the same moment. */
  async post(path: string, body: unknown, { to, headers = {} }: { to?: number[]; headers?: Record<string, string> } = {}): Promise<number> {
    const response = await fetch(`${this.publicUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers, ...(to && { [TARGET_HEADER]: to.join(",") }) },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** A Telegram update delivered as Telegram's webhook would, to the given instances (all at once) or in turn. */
  deliverUpdate(update: unknown, to?: number[]): Promise<number> {
    return this.post("/webhooks/telegram", update, { to, headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET } });
  }

  /** A Xendit callback body for the charge as it is now, as Xendit would post it. */
  callbackBody(chargeId: string): unknown {
    return { event: "ewallet.capture", business_id: this.xendit.businessId, created: new Date().toISOString(), data: this.xendit.charge(chargeId) };
  }

  /**
   * The charge's callback to the given instances at the same moment; then, until one is answered 2xx, again to
   * the next in turn, as Xendit retries. Resolves with every answer's status.
   */
  async deliverCallback(chargeId: string, to: number[]): Promise<number[]> {
    const send = (targets?: number[]) => this.post("/webhooks/xendit", this.callbackBody(chargeId), { to: targets, headers: { "x-callback-token": CALLBACK_TOKEN } });
    const statuses = [await send(to)];
    while (statuses.at(-1)! !== 200 && statuses.length < 50) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      statuses.push(await send());
    }
    return statuses;
  }

  async sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(text, values)).rows;
  }

  /**
   * Pending top-ups, one per merchant (known to the emulated Telegram), each with a charge created in the Xendit
   * emulator: written the way the app writes them (the row before the create call, then the charge id).
   */
  async seedPendingTopups(count: number, firstMerchant: number): Promise<SeededTopup[]> {
    await this.seedMerchants(count, firstMerchant);
    const database = await this.openDatabase();
    try {
      const now = new Date();
      const seeded = Array.from({ length: count }, (_, i) => ({ merchantId: firstMerchant + i, referenceId: `cp-cluster-${firstMerchant + i}`, amount: 50_000 + (i % 10) * 10_000 }));
      const ids = await database.transaction(async (s) => {
        const rows: number[] = [];
        for (const [i, topup] of seeded.entries()) {
          const row = await s.topups.create({
            ...topup,
            requestKey: `cluster:${topup.merchantId}`,
            phone: `+62813${String(i).padStart(7, "0")}`,
            createdAt: now,
            // No payment check during the test: the callbacks are what is tested.
            checkAt: new Date(now.getTime() + 3_600_000),
          });
          rows.push(row.id);
        }
        return rows;
      });
      const charged: SeededTopup[] = [];
      for (let from = 0; from < count; from += 50) {
        charged.push(...(await Promise.all(seeded.slice(from, from + 50).map(async (topup, j) => ({ ...topup, chargeId: await this.createCharge(topup, from + j) })))));
      }
      await database.transaction(async (s) => {
        for (const [i, topup] of charged.entries()) await s.topups.recordCharge(ids[i]!, topup.chargeId, now);
      });
      return charged;
    } finally {
      await database.close();
    }
  }

  /** Merchants `firstId`… who have talked to the bot before: in the database and in the emulated Telegram. */
  async seedMerchants(count: number, firstId: number): Promise<void> {
    const database = await this.openDatabase();
    try {
      const now = new Date();
      await database.transaction(async (s) => {
        for (let id = firstId; id < firstId + count; id++) {
          await s.merchants.register({ id, chatId: id, firstName: `Toko ${id}`, lastName: null, username: null, telegramLanguage: "id" }, now);
        }
      });
    } finally {
      await database.close();
    }
    for (let id = firstId; id < firstId + count; id++) this.tg.createUser({ id, first_name: `Toko ${id}` });
  }

  async close(): Promise<void> {
    await Promise.all(this.instances.map((_, i) => this.kill(i)));
    await this.pool.end();
    await Promise.all([this.tg.close(), this.xendit.close(), this.balancer.close(), ...this.taps.map((tap) => tap.close())]);
    await this.database.drop();
    if (!process.env.KEEP_CLUSTER_LOGS) rmSync(this.logDir, { recursive: true, force: true });
  }

  private environment(index: number): Record<string, string> {
    return {
      BOT_TOKEN,
      TELEGRAM_API_ROOT: this.taps[index]!.url,
      XENDIT_API_BASE: this.xendit.apiBase,
      XENDIT_SECRET_KEY: SECRET_KEY,
      XENDIT_CALLBACK_TOKEN: CALLBACK_TOKEN,
      DATABASE_URL: this.database.url,
      BOT_MODE: this.options.mode,
      PUBLIC_URL: this.publicUrl,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PORT: "0",
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? "warn",
      POLL_INTERVAL_MS: "50",
      NOTIFY_RETRY_BASE_MS: "20",
      ...this.options.env,
    };
  }

  private openDatabase() {
    return openDatabase({ databaseUrl: this.database.url, onPoolError: () => undefined });
  }

  private async createCharge(topup: Omit<SeededTopup, "chargeId">, i: number): Promise<string> {
    const response = await fetch(`${this.xendit.apiBase}/ewallets/charges`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${SECRET_KEY}:`).toString("base64")}` },
      body: JSON.stringify({
        reference_id: topup.referenceId,
        currency: "IDR",
        amount: topup.amount,
        checkout_method: "ONE_TIME_PAYMENT",
        channel_code: "ID_OVO",
        channel_properties: { mobile_number: `+62813${String(i).padStart(7, "0")}` },
      }),
    });
    const charge = (await response.json()) as { id?: string };
    if (!charge.id) throw new Error(`the Xendit emulator refused a charge: ${JSON.stringify(charge)}`);
    return charge.id;
  }
}
