import type { AddressInfo } from "node:net";
import { run } from "@grammyjs/runner";
import express from "express";
import { Bot, GrammyError, HttpError, InlineKeyboard, InputFile, Keyboard, webhookCallback } from "grammy";
import type { Message, Update, UserFromGetMe } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramEmulator, parseHtml, type TelegramEmulator } from "../../src/emulators/telegram/index.js";

const TOKEN = "123:TEST";

let tg: TelegramEmulator;

beforeEach(async () => {
  tg = await createTelegramEmulator();
});

afterEach(async () => {
  await tg.close();
});

function newBot(): Bot {
  return new Bot(TOKEN, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });
}

interface Envelope<T> {
  ok: boolean;
  result: T;
  description?: string;
}

/** A raw Bot API request, for what grammY would hide (status codes, concurrency, encodings). */
async function request<T>(method: string, init: RequestInit): Promise<{ status: number; body: Envelope<T> }> {
  const res = await fetch(`${tg.apiRoot}/bot${TOKEN}/${method}`, init);
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

function call<T = Update[]>(method: string, params: Record<string, unknown> = {}): Promise<{ status: number; body: Envelope<T> }> {
  return request<T>(method, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(params) });
}

const texts = (updates: Update[]): (string | undefined)[] => updates.map((u) => u.message?.text);

async function apiError(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

function topUpBot(): Bot {
  const bot = newBot();
  bot.command("start", (ctx) =>
    ctx.reply("<b>Pilih nominal</b> top up:", {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text("Rp100.000", "topup:100000").text("Rp200.000", "topup:200000"),
    }),
  );
  bot.callbackQuery(/^topup:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery({ text: "Diproses" });
    await ctx.editMessageText(`Top up Rp${ctx.match[1]} dipilih`);
  });
  return bot;
}

describe("polling with a real grammY bot", () => {
  it("answers /start with an inline keyboard and handles a click (bot.start)", async () => {
    const bot = topUpBot();
    const running = bot.start();
    const sari = tg.createUser({ id: 1001, first_name: "Sari", language_code: "id" });

    const start = await sari.sendText("/start");
    expect(start.entities).toEqual([{ type: "bot_command", offset: 0, length: 6 }]);

    const menu = await sari.waitForBotMessage((m) => m.text?.startsWith("Pilih") ?? false);
    expect(menu.text).toBe("Pilih nominal top up:");
    expect(menu.entities).toEqual([{ type: "bold", offset: 0, length: 13 }]);
    expect(menu.disable_notification).toBe(false);

    const queryId = await sari.click(menu.message_id, "Rp100.000");
    const edited = await sari.waitForEdit(menu.message_id);
    expect(edited.message_id).toBe(menu.message_id);
    expect(edited.text).toBe("Top up Rp100000 dipilih");
    expect(edited.reply_markup).toBeUndefined(); // an edit without reply_markup removes the keyboard
    expect(sari.callbackAnswers).toEqual([{ id: queryId, text: "Diproses" }]);
    await expect(sari.click(menu.message_id, "Rp200.000")).rejects.toThrow(/no button "Rp200.000"/);

    await bot.stop();
    await running;
  });

  it("works with @grammyjs/runner and /cmd@botname", async () => {
    const bot = topUpBot();
    const runner = run(bot);
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    await sari.sendText("/start@test_bot");
    const menu = await sari.waitForBotMessage();
    await sari.click(menu.message_id, "topup:200000"); // by callback_data
    expect((await sari.waitForEdit(menu.message_id)).text).toBe("Top up Rp200000 dipilih");
    await runner.stop();
  });

  it("answers a callback query only once", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    const sent = await bot.api.sendMessage(sari.id, "Bayar?", { reply_markup: new InlineKeyboard().text("Ya", "yes") });
    const id = await sari.click(sent.message_id, "Ya");
    await expect(bot.api.answerCallbackQuery(id)).resolves.toBe(true);
    const second = await apiError(bot.api.answerCallbackQuery(id));
    expect(second.description).toBe("Bad Request: query is too old and response timeout expired or query ID is invalid");
  });
});

