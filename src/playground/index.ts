import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { startApp, type App } from "../app.js";
import { createTelegramEmulator, type EmulatedUser, type TelegramEmulator } from "../emulators/telegram/index.js";
import { createXenditEmulator, type XenditEmulator } from "../emulators/xendit/index.js";
import { createLogger, type Logger } from "../logger.js";
import { PLAYGROUND_DATABASE_PATH, playgroundConfig } from "./config.js";
import { createPlaygroundRouter, QRIS_MERCHANT_NAME } from "./routes.js";
import { simulatedUsers, type SimulatedUser } from "./users.js";

export { PLAYGROUND_DATABASE_PATH } from "./config.js";
export { simulatedUsers, PLAYGROUND_ADMIN_ID, type SimulatedUser } from "./users.js";

export interface PlaygroundOptions {
  /** Where PORT, LOG_LEVEL and the payment/invoice settings are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Overrides PORT (0 picks a free port). */
  port?: number;
  /** Defaults to 127.0.0.1: the page drives payments, so it is not offered to the network. */
  host?: string;
  databasePath?: string;
  logger?: Logger;
}

export interface Playground {
  /** http://localhost:PORT/ */
  url: string;
  port: number;
  app: App;
  tg: TelegramEmulator;
  xendit: XenditEmulator;
  users: ReadonlyMap<number, { profile: SimulatedUser; user: EmulatedUser }>;
  stop(): Promise<void>;
}

/**
 * The real bot (startApp) against the built-in Telegram and Xendit emulators, both listening on 127.0.0.1 in this
 * process, plus the playground page on the bot's own HTTP server. The SQLite file starts empty on every start,
 * because the emulators' chats and charges live in memory.
 */
export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const env = { ...(options.env ?? process.env), ...(options.port !== undefined && { PORT: String(options.port) }) };
  const databasePath = options.databasePath ?? PLAYGROUND_DATABASE_PATH;
  const base = playgroundConfig(env, databasePath); // validates first: a bad PORT stops us before anything starts
  const logger = options.logger ?? createLogger(base.logLevel);
  const host = options.host ?? "127.0.0.1";
  // A second `npm start` must fail on the port before it empties the database the first one is using.
  if (base.port !== 0) await ensurePortFree(base.port, host);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${databasePath}${suffix}`, { force: true });

  const tg = await createTelegramEmulator({
    host: "127.0.0.1",
    botInfo: { id: 700_000, first_name: "Coin Premium", username: "coinpremium_playground_bot" },
  });
  const xendit = await createXenditEmulator({
    host: "127.0.0.1",
    secretKey: base.xendit.secretKey,
    callbackToken: base.xendit.callbackToken,
    businessId: randomBytes(12).toString("hex"),
    merchantName: QRIS_MERCHANT_NAME,
  });
  const users = new Map(
    simulatedUsers.map((profile) => [
      profile.id,
      {
        profile,
        user: tg.createUser({
          id: profile.id,
          first_name: profile.firstName,
          ...(profile.lastName !== undefined && { last_name: profile.lastName }),
          language_code: profile.languageCode,
          // Telegram shares numbers without the plus.
          phone_number: profile.phone.replace(/^\+/, ""),
        }),
      },
    ]),
  );
  const page = createPlaygroundRouter({ tg, xendit, users });
  const config = { ...base, telegramApiRoot: tg.apiRoot, xendit: { ...base.xendit, apiBase: xendit.apiBase, timeoutMs: 5_000 } };

  let app: App;
  try {
    app = await startApp(config, { logger, extraRouters: [page.router], host });
  } catch (error) {
    page.close();
    await Promise.all([tg.close(), xendit.close()]);
    throw error;
  }
  xendit.setCallbackUrl(`http://127.0.0.1:${app.port}/webhooks/xendit`);
  // The emulator expires ignored pushes and unpaid codes lazily; looking every second shows it on the page even with
  // no tab open.
  const expiry = setInterval(() => {
    xendit.charges();
    xendit.paymentRequests();
  }, 1_000);
  expiry.unref();

  let stopping: Promise<void> | undefined;
  return {
    url: `http://localhost:${app.port}/`,
    port: app.port,
    app,
    tg,
    xendit,
    users,
    stop() {
      stopping ??= (async () => {
        clearInterval(expiry);
        page.close();
        await app.stop();
        await Promise.all([tg.close(), xendit.close()]);
      })();
      return stopping;
    },
  };
}

function ensurePortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
