import pino, { type Logger } from "pino";

export type { Logger };

/**
 * JSON logs. Secrets are redacted by path as a safety net; phone numbers are masked where they are logged
 * (maskPhone), never logged raw.
 */
export function createLogger(level: string = "info"): Logger {
  return pino({
    level,
    base: undefined,
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
        "req.headers.authorization",
        'req.headers["x-callback-token"]',
        'req.headers["x-telegram-bot-api-secret-token"]',
        "phone",
        "mobile_number",
      ],
      censor: "[redacted]",
    },
  });
}