describe("getUpdates", () => {
  it("returns a long poll as soon as an update arrives", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    const began = Date.now();
    const poll = call("getUpdates", { timeout: 10 });
    setTimeout(() => void sari.sendText("halo"), 30);
    const { body } = await poll;
    expect(Date.now() - began).toBeLessThan(1000);
    expect(texts(body.result)).toEqual(["halo"]);
  });

  it("confirms by offset, supports negative offsets and limit", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    for (const text of ["a", "b", "c", "d"]) await sari.sendText(text);
    const all = (await call("getUpdates")).body.result;
    expect(all.map((u) => u.update_id)).toEqual([1, 2, 3, 4]);
    expect((await call("getUpdates", { limit: 2 })).body.result).toHaveLength(2);
    expect(texts((await call("getUpdates", { offset: 3 })).body.result)).toEqual(["c", "d"]);
    expect(texts((await call("getUpdates", { offset: -1 })).body.result)).toEqual(["d"]);
    expect((await call("getUpdates", { offset: 5 })).body.result).toEqual([]);
  });

  it("answers 409 to a second concurrent poller", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    const first = call("getUpdates", { timeout: 5 });
    await new Promise((r) => setTimeout(r, 20));
    const second = await call("getUpdates", { timeout: 5 });
    expect(second.status).toBe(409);
    expect(second.body.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    await sari.sendText("halo");
    expect(texts((await first).body.result)).toEqual(["halo"]);
  });

  it("close() answers pending long polls with [] and does not hang", async () => {
    const poll = call("getUpdates", { timeout: 30 });
    await new Promise((r) => setTimeout(r, 20));
    const began = Date.now();
    await tg.close();
    expect((await poll).body).toEqual({ ok: true, result: [] });
    expect(Date.now() - began).toBeLessThan(1000);
  });
});

describe("sendMessage validation", () => {
  let bot: Bot;
  beforeEach(() => {
    bot = newBot();
    tg.createUser({ id: 1001, first_name: "Sari" });
  });

  it("stores plain text and entities like Telegram", async () => {
    const m = await bot.api.sendMessage(1001, "  <b>Rp100.000</b> &amp; <a href='https://x.id/p?a=1&amp;b=2'>bayar</a> &lt;ok&gt;\n", {
      parse_mode: "HTML",
    });
    expect(m.text).toBe("Rp100.000 & bayar <ok>");
    expect(m.entities).toEqual([
      { type: "bold", offset: 0, length: 9 },
      { type: "text_link", offset: 12, length: 5, url: "https://x.id/p?a=1&b=2" },
    ]);
  });

  it.each([
    ["a bare <", "a < b", `can't parse entities: Unsupported start tag "" at byte offset 2`],
    ["an unsupported tag", "<p>x</p>", `can't parse entities: Unsupported start tag "p" at byte offset 0`],
    ["a tag after UTF-8", "é<x>", `can't parse entities: Unsupported start tag "x" at byte offset 2`],
    ["crossed tags", "<b>x</i>", `can't parse entities: Unmatched end tag at byte offset 4, expected "</b>", found "</i>"`],
    ["an unclosed tag", "<b>x", "can't parse entities: Can't find end tag corresponding to start tag b"],
    ["a plain span", "<span>x</span>", `can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`],
    ["empty text", "<b> </b>", "message text is empty"],
    ["4097 characters", "x".repeat(4097), "message is too long"],
  ])("rejects %s", async (_label, text, reason) => {
    const error = await apiError(bot.api.sendMessage(1001, text, { parse_mode: "HTML" }));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe(`Bad Request: ${reason}`);
  });

  it("checks chat, callback_data size and reply keyboards", async () => {
    expect((await apiError(bot.api.sendMessage(999, "x"))).description).toBe("Bad Request: chat not found");
    const tooLong = new InlineKeyboard().text("x", "é".repeat(33)); // 66 bytes
    expect((await apiError(bot.api.sendMessage(1001, "x", { reply_markup: tooLong }))).description).toBe(
      "Bad Request: BUTTON_DATA_INVALID",
    );
    const sari = tg.createUser({ id: 1002, first_name: "Budi", phone_number: "+6281234567890" });
    const keyboard = new Keyboard().requestContact("Bagikan nomor").oneTime().resized();
    const sent = await bot.api.sendMessage(1002, "Nomor OVO?", { reply_markup: keyboard });
    expect(sent.reply_markup).toBeUndefined();
    expect(sari.replyKeyboard()?.keyboard[0]?.[0]).toEqual({ text: "Bagikan nomor", request_contact: true });
    const contact = await sari.shareContact();
    expect(contact.contact).toEqual({ phone_number: "+6281234567890", first_name: "Budi", user_id: 1002 });
    expect(sari.replyKeyboard()).toBeUndefined(); // one-time keyboard hides after use
  });
});

