import { request as httpRequest } from "node:http";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import type { ChatMessage } from "../../src/emulators/telegram/index.js";
import { PLAYGROUND_ADMIN_ID, startPlayground, type Playground } from "../../src/playground/index.js";
import { QRIS_MERCHANT_NAME, type ChargeView, type MessageView, type PaymentRequestView } from "../../src/playground/routes.js";
import { eventually } from "../helpers/harness.js";

const SARI = 700_001;
const BUDI = 700_002;
const ANI = 700_003;

let dir: string;
let pg: Playground;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cp-playground-api-"));
  // A 1-second payment check, so an ignored push is reported without waiting 70 s.
  pg = await startPlayground({
    env: { PAYMENT_CHECK_AFTER_SECONDS: "1" },
    port: 0,
    databasePath: join(dir, "playground.sqlite"),
    logger: pino({ level: "silent" }),
  });
  base = `http://127.0.0.1:${pg.port}`;
});

afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}/playground/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

interface StateBody {
  user: number;
  users: { id: number; firstName: string; admin: boolean; phone: string; languageCode: string }[];
  messages: MessageView[];
  keyboard: { rows: { text: string; requestContact: boolean }[][] } | null;
  commands: { command: string }[];
  charges: ChargeView[];
  paymentRequests: PaymentRequestView[];
}

async function state(user?: number): Promise<StateBody> {
  const response = await fetch(`${base}/playground/state${user ? `?user=${user}` : ""}`);
  expect(response.status).toBe(200);
  return (await response.json()) as StateBody;
}

const textOf = (m: ChatMessage) => m.text ?? m.caption ?? "";

/** Waits for the newest bot message of `userId` containing `text`. */
function botSays(userId: number, text: string | RegExp, timeoutMs = 5_000): Promise<ChatMessage> {
  return eventually(() => {
    const found = pg.users
      .get(userId)!
      .user.botMessages()
      .findLast((m) => (typeof text === "string" ? textOf(m).includes(text) : text.test(textOf(m))));
    if (!found) throw new Error(`no bot message ${String(text)} for ${userId}`);
    return found;
  }, timeoutMs);
}

async function click(userId: number, message: ChatMessage, label: string): Promise<void> {
  const data = message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label);
  expect(data && "callback_data" in data).toBe(true);
  const { status } = await post("click", { userId, messageId: message.message_id, data: (data as { callback_data: string }).callback_data });
  expect(status).toBe(200);
}

/** /topup up to the OVO push, through the API the page uses (phone "contact" shares it); resolves with the new charge. */
async function topupToPush(userId: number, amount: string, phone: string): Promise<ChargeView> {
  const before = (await state(userId)).charges.length;
  await post("send", { userId, text: "/topup" });
  await click(userId, await botSays(userId, "Pilih nominal"), amount);
  const method = await botSays(userId, "Pilih metode pembayaran");
  await click(userId, method, "E-Wallet");
  await click(userId, await botSays(userId, "Pilih e-wallet"), "OVO");
  await click(userId, await botSays(userId, "Ringkasan top up"), "✅ Lanjutkan");
  await botSays(userId, "Masukkan nomor HP aktif");
  if (phone === "contact") expect((await post("contact", { userId })).status).toBe(200);
  else expect((await post("send", { userId, text: phone })).status).toBe(200);
  await click(userId, await botSays(userId, "Tekan OK"), "OK");
  await botSays(userId, "Konfirmasi Pembayaran");
  const charges = await eventually(async () => {
    const now = (await state(userId)).charges;
    if (now.length <= before) throw new Error("no new charge");
    return now;
  });
  return charges.at(-1)!;
}

/**
 * /topup up to the QR, the account or the checkout: the amount, then the buttons of the method step and the
 * summary's; resolves with the new payment request as the page sees it.
 */
async function topupToRequest(userId: number, amount: string, methodButtons: string[], proceed = "✅ Lanjutkan"): Promise<PaymentRequestView> {
  const before = new Set((await state(userId)).paymentRequests.map((r) => r.id));
  await post("send", { userId, text: "/topup" });
  // Older top-ups left the same prompts in the chat: each step taps the button on the newest bot message.
  for (const label of [amount, ...methodButtons, proceed]) {
    const prompt = await eventually(() => {
      const last = pg.users.get(userId)!.user.botMessages().at(-1);
      if (!last?.reply_markup?.inline_keyboard.flat().some((b) => b.text === label)) throw new Error(`no ${label} button yet`);
      return last;
    });
    await click(userId, prompt, label);
  }
  return eventually(async () => {
    const created = (await state(userId)).paymentRequests.find((r) => !before.has(r.id));
    if (!created) throw new Error("no new payment request");
    return created;
  });
}

