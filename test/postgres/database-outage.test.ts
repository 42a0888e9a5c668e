/**
 * The database goes away under a running instance (every connection cut, new ones refused) and comes back: while it
 * is gone, /healthz says 503 and webhooks answer 5xx, so that Telegram and Xendit send again; when it is back, the
 * same instance answers again, retakes its lease and handles the update sent again, without a restart.
 */
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CALLBACK_TOKEN, eventually, startHarness, webhookConfig, type Harness } from "../helpers/harness.js";
import { merchant } from "../helpers/merchant.js";
import { freshPostgresDatabase, postgresUrl, type FreshDatabase } from "../helpers/postgres.js";
import { healthOf } from "../helpers/second-instance.js";
import { postUpdate, textUpdate } from "../helpers/webhook-post.js";

describe.skipIf(!postgresUrl)("a running instance whose PostgreSQL goes away and comes back", () => {
  let database: FreshDatabase;
  let admin: pg.Client;
  let h: Harness;

  beforeEach(async () => {
    database = await freshPostgresDatabase();
    admin = new pg.Client({ connectionString: postgresUrl! });
    await admin.connect();
  });
  afterEach(async () => {
    await setReachable(true);
    await h?.close();
    await admin.end();
    await database.drop();
  });

  const name = () => new URL(database.url).pathname.slice(1);
  /** Refuses new connections to the database and cuts the ones open, or lets them in again. */
  async function setReachable(reachable: boolean): Promise<void> {
    await admin.query(`alter database ${name()} allow_connections ${reachable}`);
    if (!reachable) await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [name()]);
  }

  it("answers 5xx while it is gone and recovers by itself when it is back", async () => {
    const config = await webhookConfig();
    h = await startHarness({ config: { ...config, databaseUrl: database.url } });
    const sari = merchant(h, 7701);
    const postSaldo = () => postUpdate(h.baseUrl, config!.telegramWebhookSecret!, textUpdate(sari.user, 880_001, "/saldo"));
    await eventually(async () => expect(await healthOf(h.app)).toEqual({ status: 200, body: { ok: true, database: "ok", leases: { broadcast: true } } }));

    await setReachable(false);
    await eventually(async () => expect(await healthOf(h.app)).toEqual({ status: 503, body: { ok: false, database: "unreachable", leases: { broadcast: false } } }), 5_000);
    expect((await postSaldo()).status).toBeGreaterThanOrEqual(500);
    const callback = await fetch(`${h.baseUrl}/webhooks/xendit`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-callback-token": CALLBACK_TOKEN },
      body: JSON.stringify({ event: "ewallet.capture", business_id: "biz", created: new Date().toISOString(), data: { id: "ewc_1", reference_id: "ref-1", status: "SUCCEEDED" } }),
    });
    expect(callback.status).toBeGreaterThanOrEqual(500);
    expect(sari.user.botMessages()).toEqual([]);

    await setReachable(true);
    await eventually(async () => expect(await healthOf(h.app)).toEqual({ status: 200, body: { ok: true, database: "ok", leases: { broadcast: true } } }), 8_000);
    expect((await postSaldo()).status).toBe(200);
    await sari.expect("Saldo");
    expect((await postSaldo()).status).toBe(200);
    expect(sari.user.botMessages()).toHaveLength(1);
  });
});