describe("edits and deletes", () => {
  it("reports not-modified, missing and deleted messages", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    const keyboard = new InlineKeyboard().text("Batal", "cancel");
    const m = await bot.api.sendMessage(1001, "Menunggu pembayaran", { reply_markup: keyboard });
    const same = await apiError(bot.api.editMessageText(1001, m.message_id, "Menunggu pembayaran", { reply_markup: keyboard }));
    expect(same.description).toMatch(/^Bad Request: message is not modified: specified new message content/);
    await bot.api.editMessageReplyMarkup(1001, m.message_id);
    expect(sari.lastBotMessage()?.reply_markup).toBeUndefined();
    expect((await apiError(bot.api.editMessageText(1001, 77, "x"))).description).toBe("Bad Request: message to edit not found");
    await bot.api.deleteMessage(1001, m.message_id);
    expect(sari.lastBotMessage()).toMatchObject({ message_id: m.message_id, deleted: true, edited: true });
    expect((await apiError(bot.api.deleteMessage(1001, m.message_id))).description).toBe("Bad Request: message to delete not found");
  });
});

describe("files", () => {
  it("round-trips a document uploaded with InputFile, by file_id and by download", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    const bytes = Buffer.from("%PDF-1.4\n\u0000\u00ff binary invoice");
    const sent = await bot.api.sendDocument(1001, new InputFile(bytes, "INV-202611-0001.pdf"), {
      caption: "<b>Invoice</b>",
      parse_mode: "HTML",
    });
    expect(sent.document).toMatchObject({ file_name: "INV-202611-0001.pdf", mime_type: "application/pdf", file_size: bytes.length });
    expect(sent.caption_entities).toEqual([{ type: "bold", offset: 0, length: 7 }]);
    expect(tg.getFile(sent.document.file_id).bytes.equals(bytes)).toBe(true);

    const file = await bot.api.getFile(sent.document.file_id);
    const downloaded = Buffer.from(await (await fetch(`${tg.apiRoot}/file/bot${TOKEN}/${file.file_path}`)).arrayBuffer());
    expect(downloaded.equals(bytes)).toBe(true);

    const again = await bot.api.sendDocument(1001, sent.document.file_id);
    expect(again.document?.file_unique_id).toBe(sent.document?.file_unique_id);
    expect(sari.botMessages().map((m) => m.document?.file_name)).toEqual(["INV-202611-0001.pdf", "INV-202611-0001.pdf"]);
    expect(tg.callsFor("sendDocument")[0]?.params.chat_id).toBe(1001);
  });

  it("copies a user's photo to another chat with a new caption", async () => {
    const admin = tg.createUser({ id: 1, first_name: "Admin" });
    const user = tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    const photo = await admin.sendMessage({ photo: [{ file_id: "P1", file_unique_id: "U1", width: 10, height: 10 }], caption: "promo" });
    const copy = await bot.api.copyMessage(1001, 1, photo.message_id, { caption: "<i>Promo</i>", parse_mode: "HTML" });
    expect(user.botMessages()[0]).toMatchObject({ message_id: copy.message_id, caption: "Promo", photo: photo.photo });
  });
});

