import { join } from "node:path";
import express, { Router, type Request, type Response } from "express";
import type { InlineKeyboardButton, MessageEntity } from "grammy/types";
import { z } from "zod";
import type { ChatMessage, EmulatedUser, ShownKeyboard, TelegramEmulator } from "../emulators/telegram/index.js";
import { InvalidTransitionError, type Charge, type XenditEmulator } from "../emulators/xendit/index.js";
import { projectRoot } from "../project-root.js";
import type { SimulatedUser } from "./users.js";

const publicDir = join(projectRoot, "src", "playground", "public");

/** What the OVO app shows as the payee of every push. */
export const OVO_MERCHANT_NAME = "Kasir Pintar — Coin Premium";
/** The window the OVO app gives the payer, as the Xendit emulator enforces it. */
export const OVO_WINDOW_MS = 60_000;

export interface PlaygroundDeps {
  tg: TelegramEmulator;
  xendit: XenditEmulator;
  users: ReadonlyMap<number, { profile: SimulatedUser; user: EmulatedUser }>;
}

// ---- Views: what the page gets, trimmed to what it draws. -------------------------------------------------

export interface ButtonView {
  text: string;
  data?: string;
  url?: string;
}

export interface MessageView {
  id: number;
  /** Sent by the simulated user (right side). */
  out: boolean;
  date: number;
  edited: boolean;
  text?: string;
  entities?: MessageEntity[];
  caption?: string;
  captionEntities?: MessageEntity[];
  document?: { fileId: string; name: string; mime: string; size?: number };
  photo?: boolean;
  contact?: { phone: string; name: string };
  buttons?: ButtonView[][];
}

export interface KeyboardView {
  rows: { text: string; requestContact: boolean }[][];
  placeholder?: string;
}

export interface ChargeView {
  id: string;
  amount: number;
  currency: string;
  mobileNumber: string;
  status: Charge["status"];
  failureCode: string | null;
  created: string;
  expiresAt: string;
  merchantName: string;
}

export function messageView(m: ChatMessage): MessageView {
  const buttons = m.reply_markup?.inline_keyboard.map((row) => row.map(buttonView));
  return {
    id: m.message_id,
    out: !m.from?.is_bot,
    date: m.date,
    edited: m.edited,
    ...(m.text !== undefined && { text: m.text, entities: m.entities ?? [] }),
    ...(m.caption !== undefined && { caption: m.caption, captionEntities: m.caption_entities ?? [] }),
    ...(m.document && {
      document: {
        fileId: m.document.file_id,
        name: m.document.file_name ?? "file",
        mime: m.document.mime_type ?? "application/octet-stream",
        ...(m.document.file_size !== undefined && { size: m.document.file_size }),
      },
    }),
    ...(m.photo && { photo: true }),
    ...(m.contact && { contact: { phone: m.contact.phone_number, name: m.contact.first_name } }),
    ...(buttons && buttons.length > 0 && { buttons }),
  };
}

function buttonView(button: InlineKeyboardButton): ButtonView {
  if ("callback_data" in button) return { text: button.text, data: button.callback_data };
  if ("url" in button) return { text: button.text, url: button.url };
  return { text: button.text };
}

export function keyboardView(keyboard: ShownKeyboard | undefined): KeyboardView | null {
  if (!keyboard) return null;
  return {
    rows: keyboard.keyboard.map((row) => row.map((b) => ({ text: b.text, requestContact: "request_contact" in b && b.request_contact === true }))),
    ...(keyboard.input_field_placeholder !== undefined && { placeholder: keyboard.input_field_placeholder }),
  };
}

export function chargeView(charge: Charge): ChargeView {
  return {
    id: charge.id,
    amount: charge.charge_amount,
    currency: charge.currency,
    mobileNumber: charge.channel_properties.mobile_number,
    status: charge.status,
    failureCode: charge.failure_code,
    created: charge.created,
    expiresAt: new Date(Date.parse(charge.created) + OVO_WINDOW_MS).toISOString(),
    merchantName: OVO_MERCHANT_NAME,
  };
}

