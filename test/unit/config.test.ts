import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

const valid = {
  BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  XENDIT_SECRET_KEY: "xnd_development_secret",
  XENDIT_CALLBACK_TOKEN: "callback-token-123",
};

describe("loadConfig", () => {
  it("applies defaults", () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({ port: 3000, botMode: "polling", databasePath: "./data/bot.sqlite", adminIds: [] });
    expect(config.xendit.apiBase).toBe("https://api.xendit.co");
  });

  it("names a missing variable in one line", () => {
    expect(() => loadConfig({ ...valid, BOT_TOKEN: "" })).toThrow(/^Configuration error: BOT_TOKEN is not set \(see \.env\.example\)$/);
  });

  it.each([
    ["BOT_TOKEN", "nonsense"],
    ["PORT", "eighty"],
    ["ADMIN_IDS", "12,abc"],
    ["BOT_MODE", "push"],
    ["XENDIT_API_BASE", "not a url"],
  ])("names an invalid %s", (name, value) => {
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(new RegExp(`^Configuration error: ${name} `));
  });

  it("takes PostgreSQL from DATABASE_URL and refuses any other kind of URL, naming the variable", () => {
    expect(loadConfig(valid).databaseUrl).toBeUndefined();
    expect(loadConfig({ ...valid, DATABASE_URL: "postgres://bot:pw@db.internal:5432/coin" }).databaseUrl).toBe("postgres://bot:pw@db.internal:5432/coin");
    expect(loadConfig({ ...valid, DATABASE_URL: "postgresql://db/coin" }).databaseUrl).toBe("postgresql://db/coin");
    for (const value of ["mysql://db/coin", "db.internal:5432", "./data/bot.sqlite"]) {
      expect(() => loadConfig({ ...valid, DATABASE_URL: value })).toThrow(/^Configuration error: DATABASE_URL must be a postgres:\/\/user:password@host:5432\/database URL \(see \.env\.example\)$/);
    }
  });

  it("metrics stay off unless METRICS_TOKEN or METRICS_PORT is set; a short token or a bad port is named", () => {
    expect(loadConfig(valid).metrics).toEqual({ token: undefined, port: undefined });
    expect(loadConfig({ ...valid, METRICS_TOKEN: "0123456789abcdef", METRICS_PORT: "9464" }).metrics).toEqual({ token: "0123456789abcdef", port: 9464 });
    expect(() => loadConfig({ ...valid, METRICS_TOKEN: "short" })).toThrow(/^Configuration error: METRICS_TOKEN must be 16–256 printable characters without spaces \(see \.env\.example\)$/);
    expect(() => loadConfig({ ...valid, METRICS_TOKEN: "with a space in it ok" })).toThrow(/^Configuration error: METRICS_TOKEN /);
    for (const port of ["0", "65536", "metrics"]) expect(() => loadConfig({ ...valid, METRICS_PORT: port })).toThrow(/^Configuration error: METRICS_PORT must be/);
    expect(() => loadConfig({ ...valid, PORT: "9464", METRICS_PORT: "9464" })).toThrow(/^Configuration error: METRICS_PORT must differ from PORT/);
  });

  it("requires PUBLIC_URL and a secret in webhook mode", () => {
    expect(() => loadConfig({ ...valid, BOT_MODE: "webhook" })).toThrow(/PUBLIC_URL is required/);
    expect(() => loadConfig({ ...valid, BOT_MODE: "webhook", PUBLIC_URL: "https://bot.example.com" })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET is required/,
    );
  });

  it("paces broadcasts at 25 msg/s by default and refuses more than Telegram's 30", () => {
    expect(loadConfig(valid).broadcast.ratePerSecond).toBe(25);
    expect(loadConfig({ ...valid, BROADCAST_RATE_PER_SECOND: "30" }).broadcast.ratePerSecond).toBe(30);
    expect(() => loadConfig({ ...valid, BROADCAST_RATE_PER_SECOND: "31" })).toThrow(/^Configuration error: BROADCAST_RATE_PER_SECOND must be at most 30/);
    expect(() => loadConfig({ ...valid, BROADCAST_RATE_PER_SECOND: "0" })).toThrow(/BROADCAST_RATE_PER_SECOND/);
  });

  it("reconciles daily from 02:00 WIB at 5 calls per second by default, or not at all when off; refuses an hour outside 0-23", () => {
    expect(loadConfig(valid).reconciliation).toEqual({ hourWib: 2, ratePerSecond: 5 });
    expect(loadConfig({ ...valid, RECONCILE_HOUR_WIB: "0", RECONCILE_RATE_PER_SECOND: "10" }).reconciliation).toEqual({ hourWib: 0, ratePerSecond: 10 });
    expect(loadConfig({ ...valid, RECONCILE_HOUR_WIB: "23" }).reconciliation.hourWib).toBe(23);
    expect(loadConfig({ ...valid, RECONCILE_HOUR_WIB: "off" }).reconciliation.hourWib).toBeUndefined();
    for (const value of ["24", "-1", "2.5", "two"]) {
      expect(() => loadConfig({ ...valid, RECONCILE_HOUR_WIB: value })).toThrow(/^Configuration error: RECONCILE_HOUR_WIB must be an hour of the day, 0-23 \(WIB\), or off \(see \.env\.example\)$/);
    }
    expect(() => loadConfig({ ...valid, RECONCILE_RATE_PER_SECOND: "0" })).toThrow(/RECONCILE_RATE_PER_SECOND/);
    expect(() => loadConfig({ ...valid, RECONCILE_RATE_PER_SECOND: "51" })).toThrow(/RECONCILE_RATE_PER_SECOND must be at most 50/);
  });

  it("keeps webhook callbacks 90 days by default, and refuses a retention that is not a whole number of days", () => {
    expect(loadConfig(valid).webhookRetentionDays).toBe(90);
    expect(loadConfig({ ...valid, WEBHOOK_RETENTION_DAYS: "30" }).webhookRetentionDays).toBe(30);
    for (const value of ["0", "-5", "abc", "1.5"]) {
      expect(() => loadConfig({ ...valid, WEBHOOK_RETENTION_DAYS: value })).toThrow(/^Configuration error: WEBHOOK_RETENTION_DAYS [^\n]+ \(see \.env\.example\)$/);
    }
  });

  it("caps requests per number per merchant, and across merchants at 3× that unless set; the ceiling may not be lower", () => {
    expect(loadConfig(valid).payments).toMatchObject({ maxChargesPerPhonePerHour: 5, maxChargesPerPhonePerHourTotal: 15 });
    expect(loadConfig({ ...valid, MAX_CHARGES_PER_PHONE_PER_HOUR: "4" }).payments.maxChargesPerPhonePerHourTotal).toBe(12);
    expect(loadConfig({ ...valid, MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL: "20" }).payments.maxChargesPerPhonePerHourTotal).toBe(20);
    expect(() => loadConfig({ ...valid, MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL: "4" })).toThrow(
      /^Configuration error: MAX_CHARGES_PER_PHONE_PER_HOUR_TOTAL must be at least MAX_CHARGES_PER_PHONE_PER_HOUR /,
    );
  });

  it("parses admin ids", () => {
    expect(loadConfig({ ...valid, ADMIN_IDS: "11, 22" }).adminIds).toEqual([11, 22]);
  });
});