describe("faults and blocking", () => {
  it("surfaces an injected 429 as a GrammyError with retry_after, then recovers", async () => {
    tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    const fault = tg.injectFault({ method: "sendMessage", times: 1, status: 429, retryAfter: 7 });
    const error = await apiError(bot.api.sendMessage(1001, "x"));
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBe(7);
    expect(error.description).toBe("Too Many Requests: retry after 7");
    expect(fault.remaining).toBe(0);
    await expect(bot.api.sendMessage(1001, "x")).resolves.toMatchObject({ text: "x" });
    tg.injectFault({ method: /^send/, chatId: 1001, times: Infinity, status: 502 });
    expect((await apiError(bot.api.sendMessage(1001, "x"))).error_code).toBe(502);
    tg.clearFaults();
    expect(tg.callsFor("sendMessage").map((c) => c.error_code ?? 200)).toEqual([429, 200, 502]);
  });

  it("answers a 404 fault like an unknown method, and cuts the connection for a network fault", async () => {
    tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    tg.injectFault({ method: "sendChatAction", times: 1, status: 404 });
    expect((await apiError(bot.api.sendChatAction(1001, "typing"))).description).toBe("Not Found");
    tg.injectFault({ method: "sendChatAction", times: 1, status: "network" });
    await expect(bot.api.sendChatAction(1001, "typing")).rejects.toBeInstanceOf(HttpError);
    await expect(bot.api.sendChatAction(1001, "typing")).resolves.toBe(true);
    expect(tg.callsFor("sendChatAction").map((c) => [c.ok, c.error_code, c.description])).toEqual([
      [false, 404, "Not Found"],
      [false, undefined, "connection dropped"],
      [true, undefined, undefined],
    ]);
  });

  it("holds a call without an answer for a hang fault until the fault is removed, then cuts the connection", async () => {
    tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    const hang = tg.injectFault({ method: "sendMessage", times: 1, status: "hang" });
    let settled = false;
    const call = bot.api.sendMessage(1001, "x").finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([hang.remaining, settled, tg.callsFor("sendMessage")]).toEqual([0, false, []]);
    hang.remove();
    await expect(call).rejects.toBeInstanceOf(HttpError);
    await expect(bot.api.sendMessage(1001, "y")).resolves.toBeDefined();
    expect(tg.callsFor("sendMessage").map((c) => [c.ok, c.description])).toEqual([
      [false, "connection dropped"],
      [true, undefined],
    ]);
  });

  it("answers 403 for a blocked user until they write again", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    const bot = newBot();
    tg.setBlocked(1001, true);
    const error = await apiError(bot.api.sendMessage(1001, "Pembayaran berhasil"));
    expect(error.error_code).toBe(403);
    expect(error.description).toBe("Forbidden: bot was blocked by the user");
    await sari.sendText("/start");
    await expect(bot.api.sendMessage(1001, "Halo lagi")).resolves.toBeDefined();
  });
});

