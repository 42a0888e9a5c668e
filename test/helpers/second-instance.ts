import pino from "pino";
import { startApp, type App, type AppOptions } from "../../src/app.js";
import type { Harness } from "./harness.js";

/** The second instance's BOT_TOKEN: the emulator takes any token as the same bot, and records which one called. */
export const SECOND_TOKEN = "123456:TEST-TOKEN-second-instance-abcdefghij";

/**
 * Another instance beside the harness's app, as a second process on the same machine would be: the same config and
 * database (DATABASE_URL), the same emulators and clock, an HTTP port of its own. Stop it before h.close().
 */
export function startSecondInstance(h: Harness, options: AppOptions = {}): Promise<App> {
  return startApp(
    { ...h.config, port: 0, botToken: SECOND_TOKEN },
    { clock: h.clock, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }), pollIntervalMs: 25, notifyRetryBaseMs: 25, ...options },
  );
}

/** What GET /healthz of an instance says. */
export async function healthOf(app: App): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${app.port}/healthz`);
  return { status: response.status, body: await response.json() };
}