const deliveriesFor = (requestId: string) => pg.xendit.deliveries.filter((d) => d.chargeId === requestId);

/** Reads server-sent events until `until` has seen what it wants. */
async function collectEvents(until: (events: { event: string; data: unknown }[]) => boolean, run: () => Promise<void>) {
  const controller = new AbortController();
  const response = await fetch(`${base}/playground/events`, { signal: controller.signal });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let buffer = "";
  const reading = (async () => {
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as unknown });
      }
    }
  })();
  await run();
  await Promise.race([reading, new Promise((_, reject) => setTimeout(() => reject(new Error("events did not arrive")), 5_000))]);
  controller.abort();
  return events;
}

describe("the playground page and its API", () => {
  it("serves the page, labelled as a simulation, with a strict content security policy", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain("Simulasi</strong> — tidak ada uang sungguhan");
    expect(html).toContain('lang="id"');
    for (const asset of ["app.js", "style.css"]) expect((await fetch(`${base}/${asset}`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("answers only requests addressed to this machine (no DNS rebinding)", async () => {
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(`${base}/playground/state`, { headers: { host } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on("error", reject);
        request.end();
      });
    expect(await statusFor("evil.example:3000")).toBe(403);
    expect(await statusFor(new URL(base).host)).toBe(200);
  });

  it("lists the merchants and the admin, who is an admin of the bot", async () => {
    const body = await state();
    expect(body.user).toBe(SARI);
    expect(body.users.map((u) => u.firstName)).toEqual(["Sari", "Budi", "Ani", "Rudi"]);
    expect(body.users.find((u) => u.id === PLAYGROUND_ADMIN_ID)?.admin).toBe(true);
    expect(pg.app.services.config.adminIds).toEqual([PLAYGROUND_ADMIN_ID]);
    expect(body.users.find((u) => u.firstName === "Budi")?.languageCode).toBe("en");
    expect(body.commands.map((c) => c.command)).toContain("topup");
  });

  it("rejects bad requests with 400, unknown users and files with 404, and oversized bodies with 413", async () => {
    expect((await post("send", { userId: SARI })).status).toBe(400);
    expect((await post("send", { userId: SARI, text: "   " })).status).toBe(400);
    expect((await post("send", { userId: 42, text: "hi" })).status).toBe(404);
    expect((await post("click", { userId: SARI, messageId: 1 })).status).toBe(400);
    expect((await post("click", { userId: SARI, messageId: 9999, data: "x" })).status).toBe(409);
    expect((await post("ovo/pay", { chargeId: "not-a-charge" })).status).toBe(400);
    expect((await post("ovo/pay", { chargeId: "ewc_doesnotexist" })).status).toBe(404);
    expect((await post("send", { userId: SARI, text: "x".repeat(20_000) })).status).toBe(413);
    expect((await fetch(`${base}/playground/state?user=abc`)).status).toBe(400);
    expect((await fetch(`${base}/playground/file/BQACAgIAAx999999`)).status).toBe(404);
    expect((await fetch(`${base}/playground/file/..%2F..%2Fetc`)).status).toBe(400);
    expect((await fetch(`${base}/playground/nothing`)).status).toBe(404);
    const bad = await fetch(`${base}/playground/send`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(bad.status).toBe(400);
  });

  it("runs a top-up through the API: live events, the push, Bayar, the success message and the invoice PDF", async () => {
    let charge!: ChargeView;
    const events = await collectEvents(
      (seen) => seen.some((e) => e.event === "charge"),
      async () => {
        charge = await topupToPush(SARI, "Rp100.000", "0812-3456-7890");
      },
    );
    expect(events.some((e) => e.event === "chat-message" && (e.data as { chatId: number }).chatId === SARI)).toBe(true);
    expect(events.some((e) => e.event === "chat-edit")).toBe(true);
    expect(charge).toMatchObject({ amount: 100_000, mobileNumber: "+6281234567890", status: "PENDING", merchantName: "Kasir Pintar — Coin Premium" });
    expect(Date.parse(charge.expiresAt) - Date.parse(charge.created)).toBe(60_000);

    const paid = await post("ovo/pay", { chargeId: charge.id });
    expect(paid.status).toBe(200);
    expect((paid.json.charge as ChargeView).status).toBe("SUCCEEDED");
    expect(pg.xendit.deliveries.at(-1)).toMatchObject({ status: 200, body: { event: "ewallet.capture" } });
    const success = await botSays(SARI, "Pembayaran berhasil");
    expect(textOf(success)).toContain("Saldo Coin Premium: Rp100.000");

    // Paying twice is refused, with the charge's real state.
    const again = await post("ovo/pay", { chargeId: charge.id });
    expect(again.status).toBe(409);
    expect((again.json.charge as ChargeView).status).toBe("SUCCEEDED");

    const invoice = success.reply_markup?.inline_keyboard.flat().find((b) => b.text === "🧾 Invoice");
    if (invoice) {
      await click(SARI, success, "🧾 Invoice");
      const document = await eventually(() => {
        const found = pg.users.get(SARI)!.user.botMessages().findLast((m) => m.document);
        if (!found?.document) throw new Error("no invoice document yet");
        return found.document;
      });
      const view = (await state(SARI)).messages.find((m) => m.document)!;
      expect(view.document).toMatchObject({ fileId: document.file_id, mime: "application/pdf" });
      const file = await fetch(`${base}/playground/file/${document.file_id}`);
      expect(file.headers.get("content-type")).toBe("application/pdf");
      expect(file.headers.get("content-disposition")).toMatch(/^inline; filename="[\w.\- ]+\.pdf"$/);
      expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    }

    await post("send", { userId: SARI, text: "/saldo" });
    expect(textOf(await botSays(SARI, "👛"))).toContain("Rp100.000");
  });

  it("shows the share-my-number reply keyboard, and an expired push is reported by the bot's own check", async () => {
    await post("send", { userId: ANI, text: "/topup" });
    await click(ANI, await botSays(ANI, "Pilih nominal"), "Rp50.000");
    await click(ANI, await botSays(ANI, "Pilih metode pembayaran"), "E-Wallet");
    await click(ANI, await botSays(ANI, "Pilih e-wallet"), "OVO");
    await click(ANI, await botSays(ANI, "Ringkasan top up"), "✅ Lanjutkan");
    await botSays(ANI, "Masukkan nomor HP aktif");
    const keyboard = (await state(ANI)).keyboard;
    expect(keyboard?.rows.flat()).toContainEqual({ text: "📱 Kirim nomor saya", requestContact: true });
    expect((await post("contact", { userId: ANI })).status).toBe(200);
    const shared = (await state(ANI)).messages.findLast((m) => m.out);
    expect(shared?.contact?.phone).toBe("6281398765432");
    await click(ANI, await botSays(ANI, "Tekan OK"), "OK");
    expect((await state(ANI)).keyboard).toBeNull();

    const charge = await eventually(async () => {
      const found = (await state(ANI)).charges.find((c) => c.mobileNumber === "+6281398765432" && c.status === "PENDING");
      if (!found) throw new Error("no push yet");
      return found;
    });
    const expired = await post("ovo/expire", { chargeId: charge.id });
    expect(expired.status).toBe(200);
    expect((expired.json.charge as ChargeView).status).toBe("FAILED");
    // Like the OVO app, an ignored push sends no callback; the bot finds out by asking Xendit.
    expect(pg.xendit.deliveries.some((d) => d.chargeId === charge.id)).toBe(false);
    expect(textOf(await botSays(ANI, /Waktu pembayaran habis|Pembayaran gagal/, 8_000))).toContain("Rp50.000");
  });

  it("stops cleanly with an event stream still open", async () => {
    const other = await startPlayground({ env: {}, port: 0, databasePath: join(dir, "second.sqlite"), logger: pino({ level: "silent" }) });
    const response = await fetch(`http://127.0.0.1:${other.port}/playground/events`);
    const reader = response.body!.getReader();
    await reader.read();
    await other.stop();
    expect((await reader.read()).done).toBe(true);
  });

  it("refuses an invalid PORT with the usual one-line configuration error", async () => {
    await expect(startPlayground({ env: { PORT: "abc" }, databasePath: join(dir, "bad.sqlite") })).rejects.toThrow(ConfigError);
    await expect(startPlayground({ env: { PORT: "abc" }, databasePath: join(dir, "bad.sqlite") })).rejects.toThrow(/^Configuration error: PORT /);
  });
});

describe("the payer's phone: QRIS, virtual accounts and checkouts", () => {
  it("shows the QR photo as a PNG, streams the payment request, pays it once with Pindai QR & Bayar and refuses a second scan", async () => {
    let request!: PaymentRequestView;
    const events = await collectEvents(
      (seen) => seen.some((e) => e.event === "payment-request"),
      async () => {
        request = await topupToRequest(SARI, "Rp50.000", ["QRIS"]);
      },
    );
    expect(events.find((e) => e.event === "payment-request")?.data).toMatchObject({ id: request.id, flow: "qr", status: "ACCEPTING_PAYMENTS" });
    expect(request).toMatchObject({ flow: "qr", method: "QRIS", amount: 50_000, paidAmount: null, merchantName: QRIS_MERCHANT_NAME });
    expect(request.payCode).toMatch(/^000201/);
    // The bot asked for 30 minutes from its own clock, a moment before the gateway stamped `created`.
    expect(Math.round((Date.parse(request.expiresAt) - Date.parse(request.created)) / 60_000)).toBe(30);

    const photo = await eventually(async () => {
      const found = (await state(SARI)).messages.findLast((m) => m.photo);
      if (!found?.photo) throw new Error("no QR photo yet");
      return found.photo;
    });
    const file = await fetch(`${base}/playground/file/${photo.fileId}`);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(file.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const paid = await post("qris/pay", { requestId: request.id });
    expect(paid.status).toBe(200);
    expect(paid.json.request).toMatchObject({ status: "SUCCEEDED", paidAmount: 50_000 });
    expect(deliveriesFor(request.id).at(-1)).toMatchObject({ status: 200, body: { event: "payment.capture" } });
    // This one's notice, not an earlier test's success for the same merchant.
    await botSays(SARI, /Pembayaran berhasil[\s\S]*Rp50\.000/);

    const again = await post("qris/pay", { requestId: request.id });
    expect(again.status).toBe(409);
    expect(again.json.request).toMatchObject({ id: request.id, status: "SUCCEEDED" });
    expect(deliveriesFor(request.id)).toHaveLength(1);
  });

  it("takes a transfer of another amount to a virtual account, which the bot flags instead of crediting", async () => {
    const request = await topupToRequest(ANI, "Rp100.000", ["Virtual Account", "BNI"]);
    expect(request).toMatchObject({ flow: "va", method: "BNI", amount: 100_000 });
    expect(request.payCode).toMatch(/^\d{10,20}$/);

    expect((await post("va/pay", { accountNumber: "12345678901234", amount: 100_000 })).status).toBe(404);
    expect((await post("va/pay", { accountNumber: "12ab", amount: 100_000 })).status).toBe(400);
    expect((await post("va/pay", { accountNumber: request.payCode, amount: 0 })).status).toBe(400);
    expect((await post("va/pay", { accountNumber: request.payCode, amount: 99_500.5 })).status).toBe(400);
    expect(deliveriesFor(request.id)).toHaveLength(0);

    const paid = await post("va/pay", { accountNumber: request.payCode, amount: 99_000 });
    expect(paid.status).toBe(200);
    expect(paid.json.request).toMatchObject({ status: "SUCCEEDED", amount: 100_000, paidAmount: 99_000 });
    expect(deliveriesFor(request.id).at(-1)).toMatchObject({ status: 200 });
    const topup = await eventually(async () => {
      const found = await pg.app.services.topups.latest(ANI);
      if (!found?.flag) throw new Error("not flagged yet");
      return found;
    });
    expect(topup).toMatchObject({ chargeId: request.id, amount: 100_000 });
    expect(topup.status).not.toBe("succeeded");
  });

  it("opens the checkout page of a redirect e-wallet; Tolak fails it, Setujui pays the next one", async () => {
    const declined = await topupToRequest(BUDI, "Rp50.000", ["E-Wallet", "DANA"], "✅ Continue");
    expect(declined).toMatchObject({ flow: "redirect", method: "DANA", status: "REQUIRES_ACTION" });
    expect(declined.payCode).toBe(`${pg.xendit.apiBase}/v3/checkout/${declined.id}`);
    const page = await fetch(declined.payCode);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Rp50.000");

    const no = await post("checkout/decline", { requestId: declined.id });
    expect(no.status).toBe(200);
    expect(no.json.request).toMatchObject({ status: "FAILED" });
    await botSays(BUDI, "Payment failed");
    expect((await post("checkout/approve", { requestId: declined.id })).status).toBe(409);

    const approved = await topupToRequest(BUDI, "Rp50.000", ["E-Wallet", "DANA"], "✅ Continue");
    const yes = await post("checkout/approve", { requestId: approved.id });
    expect(yes.status).toBe(200);
    expect(yes.json.request).toMatchObject({ status: "SUCCEEDED", paidAmount: 50_000 });
    expect(textOf(await botSays(BUDI, "Payment successful"))).toContain("Rp50.000");
  });

  it("lets a QR expire (Xendit's payment_request.expiry, which the bot reports) and refuses actions meant for another kind of payment", async () => {
    const request = await topupToRequest(PLAYGROUND_ADMIN_ID, "Rp100.000", ["QRIS"]);
    expect((await post("checkout/approve", { requestId: request.id })).status).toBe(400);
    expect((await post("va/pay", { accountNumber: "1234567890", amount: 100_000 })).status).toBe(404);
    expect((await post("qris/pay", { requestId: "pr-00000000-0000-0000-0000-000000000000" })).status).toBe(404);
    expect((await post("qris/pay", { requestId: "ewc_notarequest" })).status).toBe(400);

    const expired = await post("payment-request/expire", { requestId: request.id });
    expect(expired.status).toBe(200);
    expect(expired.json.request).toMatchObject({ status: "EXPIRED" });
    expect(deliveriesFor(request.id).at(-1)).toMatchObject({ status: 200, body: { event: "payment_request.expiry" } });
    expect(textOf(await botSays(PLAYGROUND_ADMIN_ID, "QR kedaluwarsa"))).toContain("Rp100.000");
    expect((await post("qris/pay", { requestId: request.id })).status).toBe(409);
  });

  it("shows an account the merchant cancelled with Batalkan as cancelled at the gateway, and refuses a transfer to it", async () => {
    const request = await topupToRequest(PLAYGROUND_ADMIN_ID, "Rp100.000", ["Virtual Account", "Mandiri"]);
    const prompt = await botSays(PLAYGROUND_ADMIN_ID, "Virtual Account Mandiri");
    await click(PLAYGROUND_ADMIN_ID, prompt, "✖️ Batalkan");
    const cancelled = await eventually(async () => {
      const found = (await state()).paymentRequests.find((r) => r.id === request.id);
      if (found?.status !== "CANCELED") throw new Error(`still ${found?.status}`);
      return found;
    });
    expect(cancelled.paidAmount).toBeNull();
    const refused = await post("va/pay", { accountNumber: request.payCode, amount: 100_000 });
    expect(refused.status).toBe(409);
    expect(refused.json.request).toMatchObject({ status: "CANCELED" });
    expect(deliveriesFor(request.id)).toHaveLength(0);
  });
});

describe("npm start", () => {
  const tsx = join(process.cwd(), "node_modules", ".bin", "tsx");
  const main = join(process.cwd(), "src", "main.ts");

  /** Runs src/main.ts in an empty folder (no .env) until it prints a line or exits. */
  function start(env: Record<string, string>, { stop }: { stop: boolean }): Promise<{ line: string; code: number | null }> {
    const cwd = mkdtempSync(join(tmpdir(), "cp-start-"));
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(BOT_TOKEN|XENDIT_|PORT|DATABASE_PATH|LOG_LEVEL|ADMIN_IDS)/.test(key)),
    );
    const child = spawn(tsx, [main], { cwd, env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`no output in time: ${output}`));
      }, 15_000);
      let answered = false;
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        // Only the first line counts: a second SIGTERM for later output (a warning while stopping) would kill it.
        if (answered || !output.includes("\n")) return;
        answered = true;
        clearTimeout(timer);
        const line = output.split("\n")[0]!;
        const finish = (code: number | null) => {
          rmSync(cwd, { recursive: true, force: true });
          resolve({ line, code });
        };
        if (child.exitCode !== null) finish(child.exitCode);
        else child.once("exit", finish);
        // A running server: stop it the way an operator would.
        if (stop) child.kill("SIGTERM");
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
    });
  }

  it("without BOT_TOKEN prints one line with the playground's URL and stops on SIGTERM", async () => {
    const { line, code } = await start({ PORT: "0" }, { stop: true });
    expect(line).toMatch(/^BOT_TOKEN is not set: offline playground \(simulasi — tidak ada uang sungguhan\) at http:\/\/localhost:\d+\/$/);
    expect(code).toBe(0);
  });

  it("with BOT_TOKEN never starts the playground and names the missing variable", async () => {
    const { line, code } = await start({ BOT_TOKEN: "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ" }, { stop: false });
    expect(line).toBe("Configuration error: XENDIT_SECRET_KEY is not set (see .env.example)");
    expect(code).toBe(1);
  });
});
