/**
 * kill -9 while 2,000 callbacks are in flight, restart, and Xendit re-sends everything.
 *
 * Telegram refuses sendMessage (502) until the restart, so every notification is still in the outbox when the
 * process dies: what is tested is that the outbox rows committed with the credits survive and are delivered once
 * after the restart. (A kill between Telegram accepting a message and the outbox row being marked sent would
 * send that one message twice after the restart: Telegram has no idempotency key, so delivery is at least once,
 * with that window a fraction of a millisecond per message.)
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { Pool } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramEmulator, type TelegramEmulator } from "../../src/emulators/telegram/index.js";
import { createXenditEmulator, type XenditEmulator } from "../../src/emulators/xendit/index.js";
import { SeededTopups } from "./seed.js";

const TOTAL = 2_000;
const TOKEN = "callback-token-for-chaos";
const SECRET = "xnd_development_chaos_secret";
const seeded = new SeededTopups(TOTAL, 70_000_000);

let tg: TelegramEmulator;
let xendit: XenditEmulator;
let dir: string;
let databasePath: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  tg = await createTelegramEmulator();
  xendit = await createXenditEmulator({ secretKey: SECRET, callbackToken: TOKEN });
  dir = mkdtempSync(join(tmpdir(), "cp-chaos-kill-"));
  databasePath = join(dir, "bot.sqlite");
  await seeded.write(databasePath, new Date());
  for (let i = 0; i < TOTAL; i++) tg.createUser({ id: seeded.merchantId(i), first_name: `Toko ${i}` });
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all([tg?.close(), xendit?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function startAppProcess(): Promise<{ child: ChildProcess; origin: string }> {
  const child = fork(fileURLToPath(new URL("./app-process.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      BOT_TOKEN: "123456:CHAOS-TOKEN-abcdefghijklmnopqrstuvwxyz",
      TELEGRAM_API_ROOT: tg.apiRoot,
      XENDIT_API_BASE: xendit.apiBase,
      XENDIT_SECRET_KEY: SECRET,
      XENDIT_CALLBACK_TOKEN: TOKEN,
      DATABASE_PATH: databasePath,
      PORT: "0",
      LOG_LEVEL: "silent",
      // 2,000 notifications at Telegram's ~30/s would take over a minute; their pace is tested elsewhere.
      TELEGRAM_RATE_PER_SECOND: "1000",
      POLL_INTERVAL_MS: "50",
      NOTIFY_RETRY_BASE_MS: "20",
    },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`app process exited with ${code}`)));
    child.on("message", (message: { type?: string; port?: number }) => {
      if (message.type === "ready") resolve({ child, origin: `http://127.0.0.1:${message.port}` });
    });
  });
}

/** Posts callbacks for the given top-ups concurrently; resolves with each one's HTTP status (0: no answer). */
function sendCallbacks(origin: string, indexes: number[], onAnswer?: (answered: number) => void) {
  const pool = new Pool(origin, { connections: 200, pipelining: 1 });
  let answered = 0;
  const statuses = Promise.all(
    indexes.map(async (i) => {
      try {
        const response = await pool.request({
          path: "/webhooks/xendit",
          method: "POST",
          headers: { "content-type": "application/json", "x-callback-token": TOKEN },
          body: seeded.callback(i),
        });
        await response.body.dump();
        onAnswer?.(++answered);
        return response.statusCode;
      } catch {
        return 0;
      }
    }),
  );
  return { statuses, close: () => pool.destroy() };
}

const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once("exit", resolve)));

describe("kill -9 during a flood of callbacks", () => {
  it("keeps every 2xx durable, credits each top-up once and tells each merchant once after the restart", async () => {
    const outage = tg.injectFault({ method: "sendMessage", status: 502, times: Infinity });
    const first = await startAppProcess();
    const all = Array.from({ length: TOTAL }, (_, i) => i);

    // SIGKILL once a third of the callbacks were answered: the rest are queued, in flight or half-processed.
    const flood = sendCallbacks(first.origin, all, (answered) => {
      if (answered === Math.floor(TOTAL / 3)) first.child.kill("SIGKILL");
    });
    const statuses = await flood.statuses;
    await flood.close();
    await exited(first.child);
    expect(first.child.signalCode).toBe("SIGKILL");
    const acknowledged = all.filter((i) => statuses[i]! >= 200 && statuses[i]! < 300);
    const unanswered = all.filter((i) => statuses[i] === 0);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(unanswered.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 0 || s === 200)).toBe(true);

    // Straight after the kill, before any restart: every acknowledged callback is in the database, whole.
    {
      const db = new Database(databasePath, { readonly: true });
      const state = (reference: string) =>
        db
          .prepare(
            `select t.status, (select count(*) from ledger_entries l where l.topup_id = t.id) as credits,
                    (select count(*) from invoices i where i.topup_id = t.id) as invoices,
                    (select count(*) from outbox o where o.dedupe_key = 'topup:' || t.id || ':succeeded') as notices
               from topups t where t.reference_id = ?`,
          )
          .get(reference) as { status: string; credits: number; invoices: number; notices: number };
      for (const i of acknowledged) expect(state(seeded.reference(i))).toEqual({ status: "succeeded", credits: 1, invoices: 1, notices: 1 });
      // Nothing half-written for the rest either: each top-up is untouched or completely settled.
      for (const i of all) {
        const s = state(seeded.reference(i));
        expect([JSON.stringify({ status: "pending", credits: 0, invoices: 0, notices: 0 }), JSON.stringify({ status: "succeeded", credits: 1, invoices: 1, notices: 1 })]).toContain(JSON.stringify(s));
      }
      expect(tg.callsFor("sendMessage").filter((c) => c.ok)).toHaveLength(0);
      db.close();
    }

    // Restart on the same file; Telegram is back; Xendit re-sends every callback.
    outage.remove();
    const second = await startAppProcess();
    const resend = sendCallbacks(second.origin, all);
    const again = await resend.statuses;
    await resend.close();
    expect(again.every((s) => s === 200)).toBe(true);

    const db = new Database(databasePath, { readonly: true });
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const deadline = Date.now() + 40_000;
    while (count("select count(*) from outbox where status = 'sent'") < TOTAL && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    second.child.kill("SIGTERM");
    await exited(second.child);

    expect(count("select count(*) from topups where status = 'succeeded'")).toBe(TOTAL);
    expect(count("select count(*) from ledger_entries")).toBe(TOTAL);
    expect(count("select count(distinct topup_id) from ledger_entries")).toBe(TOTAL);
    let expectedSum = 0;
    for (const i of all) expectedSum += seeded.amount(i);
    expect(count("select sum(amount) from ledger_entries")).toBe(expectedSum);
    expect(count("select count(*) from outbox where status = 'sent'")).toBe(TOTAL);
    expect(count("select count(*) from outbox")).toBe(TOTAL);
    db.close();

    const perChat = new Map<number, number>();
    for (const call of tg.callsFor("sendMessage")) if (call.ok) perChat.set(Number(call.params.chat_id), (perChat.get(Number(call.params.chat_id)) ?? 0) + 1);
    const told = all.map((i) => perChat.get(seeded.merchantId(i)) ?? 0);
    expect(told.filter((n) => n !== 1)).toEqual([]);
  });
});