describe("webhook mode", () => {
  it("POSTs updates with the secret header, retries failures, and excludes polling", async () => {
    const bot = topUpBot();
    const secrets: (string | undefined)[] = [];
    let failuresLeft = 1;
    const app = express();
    app.use(express.json());
    app.post("/hook", (req, res, next) => {
      secrets.push(req.header("X-Telegram-Bot-Api-Secret-Token"));
      if (failuresLeft-- > 0) res.sendStatus(500);
      else next();
    });
    app.post("/hook", webhookCallback(bot, "express", { secretToken: "s3cret" }));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      await bot.api.setWebhook(url, { secret_token: "s3cret" });
      expect((await call("getUpdates")).status).toBe(409);

      const sari = tg.createUser({ id: 1001, first_name: "Sari" });
      await sari.sendText("/start");
      const menu = await sari.waitForBotMessage();
      expect(menu.text).toBe("Pilih nominal top up:");
      expect(secrets).toEqual(["s3cret", "s3cret"]); // first attempt answered 500 and was retried
      expect((await bot.api.getWebhookInfo()).last_error_message).toMatch(/500/);

      await bot.api.deleteWebhook();
      await sari.sendText("/start");
      expect((await call("getUpdates")).body.result).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe("everything else", () => {
  it("keeps commands per scope and language, logs unknown methods, accepts GET and urlencoded", async () => {
    const bot = newBot();
    await bot.api.setMyCommands([{ command: "start", description: "Mulai" }], { language_code: "id" });
    expect(await bot.api.getMyCommands({ language_code: "id" })).toEqual([{ command: "start", description: "Mulai" }]);
    expect(await bot.api.getMyCommands()).toEqual([]);
    expect(tg.myCommands(undefined, "id")).toHaveLength(1);
    expect((await apiError(bot.api.setMyCommands([{ command: "Start!", description: "x" }]))).description).toBe(
      "Bad Request: BOT_COMMAND_INVALID",
    );

    expect(await bot.api.raw.setMyDescription({ description: "x" })).toBe(true);
    expect(tg.callsFor("setMyDescription")[0]).toMatchObject({ ok: true, unknown: true, token: TOKEN });

    const me = await request<UserFromGetMe>("getme", { method: "GET" });
    expect(me.body.result.username).toBe("test_bot");
    tg.createUser({ id: 1001, first_name: "Sari" });
    const form = await request<Message>("sendMessage", {
      method: "POST",
      body: new URLSearchParams({ chat_id: "1001", text: "<i>hi</i>", parse_mode: "HTML" }),
    });
    expect(form.body.result.entities).toEqual([{ type: "italic", offset: 0, length: 2 }]);
    const broken = await request("sendMessage", { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
  });

  it("emits events for the playground", async () => {
    const seen: string[] = [];
    tg.on("message", ({ chatId, message }) => seen.push(`${chatId}:${message.text}`));
    tg.on("edit", ({ message }) => seen.push(`edit:${message.text}`));
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    await sari.sendText("halo");
    const m = await newBot().api.sendMessage(1001, "hai");
    await newBot().api.editMessageText(1001, m.message_id, "hai!");
    expect(seen).toEqual(["1001:halo", "1001:hai", "edit:hai!"]);
  });

  it("explains a waitForBotMessage timeout", async () => {
    const sari = tg.createUser({ id: 1001, first_name: "Sari" });
    await newBot().api.sendMessage(1001, "Saldo Rp0", { reply_markup: new InlineKeyboard().text("Top up", "t") });
    await expect(sari.waitForBotMessage((m) => m.text === "never", { timeoutMs: 50 })).rejects.toThrow(
      /within 50 ms[\s\S]*#1 "Saldo Rp0" buttons: \[Top up\]/,
    );
  });
});

describe("parseHtml", () => {
  it("follows TDLib for pre/code languages, spoilers, blockquotes and entities", () => {
    expect(parseHtml('<pre><code class="language-ts">x</code></pre><code class="language-js">y</code>')).toEqual({
      text: "xy",
      entities: [
        { type: "pre", offset: 0, length: 1, language: "ts" },
        { type: "code", offset: 1, length: 1 },
      ],
    });
    expect(parseHtml('<span class="tg-spoiler">a</span><blockquote expandable>b</blockquote>&#128512;&unknown;')).toEqual({
      text: "ab😀&unknown;",
      entities: [
        { type: "spoiler", offset: 0, length: 1 },
        { type: "expandable_blockquote", offset: 1, length: 1 },
      ],
    });
    expect(parseHtml("<b><i>ab</i>c</b>").entities).toEqual([
      { type: "bold", offset: 0, length: 3 },
      { type: "italic", offset: 0, length: 2 },
    ]);
  });
});
