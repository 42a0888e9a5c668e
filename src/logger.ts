import pino, { type Logger } from "pino";

export type { Logger };

/**
 * stdout, written asynchronously in writes of at most 1 KB. sonic-boom measures its pending text on every line,
 * which flattens it: with its default 16 KB writes, each line logged while the event loop is busy copied everything
 * pending (~10 KB of garbage a line in a loop, ~2 KB with 1 KB writes).
 */
const stdout = (): pino.DestinationStream => pino.destination({ dest: 1, sync: false, maxWrite: 1024 });

/**
 * JSON logs. Known secret fields are redacted by path; the given secrets (bot token, keys) are also cut out
 * of error messages and stacks, where libraries may have put a request URL. Phone numbers are logged only
 * masked (maskPhone), under `maskedPhone`; a raw `phone` field is redacted.
 */
export function createLogger(level: string = "info", secrets: string[] = [], destination: pino.DestinationStream = stdout()): Logger {
  const hidden = secrets.filter((secret) => secret.length >= 8);
  const scrub = (text: string) => hidden.reduce((out, secret) => out.replaceAll(secret, "[redacted]"), text);
  // Wrapped errors too: grammY's HttpError keeps node-fetch's error, whose message holds the URL with the bot token.
  const scrubDeep = (value: unknown, depth = 0): unknown => {
    if (typeof value === "string") return scrub(value);
    if (value === null || typeof value !== "object" || depth > 8) return value;
    if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubDeep(item, depth + 1)]));
  };
  return pino({
    level,
    base: undefined,
    serializers: {
      err: (error: unknown) => scrubDeep(pino.stdSerializers.err(error as Error)),
    },
    redact: {
      paths: [
        "token",
        "botToken",
        "secretKey",
        "callbackToken",
        "authorization",
        "headers.authorization",
        'headers["x-callback-token"]',
        'headers["x-telegram-bot-api-secret-token"]',
        "phone",
        "mobile_number",
      ],
      censor: "[redacted]",
    },
  }, destination);
}

/** The values that must never appear in a log line. */
export function secretsOf(config: {
  botToken: string;
  xendit: { secretKey: string; callbackToken: string };
  telegramWebhookSecret?: string;
  metrics?: { token?: string };
}): string[] {
  return [config.botToken, config.xendit.secretKey, config.xendit.callbackToken, config.telegramWebhookSecret ?? "", config.metrics?.token ?? ""];
}
