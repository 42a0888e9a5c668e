/**
 * Two instances of the real app on one PostgreSQL in webhook mode, behind one URL (a test load balancer that
 * decides which instance gets each update): a redelivered update is handled once whichever instance gets it, two
 * updates of one chat run one after the other across instances, and a chat held too long answers 503 so that
 * Telegram sends the update again.
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHAT_LOCK_CLASS, chatKey } from "../../db/postgres/chat-locks.js";
import type { App } from "../../src/app.js";
import { eventually, startHarness, type Harness } from "../helpers/harness.js";
import { merchant } from "../helpers/merchant.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";
import { startSecondInstance } from "../helpers/second-instance.js";
import { TelegramFront, type Route } from "../helpers/telegram-front.js";

const SECRET = "webhook-secret-0123456789";

describe.skipIf(!postgresUrl)("two instances on one PostgreSQL, webhook mode", () => {
  let database: FreshDatabase;
  let front: TelegramFront;
  let h: Harness;
  let second: App | undefined;

  async function start(secondOptions: Parameters<typeof startSecondInstance>[1] = {}) {
    h = await startHarness({
      config: { botMode: "webhook", port: 0, publicUrl: front.url, telegramWebhookSecret: SECRET, databaseUrl: database.url, xendit: { timeoutMs: 5_000 } },
    });
    second = await startSecondInstance(h, secondOptions);
    front.targets = [h.baseUrl, `http://127.0.0.1:${second.port}`];
  }

  beforeEach(async () => {
    database = await freshPostgresDatabase();
    front = await TelegramFront.start();
  });
  afterEach(async () => {
    await second?.stop();
    second = undefined;
    await h?.close();
    await front.close();
    await database.drop();
  });

  const bothAtOnce: Route = async (_update, forward) => Math.max(...(await Promise.all([forward(0), forward(1)])));
  const oneAfterTheOther: Route = async (_update, forward) => {
    await forward(0);
    return forward(1);
  };

  it("an update delivered to both instances at once, and later again, is handled once", async () => {
    await start();
    const sari = merchant(h, 7501);
    front.route = bothAtOnce;
    await sari.say("/saldo");
    await sari.expect("Saldo");
    front.route = oneAfterTheOther;
    await sari.say("/riwayat");
    await eventually(() => expect(front.answers).toHaveLength(4));

    // Each instance answers only once the update is handled (or found handled): by now every reply is out.
    expect(front.answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(sari.count("Saldo")).toBe(1);
    expect(sari.user.botMessages()).toHaveLength(2);
  });

  it("two updates of one chat delivered to two instances at once run one after the other", async () => {
    await start();
    const sari = merchant(h, 7502);
    // The conversation's steps alternate between the instances: its state lives in the database.
    front.route = (update, forward) => forward(update.update_id % 2);
    await sari.toPhoneStep();
    await sari.say("0812-3456-7890");
    const ok = await sari.expect("Tekan OK");

    // OK waits on a slow Xendit; Telegram stops waiting for its answer and hands the chat's next update, a command
    // that leaves the conversation, to the other instance while the first still runs.
    h.xendit.injectFault({ op: "create", delayMs: 1_500 });
    front.route = (update, forward) => {
      if (!update.callback_query) return forward(1);
      void forward(0);
      return Promise.resolve(200);
    };
    await sari.press(ok, "OK");
    await eventually(() => expect(h.xendit.requests.some((r) => r.method === "POST" && r.path === "/ewallets/charges")).toBe(true));
    await sari.say("/saldo");
    await sari.expect("Saldo", 8_000);

    const texts = sari.user.botMessages().map((message) => message.text ?? "");
    const confirmation = texts.findIndex((text) => text.includes("Konfirmasi Pembayaran"));
    expect(confirmation).toBeGreaterThan(-1);
    expect(confirmation).toBeLessThan(texts.findIndex((text) => text.includes("Saldo")));
    // The OK's outcome was saved before the command ran: one charge, and the conversation is over.
    expect(h.xendit.charges()).toHaveLength(1);
    front.route = (_update, forward) => forward(1);
    await sari.say("0812-3456-7890");
    await sari.expect("Saya belum mengerti pesan itu");
    expect(h.xendit.charges()).toHaveLength(1);
  });

  it("an update whose chat another instance holds past the wait limit is refused with 503, and runs when sent again", async () => {
    await start({ chatLockWaitMs: 300 });
    const sari = merchant(h, 7503);
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("select pg_advisory_lock($1, $2)", [CHAT_LOCK_CLASS, chatKey(sari.id)]);
      front.route = (_update, forward) => forward(1);
      await sari.say("/saldo");
      await eventually(() => expect(front.answers.map((answer) => answer.status)).toContain(503));
      expect(sari.user.botMessages()).toHaveLength(0);
      await holder.query("select pg_advisory_unlock($1, $2)", [CHAT_LOCK_CLASS, chatKey(sari.id)]);
      // The emulated Telegram sends a refused update again, as Telegram does.
      await sari.expect("Saldo");
      expect(sari.count("Saldo")).toBe(1);
    } finally {
      await holder.end();
    }
  });
});