// ---- Requests. ------------------------------------------------------------------------------------------

const userId = z.coerce.number().int().positive();
const schemas = {
  state: z.object({ user: userId.optional() }),
  send: z.object({ userId, text: z.string().trim().min(1).max(4096) }),
  click: z
    .object({
      userId,
      messageId: z.number().int().positive(),
      data: z.string().min(1).max(64).optional(),
      label: z.string().min(1).max(200).optional(),
    })
    .refine((b) => b.data !== undefined || b.label !== undefined, { message: "data or label is required" }),
  contact: z.object({ userId }),
  charge: z.object({ chargeId: z.string().regex(/^ewc_[A-Za-z0-9]{1,64}$/) }),
  fileId: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid request");
  }
  return result.data;
}

/** Safe to show in a browser tab; anything else downloads. */
const INLINE_TYPES = new Set(["application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain"]);

/**
 * The playground page (static files at /) and its JSON API under /playground: the simulated users' chats with
 * the real bot, the OVO app's pushes, and a server-sent event stream of everything that changes.
 * `close()` ends the event streams, which would otherwise keep the HTTP server from closing.
 */
export function createPlaygroundRouter({ tg, xendit, users }: PlaygroundDeps): { router: Router; close(): void } {
  const streams = new Set<Response>();
  let closed = false;

  const userOf = (id: number) => {
    const entry = users.get(id);
    if (!entry) throw new HttpError(404, `no simulated user ${id}`);
    return entry;
  };
  const keyboardOf = (chatId: number) => keyboardView(users.get(chatId)?.user.replyKeyboard());

  const broadcast = (event: string, data: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const listeners = {
    message: ({ chatId, message }: { chatId: number; message: ChatMessage }) =>
      broadcast("chat-message", { chatId, message: messageView(message), keyboard: keyboardOf(chatId) }),
    edit: ({ chatId, message }: { chatId: number; message: ChatMessage }) =>
      broadcast("chat-edit", { chatId, message: messageView(message), keyboard: keyboardOf(chatId) }),
    delete: ({ chatId, message }: { chatId: number; message: ChatMessage }) =>
      broadcast("chat-delete", { chatId, messageId: message.message_id, keyboard: keyboardOf(chatId) }),
    callbackAnswer: ({ chatId, answer }: { chatId: number; answer: { text?: string; show_alert?: boolean } }) => {
      if (answer.text) broadcast("chat-answer", { chatId, text: answer.text, alert: answer.show_alert === true });
    },
    charge: (charge: Charge) => broadcast("charge", chargeView(charge)),
  };
  /** The same listeners are added at start and removed at close. */
  const subscribe = (method: "on" | "off") => {
    tg[method]("message", listeners.message);
    tg[method]("edit", listeners.edit);
    tg[method]("delete", listeners.delete);
    tg[method]("callbackAnswer", listeners.callbackAnswer);
    xendit[method]("charge.created", listeners.charge);
    xendit[method]("charge.updated", listeners.charge);
  };
  subscribe("on");

  const router = Router();
  const api = Router();
  api.use(express.json({ limit: "16kb" }));
  api.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });

  api.get("/state", (req, res) => {
    const query = parse(schemas.state, req.query);
    const first = users.values().next().value;
    const current = query.user === undefined ? first : userOf(query.user);
    if (!current) throw new HttpError(500, "no simulated users");
    const { user, profile } = current;
    res.json({
      bot: { name: tg.botInfo.first_name, username: tg.botInfo.username },
      users: [...users.values()].map(({ profile: p }) => p),
      user: profile.id,
      messages: user.messages().filter((m) => !m.deleted).map(messageView),
      keyboard: keyboardView(user.replyKeyboard()),
      commands: commandsFor(tg, profile.id, profile.languageCode),
      charges: xendit.charges().map(chargeView),
      serverNow: new Date().toISOString(),
      windowMs: OVO_WINDOW_MS,
    });
  });

  api.post("/send", async (req, res) => {
    const body = parse(schemas.send, req.body);
    const message = await userOf(body.userId).user.sendText(body.text);
    res.json({ ok: true, messageId: message.message_id });
  });

  api.post("/click", async (req, res) => {
    const body = parse(schemas.click, req.body);
    const { user } = userOf(body.userId);
    try {
      // By callback_data first: two buttons may share a label, never their data.
      const queryId = await user.click(body.messageId, body.data ?? body.label!);
      res.json({ ok: true, queryId });
    } catch (error) {
      throw new HttpError(409, error instanceof Error ? error.message.split("\n")[0]! : "button not available");
    }
  });

  api.post("/contact", async (req, res) => {
    const body = parse(schemas.contact, req.body);
    const message = await userOf(body.userId).user.shareContact();
    res.json({ ok: true, messageId: message.message_id });
  });

  const settle = (action: (id: string) => Promise<unknown>) => async (req: Request, res: Response) => {
    const { chargeId } = parse(schemas.charge, req.body);
    if (!xendit.charge(chargeId)) throw new HttpError(404, "no such charge");
    try {
      await action(chargeId);
    } catch (error) {
      // Already paid, rejected or expired (another tab, or the emulator's own 60 s): report the state it is in.
      if (!(error instanceof InvalidTransitionError)) throw error;
      res.status(409).json({ error: "this payment request is no longer pending", charge: chargeView(xendit.charge(chargeId)!) });
      return;
    }
    res.json({ ok: true, charge: chargeView(xendit.charge(chargeId)!) });
  };
  api.post("/ovo/pay", settle((id) => xendit.pay(id)));
  api.post("/ovo/reject", settle((id) => xendit.reject(id)));
  // Like the real OVO app, an ignored push sends no callback: the bot's own check finds out and tells the merchant.
  api.post("/ovo/expire", settle((id) => xendit.expire(id)));

  api.get("/file/:fileId", (req, res) => {
    const fileId = parse(schemas.fileId, req.params.fileId);
    let file;
    try {
      file = tg.getFile(fileId);
    } catch {
      throw new HttpError(404, "no such file");
    }
    const mime = file.mime_type ?? "application/octet-stream";
    const name = (file.file_name ?? fileId).replace(/[^\w.\- ]/g, "_");
    res.set({
      "content-type": mime,
      "content-disposition": `${INLINE_TYPES.has(mime) ? "inline" : "attachment"}; filename="${name}"`,
      "x-content-type-options": "nosniff",
    });
    res.send(file.bytes);
  });

  api.get("/events", (req, res) => {
    if (closed) throw new HttpError(503, "the playground is stopping");
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write("retry: 1000\n\n");
    streams.add(res);
    const heartbeat = setInterval(() => res.write(": ping\n\n"), 15_000);
    req.on("close", () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  });

  api.use((_req, _res, next) => next(new HttpError(404, "not found")));
  api.use((error: unknown, _req: Request, res: Response, next: (error: unknown) => void) => {
    if (error instanceof HttpError) res.status(error.status).json({ error: error.message });
    else next(error);
  });

  // Only pages served from this machine may drive the simulation: a page elsewhere that re-points its own
  // host name at 127.0.0.1 (DNS rebinding) arrives with a foreign Host header.
  router.use("/playground", (req, res, next) => {
    if (/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(req.get("host") ?? "")) return next();
    res.status(403).json({ error: "forbidden host" });
  });
  router.use("/playground", api);
  router.use(
    express.static(publicDir, {
      index: "index.html",
      setHeaders: (res) => {
        res.set("content-security-policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        res.set("x-content-type-options", "nosniff");
        res.set("cache-control", "no-cache");
      },
    }),
  );

  return {
    router,
    close() {
      closed = true;
      subscribe("off");
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}

/** The command menu the user's Telegram would show: their chat's own (after /language), their language's, or the default. */
function commandsFor(tg: TelegramEmulator, chatId: number, language: string) {
  const candidates = [tg.myCommands({ type: "chat", chat_id: chatId }), tg.myCommands(undefined, language), tg.myCommands()];
  const commands = candidates.find((list) => list.length > 0) ?? [];
  return commands.map((c) => ({ command: c.command, description: c.description }));
}
