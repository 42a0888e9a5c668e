import { z } from "zod";
import { methodIds, parseMethodList, type MethodId } from "./payments/methods.js";

const csvOfIds = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const parts = value.split(",").map((p) => p.trim()).filter(Boolean);
    const ids = parts.map(Number);
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
      ctx.addIssue({ code: "custom", message: "must be a comma-separated list of Telegram user ids" });
      return z.NEVER;
    }
    return ids;
  });

const url = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** An hour of a Jakarta day, or "off". */
const hourOrOff = (fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .transform((value, ctx) => {
      if (value === "off") return undefined;
      if (/^\d{1,2}$/.test(value) && Number(value) <= 23) return Number(value);
      ctx.addIssue({ code: "custom", message: "must be an hour of the day, 0-23 (WIB), or off" });
      return z.NEVER;
    });

const schema = z
  .object({
    BOT_TOKEN: z.string().regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC-DEF… (from @BotFather)"),
    TELEGRAM_API_ROOT: url.default("https://api.telegram.org"),
    BOT_MODE: z.enum(["polling", "webhook"]).default("polling"),
    PUBLIC_URL: url.optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A-Z, a-z, 0-9, _ and -")
      .optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("./data/bot.sqlite"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres://user:password@host:5432/database URL" }).optional(),
    XENDIT_SECRET_KEY: z.string().min(10, "must be your Xendit secret API key"),
    XENDIT_API_BASE: url.default("https://api.xendit.co"),
    XENDIT_CALLBACK_TOKEN: z.string().min(10, "must be the callback verification token from Xendit's dashboard"),
    ADMIN_IDS: csvOfIds,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    XENDIT_TIMEOUT_MS: positiveInt(15_000),
    PAYMENT_CHECK_AFTER_SECONDS: positiveInt(70),
    MAX_CHARGES_PER_PHONE_PER_HOUR: positiveInt(5),
    MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL: z.coerce.number().int().positive().optional(),
    // Telegram answers 429 above about 30 messages per second in bulk; the default leaves room for payment messages.
    BROADCAST_RATE_PER_SECOND: z.coerce.number().int().positive().max(30, "must be at most 30 (Telegram's bulk limit)").default(25),
    WEBHOOK_RETENTION_DAYS: z.coerce
      .number("must be a whole number of days")
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(36_500, "must be at most 36500 days")
      .default(90),
    RECONCILE_HOUR_WIB: hourOrOff(2),
    // One GET per payment: a day's reconciliation stays well under the gateway's API rate limit.
    RECONCILE_RATE_PER_SECOND: z.coerce.number().int().positive().max(50, "must be at most 50").default(5),
    METRICS_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, "must be 16–256 printable characters without spaces")
      .optional(),
    METRICS_PORT: z.coerce.number("must be a port number").int("must be a port number").min(1, "must be 1–65535").max(65535, "must be 1–65535").optional(),
    PAYMENT_METHODS: z
      .string()
      .default(methodIds.join(","))
      .transform((value, ctx) => {
        const parsed = parseMethodList(value);
        if (parsed.ok && parsed.ids.length > 0) return parsed.ids;
        const why = parsed.ok ? "names no method" : `has an unknown method ${parsed.unknown}`;
        ctx.addIssue({ code: "custom", message: `${why}; use a comma-separated list of ${methodIds.join(", ")} (or EWALLET, VA)` });
        return z.NEVER;
      }),
    INVOICE_SELLER_NAME: z.string().min(1).default("Kasir Pintar"),
    INVOICE_SELLER_ADDRESS: z.string().min(1).default("Indonesia"),
    INVOICE_SELLER_TAX_ID: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL !== undefined && env.MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL < env.MAX_CHARGES_PER_PHONE_PER_HOUR) {
      ctx.addIssue({ code: "custom", path: ["MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL"], message: "must be at least MAX_CHARGES_PER_PHONE_PER_HOUR" });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) ctx.addIssue({ code: "custom", path: ["METRICS_PORT"], message: "must differ from PORT" });
    if (env.BOT_MODE !== "webhook") return;
    if (!env.PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required when BOT_MODE=webhook" });
    if (!env.TELEGRAM_WEBHOOK_SECRET)
      ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook" });
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  botToken: string;
  telegramApiRoot: string;
  botMode: "polling" | "webhook";
  publicUrl?: string;
  telegramWebhookSecret?: string;
  port: number;
  /** The SQLite file, used when no databaseUrl is set. */
  databasePath: string;
  /** postgres://…: PostgreSQL, shared by several instances. */
  databaseUrl?: string;
  xendit: { secretKey: string; apiBase: string; callbackToken: string; timeoutMs: number };
  adminIds: number[];
  logLevel: Env["LOG_LEVEL"];
  payments: {
    checkAfterSeconds: number;
    /** Requests one merchant may send to one number per hour. */
    maxChargesPerPhonePerHour: number;
    /** Requests one number may get per hour from all merchants together; its owner's own shared number is exempt. */
    maxChargesPerPhonePerHourTotal: number;
    /** The methods offered (PAYMENT_METHODS), in the catalog's order. */
    methods: MethodId[];
  };
  /** Broadcast delivery pace, in messages per second (never more in any 1-second window). */
  broadcast: { ratePerSecond: number };
  /** Callbacks recorded in webhook_events are deleted after this many days. */
  webhookRetentionDays: number;
  invoiceSeller: { name: string; address: string; taxId?: string };
  /** The daily run reconciles the previous Jakarta day once this hour (WIB) has come (undefined: never); gateway calls per second. */
  reconciliation: { hourWib: number | undefined; ratePerSecond: number };
  /**
   * GET /metrics, off unless one is set: `token` serves it on the main server to bearers of that token, `port` on a
   * server of its own bound to 127.0.0.1 (no token there).
   */
  metrics?: { token?: string; port?: number };
}

/** Thrown with one line that names the offending variable, so start-up can print it and stop. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in .env mean "not set": treat them as absent so defaults and "required" apply.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const reason = issue.code === "invalid_type" && cleaned[name] === undefined ? "is not set" : issue.message;
    throw new ConfigError(`Configuration error: ${name} ${reason} (see .env.example)`);
  }
  const env = parsed.data;
  return {
    botToken: env.BOT_TOKEN,
    telegramApiRoot: env.TELEGRAM_API_ROOT,
    botMode: env.BOT_MODE,
    publicUrl: env.PUBLIC_URL,
    telegramWebhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
    port: env.PORT,
    databasePath: env.DATABASE_PATH,
    databaseUrl: env.DATABASE_URL,
    xendit: {
      secretKey: env.XENDIT_SECRET_KEY,
      apiBase: env.XENDIT_API_BASE,
      callbackToken: env.XENDIT_CALLBACK_TOKEN,
      timeoutMs: env.XENDIT_TIMEOUT_MS,
    },
    adminIds: env.ADMIN_IDS,
    logLevel: env.LOG_LEVEL,
    payments: {
      checkAfterSeconds: env.PAYMENT_CHECK_AFTER_SECONDS,
      maxChargesPerPhonePerHour: env.MAX_CHARGES_PER_PHONE_PER_HOUR,
      maxChargesPerPhonePerHourTotal: env.MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL ?? 3 * env.MAX_CHARGES_PER_PHONE_PER_HOUR,
      methods: env.PAYMENT_METHODS,
    },
    broadcast: { ratePerSecond: env.BROADCAST_RATE_PER_SECOND },
    webhookRetentionDays: env.WEBHOOK_RETENTION_DAYS,
    invoiceSeller: { name: env.INVOICE_SELLER_NAME, address: env.INVOICE_SELLER_ADDRESS, taxId: env.INVOICE_SELLER_TAX_ID },
    reconciliation: { hourWib: env.RECONCILE_HOUR_WIB, ratePerSecond: env.RECONCILE_RATE_PER_SECOND },
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
  };
}
