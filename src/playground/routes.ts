import { join } from "node:path";
import express, { Router, type Request, type Response } from "express";
import type { InlineKeyboardButton, MessageEntity } from "grammy/types";
import { z } from "zod";
import type { ChatMessage, EmulatedUser, ShownKeyboard, TelegramEmulator } from "../emulators/telegram/index.js";
import { InvalidTransitionError, type Charge, type PaymentRequest, type XenditEmulator } from "../emulators/xendit/index.js";
import { methodOfChannel } from "../payments/methods.js";
import { projectRoot } from "../project-root.js";
import type { SimulatedUser } from "./users.js";

const publicDir = join(projectRoot, "src", "playground", "public");

/** What the OVO app shows as the payee of every push. */
export const OVO_MERCHANT_NAME = "Kasir Pintar — Coin Premium";
/** What the playground's QRIS codes name as the merchant (tag 59: at most 25 characters), as the payer's app shows it. */
export const QRIS_MERCHANT_NAME = "KASIR PINTAR COIN PREMIUM";
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
  /** A copy_text button: tapping it puts this on the clipboard. */
  copy?: string;
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
  /** The largest size Telegram keeps, served by /playground/file/:fileId. */
  photo?: { fileId: string };
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

/** A Payments API v3 request as the payer sees it: a QR to scan, an account to transfer to, or a checkout. */
export interface PaymentRequestView {
  id: string;
  flow: "qr" | "va" | "redirect";
  /** The brand: QRIS, BCA, DANA… */
  method: string;
  amount: number;
  /** What the payer paid (a transfer may differ from the amount); null until paid. */
  paidAmount: number | null;
  status: PaymentRequest["status"];
  failureCode: string | null;
  created: string;
  expiresAt: string;
  /** The QR string, the account number or the checkout page's URL. */
  payCode: string;
  /** The payee the payer's app names: the QR's merchant, the account's display name, the checkout's shop. */
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
    ...(m.photo && m.photo.length > 0 && { photo: { fileId: m.photo.at(-1)!.file_id } }),
    ...(m.contact && { contact: { phone: m.contact.phone_number, name: m.contact.first_name } }),
    ...(buttons && buttons.length > 0 && { buttons }),
  };
}

function buttonView(button: InlineKeyboardButton): ButtonView {
  if ("callback_data" in button) return { text: button.text, data: button.callback_data };
  if ("url" in button) return { text: button.text, url: button.url };
  if ("copy_text" in button) return { text: button.text, copy: button.copy_text.text };
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

export function paymentRequestView(request: PaymentRequest): PaymentRequestView {
  const { flow, name } = methodOfChannel(request.channel_code);
  const payCode = request.actions[0]?.value ?? "";
  return {
    id: request.payment_request_id,
    flow: flow === "qr" || flow === "va" ? flow : "redirect",
    method: name,
    amount: request.request_amount,
    paidAmount: request.captures ? request.captures.reduce((sum, capture) => sum + capture.capture_amount, 0) : null,
    status: request.status,
    failureCode: request.failure_code ?? null,
    created: request.created,
    expiresAt: request.channel_properties.expires_at,
    payCode,
    merchantName: flow === "qr" ? QRIS_MERCHANT_NAME : (request.channel_properties.display_name ?? OVO_MERCHANT_NAME),
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
  request: z.object({ requestId: z.string().regex(/^pr-[A-Za-z0-9-]{1,64}$/) }),
  va: z.object({
    accountNumber: z.string().trim().regex(/^\d{8,20}$/, "an account number is 8–20 digits"),
    amount: z.number().int().positive().max(1_000_000_000),
  }),
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

const IMAGE_SIGNATURES: [string, Buffer][] = [
  ["image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ["image/jpeg", Buffer.from([0xff, 0xd8, 0xff])],
  ["image/gif", Buffer.from("GIF8")],
];

function imageTypeOf(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  return IMAGE_SIGNATURES.find(([, signature]) => bytes.subarray(0, signature.length).equals(signature))?.[0];
}

/**
 * The playground page (static files at /) and its JSON API under /playground: the simulated users' chats with
 * the real bot, the payer's side (the OVO app's pushes, scanning a QR, paying a virtual account, a checkout), and a
 * server-sent event stream of everything that changes.
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
    paymentRequest: (request: PaymentRequest) => broadcast("payment-request", paymentRequestView(request)),
  };
  /** The same listeners are added at start and removed at close. */
  const subscribe = (method: "on" | "off") => {
    tg[method]("message", listeners.message);
    tg[method]("edit", listeners.edit);
    tg[method]("delete", listeners.delete);
    tg[method]("callbackAnswer", listeners.callbackAnswer);
    xendit[method]("charge.created", listeners.charge);
    xendit[method]("charge.updated", listeners.charge);
    xendit[method]("payment_request.created", listeners.paymentRequest);
    xendit[method]("payment_request.updated", listeners.paymentRequest);
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
      paymentRequests: xendit.paymentRequests().map(paymentRequestView),
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

  /** A payer's action on a payment request; one that has ended meanwhile is reported as it is now. */
  const act = async (res: Response, request: PaymentRequest, action: () => Promise<unknown>) => {
    const id = request.payment_request_id;
    try {
      await action();
    } catch (error) {
      if (!(error instanceof InvalidTransitionError)) throw error;
      res.status(409).json({ error: "this payment request is no longer open", request: paymentRequestView(xendit.paymentRequest(id)!) });
      return;
    }
    res.json({ ok: true, request: paymentRequestView(xendit.paymentRequest(id)!) });
  };
  const requestOf = (body: unknown, flow?: PaymentRequestView["flow"]) => {
    const { requestId } = parse(schemas.request, body);
    const request = xendit.paymentRequest(requestId);
    if (!request || request.payment_request_id !== requestId) throw new HttpError(404, "no such payment request");
    if (flow && paymentRequestView(request).flow !== flow) throw new HttpError(400, `payment request ${requestId} is no ${flow} payment`);
    return request;
  };
  // Scanning reads the QR string the bot's photo shows; the emulator finds its payment request by that string.
  api.post("/qris/pay", async (req, res) => {
    const request = requestOf(req.body, "qr");
    await act(res, request, () => xendit.payQr(request.actions[0]!.value));
  });
  // A transfer names only the account and the amount, as at an ATM; another amount than asked is the payer's choice.
  api.post("/va/pay", async (req, res) => {
    const { accountNumber, amount } = parse(schemas.va, req.body);
    const request = xendit.paymentRequest(accountNumber);
    if (!request || paymentRequestView(request).flow !== "va") throw new HttpError(404, "Nomor Virtual Account tidak dikenal");
    await act(res, request, () => xendit.payVa(accountNumber, amount));
  });
  api.post("/checkout/approve", async (req, res) => {
    const request = requestOf(req.body, "redirect");
    await act(res, request, () => xendit.approveCheckout(request.payment_request_id));
  });
  api.post("/checkout/decline", async (req, res) => {
    const request = requestOf(req.body, "redirect");
    await act(res, request, () => xendit.declineCheckout(request.payment_request_id));
  });
  // Xendit sends payment_request.expiry; the bot tells the merchant and takes the QR or account away.
  api.post("/payment-request/expire", async (req, res) => {
    const request = requestOf(req.body);
    await act(res, request, () => xendit.expirePaymentRequest(request.payment_request_id));
  });

  api.get("/file/:fileId", (req, res) => {
    const fileId = parse(schemas.fileId, req.params.fileId);
    let file;
    try {
      file = tg.getFile(fileId);
    } catch {
      throw new HttpError(404, "no such file");
    }
    // Telegram keeps no type for a photo (it re-encodes them); the bytes say which image it is.
    const mime = file.mime_type ?? imageTypeOf(file.bytes) ?? "application/octet-stream";
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
